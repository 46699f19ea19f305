package io.cdp.web.problem.servlet;

import java.util.Map;

import io.cdp.web.problem.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemReportValveTests {

	@Test
	void shouldNameThePathOfARefusedRequestAsAnInvalidRequest() {
		Map<String, Object> problem = new ProblemReportValve(ProblemType.INVALID_REQUEST).problem(400);

		assertThat(problem).containsEntry("type", "https://cdp.example.com/problems/invalid-request")
			.containsEntry("title", "Invalid request")
			.containsEntry("status", 400)
			.containsEntry("detail", ProblemReportValve.INVALID_PATH_DETAIL)
			.containsEntry("errors", Map.of("path", ProblemReportValve.INVALID_PATH_DETAIL));
	}

	@Test
	void shouldNameOtherRefusalsAfterTheirStatus() {
		Map<String, Object> problem = new ProblemReportValve(ProblemType.INVALID_REQUEST).problem(414);

		assertThat(problem).containsExactly(Map.entry("type", "https://cdp.example.com/problems/uri-too-long"),
				Map.entry("title", "URI Too Long"), Map.entry("detail", "URI Too Long"), Map.entry("status", 414));
	}

	@Test
	void shouldAnswerEveryRefusalAsAMalformedRequestWhenTheServiceSaysSo() {
		Map<String, Object> problem = new ProblemReportValve(ProblemType.MALFORMED_REQUEST).problem(414);

		assertThat(problem).containsExactly(Map.entry("type", "https://cdp.example.com/problems/malformed-request"),
				Map.entry("title", "Malformed request"), Map.entry("status", 414),
				Map.entry("detail", ProblemReportValve.MALFORMED_DETAIL));
	}

	@Test
	void shouldAnswerAServerErrorWithoutItsCause() {
		Map<String, Object> problem = new ProblemReportValve(ProblemType.MALFORMED_REQUEST).problem(503);

		assertThat(problem).containsEntry("type", "https://cdp.example.com/problems/internal-error")
			.containsEntry("title", "Internal error")
			.containsEntry("status", 503)
			.containsEntry("detail", "The request could not be handled");
	}

}
