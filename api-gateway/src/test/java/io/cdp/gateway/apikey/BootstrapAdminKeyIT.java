package io.cdp.gateway.apikey;

import java.time.Duration;
import java.util.Set;

import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "cdp.gateway.api-keys.bootstrap-admin-key=" + BootstrapAdminKeyIT.BOOTSTRAP_KEY)
@RealInfrastructure
class BootstrapAdminKeyIT {

	static final String BOOTSTRAP_KEY = "bootstrap-admin-key-for-bootstrap-tests";

	@Autowired
	private ApiKeyRegistry registry;

	@Autowired
	private ApiKeyRepository repository;

	@Test
	void shouldStoreTheBootstrapKeyHashedWithTheAdminScopeAndKeepARevokedOneRevoked() {
		ApiKey stored = this.registry.authenticate(BOOTSTRAP_KEY).orElseThrow();
		assertThat(stored.name()).isEqualTo(ApiKeyRegistry.BOOTSTRAP_ADMIN_NAME);
		assertThat(stored.scopes()).containsExactly(Scope.ADMIN);
		assertThat(stored.keyHash()).isEqualTo(ApiKeySecrets.hash(BOOTSTRAP_KEY)).doesNotContain(BOOTSTRAP_KEY);

		this.registry.revoke(stored.id());
		// A restart with the same setting, as another instance or the next deployment
		// would do.
		ApiKeyRegistry restarted = new ApiKeyRegistry(this.repository,
				new ApiKeyProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), BOOTSTRAP_KEY));

		assertThat(restarted.authenticate(BOOTSTRAP_KEY)).isEmpty();
		assertThat(this.repository.findAll())
			.filteredOn((key) -> key.name().equals(ApiKeyRegistry.BOOTSTRAP_ADMIN_NAME))
			.hasSize(1);
	}

	@Test
	void shouldNotStoreTheBootstrapKeyWhenAnAdminKeyExists() {
		this.registry.create("operator", Set.of(Scope.ADMIN), ApiKeySecrets.generate());
		int before = this.repository.findAll().size();

		new ApiKeyRegistry(this.repository,
				new ApiKeyProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), "another-bootstrap-key"));

		assertThat(this.repository.findAll()).hasSize(before);
	}

}
