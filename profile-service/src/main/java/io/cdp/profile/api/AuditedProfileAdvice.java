package io.cdp.profile.api;

import java.util.List;

import io.cdp.contract.caller.AuditHeader;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Names the profile an answer shows in the {@value AuditHeader#NAME} header, for the
 * gateway's audit of who read whom: only this service knows which profile a lookup by
 * identifier or a merged-away id resolved to. The gateway records the header and removes
 * it before the answer leaves. Problems (a profile not found) name none.
 */
@ControllerAdvice(basePackageClasses = ProfileController.class)
class AuditedProfileAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProfileAnswer answer) {
			response.getHeaders().set(AuditHeader.NAME, AuditHeader.write(List.of(answer.profileId())));
		}
		return body;
	}

}
