package io.cdp.gateway.audit;

import java.util.Optional;

import io.cdp.gateway.audit.AuditedRequests.AuditedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

class AuditedRequestsTests {

	@Test
	void shouldRecordTheReadsOfAProfileWithTheIdOfThePath() {
		assertThat(of(HttpMethod.GET, "/v1/profiles/p-1"))
			.contains(new AuditedRequest(AuditAction.READ, "/v1/profiles/{profileId}", "p-1", null));
		assertThat(of(HttpMethod.GET, "/v1/profiles/p-1/events"))
			.contains(new AuditedRequest(AuditAction.READ, "/v1/profiles/{profileId}/events", "p-1", null));
		assertThat(of(HttpMethod.GET, "/v1/profiles/p%201/export/"))
			.contains(new AuditedRequest(AuditAction.READ, "/v1/profiles/{profileId}/export", "p 1", null));
		assertThat(of(HttpMethod.GET, "/v1/admin/profiles/p-1/export"))
			.contains(new AuditedRequest(AuditAction.READ, "/v1/admin/profiles/{profileId}/export", "p-1", null));
	}

	@Test
	void shouldRecordALookupWithoutAProfileIdForTheAnswerToName() {
		assertThat(of(HttpMethod.GET, "/v1/profiles/lookup"))
			.contains(new AuditedRequest(AuditAction.READ, "/v1/profiles/lookup", null, null));
	}

	@Test
	void shouldRecordAdminChangesWithTheIdThatFollowsTheCollection() {
		assertThat(of(HttpMethod.POST, "/v1/admin/api-keys"))
			.contains(new AuditedRequest(AuditAction.CHANGE, "/v1/admin/api-keys", null, null));
		assertThat(of(HttpMethod.DELETE, "/v1/admin/api-keys/key_1"))
			.contains(new AuditedRequest(AuditAction.CHANGE, "/v1/admin/api-keys/{id}", null, "key_1"));
		assertThat(of(HttpMethod.POST, "/v1/admin/destinations/crm/dead-letters/replay")).contains(
				new AuditedRequest(AuditAction.CHANGE, "/v1/admin/destinations/{id}/dead-letters/replay", null, "crm"));
		assertThat(of(HttpMethod.POST, "/v1/admin/dead-letters/replay"))
			.contains(new AuditedRequest(AuditAction.CHANGE, "/v1/admin/dead-letters/replay", null, null));
		assertThat(of(HttpMethod.POST, "/v1/admin/profiles/p-1/split"))
			.contains(new AuditedRequest(AuditAction.CHANGE, "/v1/admin/profiles/{profileId}/split", "p-1", "p-1"));
	}

	@Test
	void shouldLeaveOtherRequestsToWhatTheAnswerNames() {
		assertThat(of(HttpMethod.GET, "/v1/admin/api-keys")).isEmpty();
		assertThat(of(HttpMethod.GET, "/v1/admin/audit")).isEmpty();
		assertThat(of(HttpMethod.GET, "/v1/audiences/vip/members")).isEmpty();
		assertThat(of(HttpMethod.OPTIONS, "/v1/admin/api-keys/key_1")).isEmpty();
		assertThat(of(HttpMethod.POST, "/v1/profiles/p-1")).isEmpty();
		assertThat(of(HttpMethod.GET, "/v2/profiles/p-1")).isEmpty();
		assertThat(of(HttpMethod.GET, "/v1/profiles")).isEmpty();
	}

	@Test
	void shouldReplaceControlCharactersSoThatEveryRowCanBeStored() {
		assertThat(of(HttpMethod.GET, "/v1/profiles/p%00x")).get()
			.extracting(AuditedRequest::profileId)
			.isEqualTo("p\uFFFDx");
	}

	private static Optional<AuditedRequest> of(HttpMethod method, String path) {
		return AuditedRequests.of(method, PathContainer.parsePath(path));
	}

}
