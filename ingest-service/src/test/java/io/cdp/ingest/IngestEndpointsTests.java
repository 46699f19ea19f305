package io.cdp.ingest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.cdp.contract.ingest.IngestEndpoints;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API gateway routes the ingest-service's paths from {@link IngestEndpoints} and
 * cannot see this service's controllers: these tests hold the controllers' request
 * mappings and that list together, so a path added on one side only fails the build.
 */
class IngestEndpointsTests {

	private static final List<Mapping> MAPPINGS = requestMappings();

	@Test
	void shouldServeEveryTrackingPathTheGatewayRoutes() {
		List<String> trackingPosts = MAPPINGS.stream()
			.filter((mapping) -> mapping.methods().contains(RequestMethod.POST))
			.map(Mapping::path)
			.filter(IngestEndpoints.TRACKING_PATHS::contains)
			.toList();
		assertThat(trackingPosts).containsExactlyInAnyOrderElementsOf(IngestEndpoints.TRACKING_PATHS);
	}

	@Test
	void shouldListEveryPathItServesForTheGateway() {
		List<PathPattern> routed = parse(IngestEndpoints.SOURCE_PATTERNS, IngestEndpoints.ADMIN_PATTERNS);
		assertThat(MAPPINGS).isNotEmpty()
			.allSatisfy((mapping) -> assertThat(routed).as("gateway patterns matching %s", mapping.path())
				.anyMatch((pattern) -> pattern.matches(PathContainer.parsePath(mapping.path()))));
	}

	@Test
	void shouldServeSomethingUnderEveryPatternTheGatewayRoutes() {
		List<PathPattern> routed = parse(IngestEndpoints.SOURCE_PATTERNS, IngestEndpoints.ADMIN_PATTERNS);
		assertThat(routed).allSatisfy((pattern) -> assertThat(MAPPINGS).as("mappings under %s", pattern)
			.anyMatch((mapping) -> pattern.matches(PathContainer.parsePath(mapping.path()))));
	}

	@SafeVarargs
	private static List<PathPattern> parse(List<String>... lists) {
		List<PathPattern> patterns = new ArrayList<>();
		for (List<String> list : lists) {
			list.stream().map(PathPatternParser.defaultInstance::parse).forEach(patterns::add);
		}
		return patterns;
	}

	/**
	 * Every path of every controller in this service, read from the annotations as Spring
	 * MVC reads them; the servlet container's error path is not the service's own.
	 */
	private static List<Mapping> requestMappings() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
		List<Mapping> mappings = new ArrayList<>();
		for (var candidate : scanner.findCandidateComponents(IngestApplication.class.getPackageName())) {
			Class<?> controller = ClassUtils.resolveClassName(Objects.requireNonNull(candidate.getBeanClassName()),
					IngestEndpointsTests.class.getClassLoader());
			RequestMapping atClass = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
			String prefix = (atClass != null && atClass.path().length > 0) ? atClass.path()[0] : "";
			for (Method method : controller.getDeclaredMethods()) {
				RequestMapping atMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
				if (atMethod == null) {
					continue;
				}
				for (String path : atMethod.path()) {
					if (!path.startsWith("${")) {
						mappings.add(new Mapping(prefix + path, List.of(atMethod.method())));
					}
				}
			}
		}
		return mappings;
	}

	private record Mapping(String path, List<RequestMethod> methods) {
	}

}
