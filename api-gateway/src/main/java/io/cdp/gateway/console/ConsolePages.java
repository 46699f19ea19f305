package io.cdp.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The console's files, all from the classpath: the page ({@code /console}, one HTML
 * document whose scripts route between the screens), the console's own scripts and styles
 * under {@code /console/assets/<version>/} and the webjars it uses (Chart.js) under
 * {@code /console/vendor/<name>/<version>/}. Both asset paths name a version, so browsers
 * may cache them for a year and a new build is fetched afresh; only the page itself is
 * never cached.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages {

	static final String ROOT = "io/cdp/console/";

	static final String ASSETS = "/console/assets/";

	static final String VENDOR = "/console/vendor/";

	@Bean
	RouterFunction<ServerResponse> consoleRoutes() {
		Properties build = load(ROOT + "console.properties");
		String version = build.getProperty("version");
		byte[] page = read(ROOT + "index.html");
		RouterFunction<ServerResponse> index = RouterFunctions.route(GET("/console").or(GET("/console/")),
				(request) -> ServerResponse.ok()
					.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
					.cacheControl(CacheControl.noCache())
					.bodyValue(page));
		return index.and(RouterFunctions.resources(ASSETS + version + "/**", new ClassPathResource(ROOT + "assets/")))
			.and(RouterFunctions.resources(VENDOR + "**", new ClassPathResource("META-INF/resources/webjars/")));
	}

	private static Properties load(String path) {
		Properties properties = new Properties();
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The console module is not on the classpath: " + path, ex);
		}
		return properties;
	}

	private static byte[] read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The console module is not on the classpath: " + path, ex);
		}
	}

}
