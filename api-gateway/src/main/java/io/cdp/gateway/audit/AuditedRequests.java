package io.cdp.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Which requests the audit records, and as what:
 * <ul>
 * <li>{@code GET /v1/profiles/lookup}: a read; the profile comes from the answer;</li>
 * <li>{@code GET /v1/profiles/{profileId}} and everything below it (events, identifiers,
 * merges, an export), and {@code GET /v1/admin/profiles/{profileId}/**}: a read of that
 * profile, or of the one the answer names (the survivor of a merge);</li>
 * <li>any other method under {@code /v1/admin/}: a change, of the id that follows the
 * collection in the path ({@code DELETE /v1/admin/api-keys/{id}}), unless that segment is
 * an action on the whole collection ({@code POST /v1/admin/dead-letters/replay}).</li>
 * </ul>
 * Any other request is recorded only when the service's answer names the profiles it
 * shows ({@link AuditedProfiles}).
 */
final class AuditedRequests {

	/** What the audit records of a request before its answer is known. */
	record AuditedRequest(AuditAction action, String endpoint, @Nullable String profileId, @Nullable String targetId) {

	}

	/** Longest path and endpoint stored; real ones are far shorter. */
	static final int MAX_PATH_LENGTH = 1000;

	/** Longest id stored; profile ids, key ids and names are far shorter. */
	static final int MAX_ID_LENGTH = 200;

	private static final String VERSION = "v1";

	private static final String PROFILES = "profiles";

	private static final String ADMIN = "admin";

	private static final String LOOKUP = "lookup";

	/** Segments after an admin collection that act on the collection, not on one id. */
	private static final Set<String> COLLECTION_ACTIONS = Set.of("dry-run", "replay");

	private AuditedRequests() {
	}

	/** How the audit records this request, if it records it whatever the answer. */
	static Optional<AuditedRequest> of(HttpMethod method, PathContainer path) {
		List<PathContainer.PathSegment> segments = segments(path);
		if (segments.size() < 3 || !VERSION.equals(segments.get(0).valueToMatch())) {
			return Optional.empty();
		}
		String area = segments.get(1).valueToMatch();
		boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
		if (read && PROFILES.equals(area)) {
			if (segments.size() == 3 && LOOKUP.equals(segments.get(2).valueToMatch())) {
				return Optional.of(new AuditedRequest(AuditAction.READ, "/v1/profiles/lookup", null, null));
			}
			return Optional.of(new AuditedRequest(AuditAction.READ, endpoint(segments, 2, "{profileId}"),
					id(segments.get(2)), null));
		}
		if (!ADMIN.equals(area)) {
			return Optional.empty();
		}
		boolean profiles = PROFILES.equals(segments.get(2).valueToMatch());
		if (read) {
			return (profiles && segments.size() >= 4) ? Optional.of(new AuditedRequest(AuditAction.READ,
					endpoint(segments, 3, "{profileId}"), id(segments.get(3)), null)) : Optional.empty();
		}
		if (HttpMethod.OPTIONS.equals(method)) {
			return Optional.empty();
		}
		if (segments.size() == 3 || COLLECTION_ACTIONS.contains(segments.get(3).valueToMatch())) {
			return Optional.of(new AuditedRequest(AuditAction.CHANGE, endpoint(segments, -1, ""), null, null));
		}
		String target = id(segments.get(3));
		return Optional.of(new AuditedRequest(AuditAction.CHANGE,
				endpoint(segments, 3, profiles ? "{profileId}" : "{id}"), profiles ? target : null, target));
	}

	/** The path as stored: without its query, and clipped. */
	static String stored(PathContainer path) {
		return clip(path.value(), MAX_PATH_LENGTH);
	}

	/**
	 * The text clipped to the length, with any control character (a decoded {@code %00},
	 * which PostgreSQL refuses in text) replaced, so that no request can make its audit
	 * row unwritable.
	 */
	static String clip(String text, int max) {
		String clipped = (text.length() <= max) ? text : text.substring(0, max);
		if (clipped.chars().noneMatch(Character::isISOControl)) {
			return clipped;
		}
		StringBuilder printable = new StringBuilder(clipped.length());
		clipped.chars().forEach((c) -> printable.append(Character.isISOControl(c) ? '\uFFFD' : (char) c));
		return printable.toString();
	}

	/**
	 * The path with the segment at {@code idIndex} (if any) replaced by a placeholder.
	 */
	private static String endpoint(List<PathContainer.PathSegment> segments, int idIndex, String placeholder) {
		StringBuilder endpoint = new StringBuilder();
		for (int i = 0; i < segments.size(); i++) {
			endpoint.append('/').append((i == idIndex) ? placeholder : segments.get(i).value());
		}
		return clip(endpoint.toString(), MAX_PATH_LENGTH);
	}

	private static String id(PathContainer.PathSegment segment) {
		return clip(segment.valueToMatch(), MAX_ID_LENGTH);
	}

	private static List<PathContainer.PathSegment> segments(PathContainer path) {
		List<PathContainer.PathSegment> segments = new ArrayList<>();
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.value().isEmpty()) {
				segments.add(segment);
			}
		}
		return segments;
	}

}
