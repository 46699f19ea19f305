package io.cdp.web.problem;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypeTests {

	@Test
	void shouldGiveEveryTypeItsOwnSlugUnderTheCommonBase() {
		assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug)).doesNotHaveDuplicates()
			.allMatch((slug) -> slug.matches("[a-z]+(-[a-z]+)*"));
		assertThat(ProblemType.PROFILE_NOT_FOUND.uri())
			.hasToString("https://cdp.example.com/problems/profile-not-found");
	}

	@ParameterizedTest
	@CsvSource({ "400, invalid-request", "404, not-found", "405, method-not-allowed", "406, not-acceptable",
			"413, payload-too-large", "415, unsupported-media-type", "414, uri-too-long",
			"431, request-header-fields-too-large", "599, error" })
	void shouldNameWhatSpringAnswersItselfAfterTheStatus(int status, String slug) {
		assertThat(ProblemType.slugForStatus(status)).isEqualTo(slug);
	}

	@Test
	void shouldMakeTheDetailWellFormedText() {
		ProblemDetail problem = ProblemType.INVALID_REQUEST.problem("userId \ud800 is not text");

		assertThat(problem.getDetail()).isEqualTo("userId \ufffd is not text");
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getTitle()).isEqualTo("Invalid request");
	}

	@Test
	void shouldCarryItsProblemMembersAndHeadersInTheException() {
		ProblemException ex = new ProblemException(ProblemType.INGEST_UNAVAILABLE, "Kafka did not answer")
			.withField("batch")
			.withErrors(Map.of("batch", "bad \ud800"))
			.with("limit", 3)
			.withHeader(HttpHeaders.RETRY_AFTER, "5");

		assertThat(ex.getMessage()).isEqualTo("Kafka did not answer");
		assertThat(ex.type()).isEqualTo(ProblemType.INGEST_UNAVAILABLE);
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(ex.getBody().getType()).isEqualTo(ProblemType.INGEST_UNAVAILABLE.uri());
		assertThat(ex.getBody().getTitle()).isEqualTo("Ingest temporarily unavailable");
		assertThat(ex.getBody().getProperties()).containsEntry("field", "batch")
			.containsEntry("errors", Map.of("batch", "bad \ufffd"))
			.containsEntry("limit", 3);
	}

	@Test
	void shouldLeaveOutErrorsAndFieldWhenThereAreNone() {
		ProblemException ex = new ProblemException(ProblemType.INVALID_REQUEST, "The body is empty").withField(null)
			.withErrors(Map.of());

		assertThat(ex.getBody().getProperties()).isNullOrEmpty();
	}

}
