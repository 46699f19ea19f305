package io.cdp.gateway.apikey;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/api-keys}: create (the answer carries the key, once), list and revoke
 * API keys. The access filter has already checked the caller's {@code admin} scope. The
 * database calls block, so they run on the bounded elastic scheduler, never on an event
 * loop thread.
 */
@RestController
class ApiKeyAdminController {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final ApiKeyRegistry registry;

	ApiKeyAdminController(ApiKeyRegistry registry) {
		this.registry = registry;
	}

	@PostMapping("/v1/admin/api-keys")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ApiKeyView> create(@RequestBody NewApiKey request) {
		Map<String, String> errors = new LinkedHashMap<>();
		String name = request.name();
		if (name == null || !NAME.matcher(name).matches()) {
			errors.put("name", "name must be 1 to 64 letters, digits, dots, dashes or underscores");
		}
		Set<Scope> scopes = scopes(request.scopes(), errors);
		if (!errors.isEmpty()) {
			return Mono.error(new ProblemException(ProblemType.INVALID_REQUEST,
					"The API key is invalid: " + String.join("; ", errors.values()))
				.withErrors(errors));
		}
		String key = ApiKeySecrets.generate();
		return blocking(() -> {
			try {
				return ApiKeyView.of(this.registry.create(name, scopes, key), key);
			}
			catch (DuplicateKeyException ex) {
				throw new ProblemException(ProblemType.API_KEY_NAME_TAKEN,
						"An active API key is already named " + name);
			}
		});
	}

	@GetMapping("/v1/admin/api-keys")
	Mono<List<ApiKeyView>> list() {
		return blocking(() -> this.registry.all().stream().map((apiKey) -> ApiKeyView.of(apiKey, null)).toList());
	}

	@DeleteMapping("/v1/admin/api-keys/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable String id) {
		return revoke(id).then();
	}

	@PostMapping("/v1/admin/api-keys/{id}/revoke")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> revokeByPost(@PathVariable String id) {
		return revoke(id).then();
	}

	private Mono<Boolean> revoke(String id) {
		if (!ID.matcher(id).matches()) {
			// No key has such an id, and some such values (a NUL) cannot even be looked
			// up.
			return Mono.error(new ProblemException(ProblemType.INVALID_REQUEST, "The API key id is invalid")
				.withErrors(Map.of("id",
						"id must be 1 to 64 letters, digits, dashes or underscores, such as key_3f9c0e1d2b4a6c8e")));
		}
		return blocking(() -> {
			if (!this.registry.revoke(id) && !this.registry.exists(id)) {
				throw new ProblemException(ProblemType.API_KEY_NOT_FOUND, "No API key has the id " + id);
			}
			// Revoking twice is not an error: the key is revoked either way.
			return true;
		});
	}

	private static Set<Scope> scopes(@Nullable List<String> names, Map<String, String> errors) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		if (names == null || names.isEmpty()) {
			errors.put("scopes", "scopes must name at least one of profiles:read, events:read, admin");
			return scopes;
		}
		for (String name : names) {
			Optional<Scope> scope = (name != null) ? Scope.fromWireName(name) : Optional.empty();
			// Only a name that could be a scope is quoted back, never a long or odd one.
			String shown = (name != null && NAME.matcher(name.replace(':', '.')).matches()) ? " " + name : "";
			scope.ifPresentOrElse(scopes::add, () -> errors.put("scopes",
					"unknown scope" + shown + "; scopes are profiles:read, events:read, admin"));
		}
		return scopes;
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
