package io.cdp.gateway.apikey;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Request body of {@code POST /v1/admin/api-keys}.
 *
 * @param name the caller's name: 1 to 64 letters, digits, dots, dashes or underscores
 * @param scopes one or more of {@code profiles:read}, {@code events:read}, {@code admin}
 */
record NewApiKey(@Nullable String name, @Nullable List<String> scopes) {

}
