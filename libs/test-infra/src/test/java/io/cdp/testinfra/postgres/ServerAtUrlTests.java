package io.cdp.testinfra.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServerAtUrlTests {

	@Test
	void shouldPointTheUrlAtTheRequestedDatabaseKeepingItsParameters() {
		ServerAtUrl server = ServerAtUrl.external("jdbc:postgresql://db.internal:6432/cdp?sslmode=require&user=ci");

		assertThat(server.jdbcUrl("t1_orders"))
			.isEqualTo("jdbc:postgresql://db.internal:6432/t1_orders?sslmode=require&user=ci");
		assertThat(server.username()).isEqualTo("ci");
	}

	@Test
	void shouldNeverShowThePasswordInItsDescription() {
		ServerAtUrl server = ServerAtUrl.external("jdbc:postgresql://db:5432/cdp?user=ci&password=s3cret");

		assertThat(server.password()).isEqualTo("s3cret");
		assertThat(server.toString()).doesNotContain("s3cret");
	}

	@Test
	void shouldRejectAUrlThatIsNotPostgreSql() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerAtUrl.external("jdbc:mysql://db/cdp?password=x"))
			.withMessageContaining("jdbc:postgresql://")
			.withMessageNotContaining("password=x");
	}

}
