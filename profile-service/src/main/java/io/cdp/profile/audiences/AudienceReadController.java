package io.cdp.profile.audiences;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cdp.profile.api.ParameterText;
import io.cdp.profile.audiences.AudienceRepository.Member;
import io.cdp.profile.audiences.AudienceRepository.StoredAudience;
import io.cdp.web.problem.ProblemException;
import io.cdp.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/audiences}: the audiences and their current members, for the tools that use
 * them (the {@code profiles:read} scope). The members are those of the serving store,
 * which follows {@code cdp.audience-memberships.v1} within about a second; pages are
 * keyset pages in profile id order.
 */
@RestController
@RequestMapping(path = "/v1/audiences", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audiences", description = "Audiences and their members")
class AudienceReadController {

	/** The most members a page holds. */
	static final int MAX_LIMIT = 1_000;

	/** The most identifier types one page may ask for. */
	static final int MAX_IDENTIFIER_TYPES = 10;

	private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

	private static final Pattern IDENTIFIER_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	private final AudienceRepository audiences;

	AudienceReadController(AudienceRepository audiences) {
		this.audiences = audiences;
	}

	@GetMapping
	@Operation(summary = "The audiences, with their sizes and last change")
	Audiences list() {
		return new Audiences(this.audiences.active().stream().map(AudienceReadController::summary).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "An audience, by id or name: its size, definition and last change")
	AudiencesController.AudienceView find(@PathVariable String id) {
		return AudiencesController.view(stored(id));
	}

	@GetMapping("/{id}/members")
	@Operation(summary = "An audience's members, a page at a time",
			description = "In profile id order; next is the after of the next page, null on the last. identifiers "
					+ "names the identifier types to attach (email,user_id,phone).")
	MemberPage members(@PathVariable String id, @RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String identifiers) {
		StoredAudience audience = stored(id);
		Map<String, String> errors = new LinkedHashMap<>();
		int size = 100;
		if (limit != null) {
			try {
				size = Integer.parseInt(limit.strip());
			}
			catch (NumberFormatException ex) {
				size = 0;
			}
			if (size < 1 || size > MAX_LIMIT) {
				errors.put("limit", "must be a number from 1 to " + MAX_LIMIT);
			}
		}
		List<String> types = new ArrayList<>();
		if (identifiers != null && !identifiers.isBlank()) {
			for (String type : identifiers.split(",", -1)) {
				String trimmed = type.strip();
				if (!IDENTIFIER_TYPE.matcher(trimmed).matches()) {
					errors.put("identifiers",
							"must be identifier types (such as email,user_id,phone) separated by " + "commas");
				}
				else if (!types.contains(trimmed)) {
					types.add(trimmed);
				}
			}
			if (types.size() > MAX_IDENTIFIER_TYPES) {
				errors.put("identifiers", "names at most " + MAX_IDENTIFIER_TYPES + " identifier types");
			}
		}
		if (after != null && ParameterText.problem("after", after) != null) {
			errors.put("after", ParameterText.problem("after", after));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(ProblemType.INVALID_PARAMETER, "The page is not valid").withErrors(errors);
		}
		List<Member> members = this.audiences.members(audience.id(), after, size, types);
		String next = (members.size() == size) ? members.get(members.size() - 1).profileId() : null;
		return new MemberPage(audience.id(), audience.name(),
				members.stream()
					.map((member) -> new MemberView(member.profileId(), member.enteredAt(), member.identifiers()))
					.toList(),
				next);
	}

	private StoredAudience stored(String id) {
		String text = ParameterText.require("id", id);
		if (ID.matcher(text).matches()) {
			return this.audiences.find(Long.parseLong(text))
				.or(() -> this.audiences.find(text))
				.orElseThrow(() -> AudiencesController.notFound(text));
		}
		return this.audiences.find(text).orElseThrow(() -> AudiencesController.notFound(text));
	}

	private static AudienceSummary summary(StoredAudience audience) {
		return new AudienceSummary(audience.id(), audience.name(), audience.size(), audience.membersChangedAt());
	}

	/**
	 * The audiences.
	 *
	 * @param audiences every audience, oldest first
	 */
	record Audiences(List<AudienceSummary> audiences) {

	}

	/**
	 * An audience in the list.
	 *
	 * @param id its id
	 * @param name its name
	 * @param size how many members it has
	 * @param lastChangeAt when its members last changed, or null
	 */
	record AudienceSummary(long id, String name, long size, @Nullable Instant lastChangeAt) {

	}

	/**
	 * A page of members.
	 *
	 * @param audienceId the audience
	 * @param audienceName its name
	 * @param members the members of the page
	 * @param next the {@code after} of the next page, or null on the last
	 */
	record MemberPage(long audienceId, String audienceName, List<MemberView> members, @Nullable String next) {

	}

	/**
	 * A member.
	 *
	 * @param profileId the profile
	 * @param enteredAt when it entered
	 * @param identifiers the identifiers of the types asked for, by type
	 */
	record MemberView(String profileId, Instant enteredAt, Map<String, List<String>> identifiers) {

	}

}
