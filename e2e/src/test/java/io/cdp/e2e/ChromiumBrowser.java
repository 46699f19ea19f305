package io.cdp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver with the paths set
 * explicitly (no driver download at run time: {@code CDP_CHROMIUM} and
 * {@code CDP_CHROMEDRIVER} override {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}). The window is a laptop's, 1366 × 768. A machine without
 * them fails the test with what to install, rather than skipping it: {@code .ci/run}
 * installs them.
 */
final class ChromiumBrowser implements AutoCloseable {

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private final ChromeDriver driver;

	private final Path profileDirectory;

	private ChromiumBrowser(ChromeDriver driver, Path profileDirectory) {
		this.driver = driver;
		this.profileDirectory = profileDirectory;
	}

	static ChromiumBrowser start() throws IOException {
		Path chromium = Path.of(System.getenv().getOrDefault("CDP_CHROMIUM", "/usr/bin/chromium"));
		Path chromedriver = Path.of(System.getenv().getOrDefault("CDP_CHROMEDRIVER", "/usr/bin/chromedriver"));
		assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver))
			.as("The console's browser tests need Chromium and its driver: apt-get install -y chromium chromium-driver "
					+ "(or set CDP_CHROMIUM and CDP_CHROMEDRIVER); looked for %s and %s", chromium, chromedriver)
			.isTrue();
		Path profile = Files.createTempDirectory("cdp-console-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// The machines this runs on have no network beyond the test's own servers:
		// without
		// these, Chromium waits on connections it makes for itself.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1366, 768));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return new ChromiumBrowser(driver, profile);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20), Duration.ofMillis(100));
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/** Writes the page as it is to {@code target/console-screenshots/<name>.png}. */
	void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name + ".png"), png);
	}

	/**
	 * Runs axe-core (from its webjar, put into the page by the driver, which the page's
	 * Content-Security-Policy does not govern) on the page and answers the violations of
	 * serious or critical impact, each as its rule id and the first offending element.
	 */
	@SuppressWarnings("unchecked")
	List<String> seriousAccessibilityViolations() {
		script(axeSource());
		Map<String, Object> results = (Map<String, Object>) ((JavascriptExecutor) this.driver).executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r), (e) => done({ error: String(e) }));
						""");
		assertThat(results).doesNotContainKey("error");
		return ((List<Map<String, Object>>) results.get("violations")).stream()
			.filter((violation) -> List.of("serious", "critical").contains(violation.get("impact")))
			.map((violation) -> violation.get("id") + ": "
					+ ((List<Map<String, Object>>) violation.get("nodes")).get(0).get("html"))
			.toList();
	}

	private static String axeSource() {
		String path = "META-INF/resources/webjars/axe-core/" + webjarVersion("axe-core") + "/axe.min.js";
		try (InputStream in = ChromiumBrowser.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as("axe-core on the test classpath at %s", path).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String webjarVersion(String name) {
		String path = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
		try (InputStream in = ChromiumBrowser.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as("the %s webjar on the test classpath", name).isNotNull();
			java.util.Properties properties = new java.util.Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var files = Files.walk(this.profileDirectory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
