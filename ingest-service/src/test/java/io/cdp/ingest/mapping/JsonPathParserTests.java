package io.cdp.ingest.mapping;

import io.cdp.ingest.mapping.PathStep.Index;
import io.cdp.ingest.mapping.PathStep.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonPathParserTests {

	@Test
	void shouldParseDottedNamesAndIndexes() {
		assertThat(JsonPathParser.parse("$.customer.lines[0].sku")).containsExactly(new Name("customer"),
				new Name("lines"), new Index(0), new Name("sku"));
		assertThat(JsonPathParser.parse("$.lines[-1]")).containsExactly(new Name("lines"), new Index(-1));
		assertThat(JsonPathParser.parse("$")).isEmpty();
	}

	@Test
	void shouldParseQuotedNamesWithEscapesAndBlanks() {
		assertThat(JsonPathParser.parse("$['first name'][ \"last-name\" ]")).containsExactly(new Name("first name"),
				new Name("last-name"));
		assertThat(JsonPathParser.parse("$['it\\'s']['a\\\\b']['\\u00e9t\\u00E9']")).containsExactly(new Name("it's"),
				new Name("a\\b"), new Name("été"));
		assertThat(JsonPathParser.parse("$['a.b']")).containsExactly(new Name("a.b"));
	}

	@Test
	void shouldAcceptDigitsAndNonAsciiLettersInDottedNames() {
		assertThat(JsonPathParser.parse("$.line2.prénom_1")).containsExactly(new Name("line2"), new Name("prénom_1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			customer.email        | a JSONPath starts with $
			$..email              | descendant segments (..) are not supported
			$.lines[*]            | wildcards (*) are not supported
			$.*                   | wildcards (*) are not supported
			$.lines[?@.qty > 1]   | filters ([?...]) are not supported
			$.lines[0:2]          | slices ([start:end]) are not supported
			$.lines[0,1]          | unions ([a,b]) are not supported
			$['a','b']            | unions ([a,b]) are not supported
			$.lines[0             | expected ']' at character 10
			$.customer.           | expected a member name
			$.first-name          | expected '.' or '[' at character 8
			$.1st                 | expected a member name
			$['open               | the quoted name is not closed at character 3
			$['a\\x']             | unknown escape \\x at character 5
			$['\\u12']            | \\u needs four hex digits
			$.lines[01]           | without leading zeros
			$.lines[-0]           | or a minus zero
			$.lines[1234567890]   | at most 9 digits
			$.lines[-]            | expected digits
			$ .a                  | expected '.' or '[' at character 2
			""")
	void shouldRefuseWhatTheSubsetDoesNotHave(String path, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonPathParser.parse(path))
			.withMessageContaining(message);
	}

}
