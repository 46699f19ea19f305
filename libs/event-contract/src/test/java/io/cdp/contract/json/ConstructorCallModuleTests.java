package io.cdp.contract.json;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConstructorCallModuleTests {

	/** Jackson's own instantiators, with the features of the platform's mappers. */
	private static final JsonMapper PLAIN = JsonMapper.builder()
		.addModule(new IsoInstantModule())
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final JsonMapper WITH_MODULE = ContractJson.mapper();

	@Test
	void shouldReadRecordsOfEveryKindOfComponentAsJacksonDoes() {
		String json = """
				{"id":"a","count":7,"total":12345678901,"flag":true,"ratio":0.25,"boxed":null,
				 "at":"2025-01-31T09:30:00.123Z","tags":["x","y"],"props":{"k":{"n":[1,2]}},
				 "inner":{"name":"n","size":3},"inners":[{"name":"m","size":-1}]}
				""";
		Everything read = WITH_MODULE.readValue(json, Everything.class);
		assertThat(read).isEqualTo(PLAIN.readValue(json, Everything.class));
		assertThat(read.count()).isEqualTo(7);
		assertThat(read.total()).isEqualTo(12345678901L);
		assertThat(read.at()).isEqualTo(Instant.parse("2025-01-31T09:30:00.123Z"));
		assertThat(read.inners()).containsExactly(new Inner("m", -1));
	}

	@Test
	void shouldTreatMissingComponentsAsJacksonDoes() {
		String withoutPrimitives = """
				{"id":"only","count":1,"total":2,"flag":true,"ratio":0.5}
				""";
		Everything read = WITH_MODULE.readValue(withoutPrimitives, Everything.class);
		assertThat(read).isEqualTo(PLAIN.readValue(withoutPrimitives, Everything.class));
		assertThat(read.tags()).isNull();
		assertThat(read.inner()).isNull();
		String missingPrimitive = """
				{"id":"only"}
				""";
		Throwable ours = catchThrowable(() -> WITH_MODULE.readValue(missingPrimitive, Everything.class));
		Throwable jacksons = catchThrowable(() -> PLAIN.readValue(missingPrimitive, Everything.class));
		assertThat(ours).isNotNull().hasSameClassAs(jacksons).hasMessage(jacksons.getMessage());
	}

	@Test
	void shouldFailAsJacksonDoesWhenTheConstructorRefusesTheValues() {
		String json = """
				{"name":"","size":1}
				""";
		Throwable ours = catchThrowable(() -> WITH_MODULE.readValue(json, Inner.class));
		Throwable jacksons = catchThrowable(() -> PLAIN.readValue(json, Inner.class));
		assertThat(ours).isNotNull().hasSameClassAs(jacksons).hasMessage(jacksons.getMessage());
		assertThat(ours).hasRootCauseInstanceOf(IllegalArgumentException.class)
			.hasRootCauseMessage("name must not be empty");
	}

	@Test
	void shouldLetAnErrorOfTheConstructorGoOnAsJacksonDoes() {
		String json = """
				{"reason":"out of memory"}
				""";
		Throwable ours = catchThrowable(() -> WITH_MODULE.readValue(json, Failing.class));
		Throwable jacksons = catchThrowable(() -> PLAIN.readValue(json, Failing.class));
		assertThat(ours).isInstanceOf(OutOfMemoryError.class).hasSameClassAs(jacksons).hasMessage("out of memory");
	}

	@Test
	void shouldReadRecordsThatAreNotPublic() {
		assertThat(WITH_MODULE.readValue("""
				{"value":"v"}
				""", Hidden.class)).isEqualTo(new Hidden("v"));
	}

	@Test
	void shouldCallTheConstructorWithoutBuildingASpreaderPerCall() {
		Traced.stack = null;
		WITH_MODULE.readValue("""
				{"value":"v","other":2}
				""", Traced.class);
		assertThat(Traced.stack).isNotNull();
		assertThat(Arrays.stream(Traced.stack).map(StackTraceElement::getMethodName))
			.doesNotContain("invokeWithArguments");
		assertThat(Arrays.stream(Traced.stack).map(StackTraceElement::getClassName))
			.contains(ConstructorCallModule.class.getName() + "$Spreading");
		// Jackson's own instantiator goes through it, which is what the module avoids.
		PLAIN.readValue("""
				{"value":"v","other":2}
				""", Traced.class);
		assertThat(Arrays.stream(Traced.stack).map(StackTraceElement::getMethodName)).contains("invokeWithArguments");
	}

	public record Everything(String id, int count, long total, boolean flag, double ratio, Integer boxed, Instant at,
			List<String> tags, Map<String, Object> props, Inner inner, List<Inner> inners) {

	}

	public record Inner(String name, int size) {

		public Inner {
			if (name.isEmpty()) {
				throw new IllegalArgumentException("name must not be empty");
			}
		}

	}

	public record Failing(String reason) {

		public Failing {
			throw new OutOfMemoryError(reason);
		}

	}

	private record Hidden(String value) {

	}

	public record Traced(String value, int other) {

		static StackTraceElement[] stack;

		public Traced {
			stack = new Throwable().getStackTrace();
		}

	}

}
