package io.cdp.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real Chromium, signed in to the real gateway in front of the real
 * services (the packaged jars as processes on the real broker and PostgreSQL): sign-in,
 * search, the customer's page, the timeline, the overview and the scopes; that values
 * carrying script and markup are shown as text and run nothing; the security headers and
 * the cookie's protection against cross-site requests; and axe-core's accessibility rules
 * on every page. Screenshots of each page go to {@code target/console-screenshots}.
 */
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

	private static final ConsoleStack stack = new ConsoleStack();

	private static ChromiumBrowser browser;

	private static WebDriver driver;

	@BeforeAll
	static void startThePlatformAndTheBrowser(TestKafka kafka, TestDatabase database) throws Exception {
		browser = ChromiumBrowser.start();
		driver = browser.driver();
		stack.start(kafka, database);
		stack.setUp();
	}

	@AfterAll
	static void stop() throws Exception {
		if (browser != null) {
			browser.close();
		}
		stack.close();
	}

	@Test
	@Order(1)
	void shouldRefuseAWrongKeyAndSignInWithAnHttpOnlyStrictCookieAndNothingInStorage() throws Exception {
		driver.get(stack.uri("/console").toString());
		WebElement key = browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
		browser.screenshot("sign-in");
		key.sendKeys("cdp_not-a-key");
		driver.findElement(By.id("sign-in")).click();
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "not accepted"));

		signIn(stack.supportKey());

		Cookie cookie = driver.manage().getCookieNamed("cdp_console");
		assertThat(cookie).isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Strict");
		assertThat(cookie.getPath()).isEqualTo("/");
		assertThat(browser.script("return document.cookie")).asString().doesNotContain("cdp_console");
		assertThat(browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
		assertThat(driver.findElement(By.id("who-name")).getText()).contains("support-console");
	}

	@Test
	@Order(2)
	void shouldFindTheCustomerByAnEmailAndAPhoneNumberTypedDifferentlyAndByATicketId() throws Exception {
		driver.get(stack.uri("/console/#/search").toString());
		WebElement search = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("search")));
		search.sendKeys("  JANE.Console@Example.COM ");
		WebElement result = browser.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results a.result")));
		assertThat(result.getText()).contains("Jane Console").contains("email:jane.console@example.com");
		assertThat(result.getDomAttribute("href")).isEqualTo("#/customer/" + stack.profileId());

		search.clear();
		search.sendKeys("(415) 555-0199");
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "phone:+14155550199"));

		// The ticket id the support desk gave the customer.
		search.clear();
		search.sendKeys("T-7001");
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results"), "order or ticket T-7001"));
		assertThat(driver.findElement(By.cssSelector("#results a.result")).getDomAttribute("href"))
			.isEqualTo("#/customer/" + stack.profileId());
		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
		browser.screenshot("search");
	}

	@Test
	@Order(3)
	void shouldShowTheCustomersTraitsAndIdentifiersWithScriptAndMarkupAsText() throws Exception {
		openCustomer();
		assertThat(driver.findElement(By.id("customer-name")).getText()).isEqualTo("Jane Console");
		assertThat(traitValue("nickname")).isEqualTo(ConsoleStack.SCRIPT_TRAIT);
		assertThat(traitValue("bio")).isEqualTo(ConsoleStack.MARKUP_TRAIT);
		assertThat(traitValue("plan")).isEqualTo("pro");
		WebElement motto = driver.findElement(By.cssSelector("tr[data-trait='motto'] td.trait-value"));
		assertThat(motto.getSize().getWidth()).as("a huge value is cut to its column").isLessThan(700);
		List<String> identifiers = driver.findElements(By.cssSelector("table.identifiers td.identifier-value"))
			.stream()
			.map((cell) -> cell.getDomProperty("textContent"))
			.toList();
		assertThat(identifiers).contains("console-jane", "jane.console@example.com", "+14155550199");
		assertThat(driver.findElements(By.cssSelector("main script, main img"))).isEmpty();
		assertThat(browser.script("return window.__injected === undefined")).isEqualTo(true);
		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
		browser.screenshot("customer");
	}

	@Test
	@Order(4)
	void shouldScrollTheTimelinePastOnePageAndShowAJavascriptUrlAsText() throws Exception {
		openCustomer();
		browser.waiting().until((page) -> page.findElements(By.cssSelector("#timeline .event")).size() >= 25);
		List<WebElement> first = driver.findElements(By.cssSelector("#timeline .event"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
				driver.findElement(By.id("timeline-end")));
		browser.waiting()
			.until((page) -> page.findElements(By.cssSelector("#timeline .event")).size() == ConsoleStack.TRACKED + 3);
		assertThat(first).hasSize(25);
		assertThat(driver.findElements(By.cssSelector("#timeline section.day")).size()).isGreaterThan(1);

		WebElement viewed = driver.findElement(By.cssSelector("#timeline li[data-message-id='console-track-40']"));
		((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", viewed);
		viewed.findElement(By.tagName("summary")).click();
		List<String> values = viewed.findElements(By.cssSelector("td.property-value"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(values).contains(ConsoleStack.JAVASCRIPT_URL, "<b>bold</b> 40");
		assertThat(driver.findElements(By.cssSelector("a[href^='javascript'], a[href*='injected'], main b"))).isEmpty();
		assertThat(browser.script("return window.__injected === undefined")).isEqualTo(true);
		browser.screenshot("timeline");

		new Select(driver.findElement(By.id("filter-channel"))).selectByValue("support");
		browser.waiting()
			.until((page) -> page.findElements(By.cssSelector("#timeline .event")).size() == 1
					&& page.findElements(By.cssSelector("#timeline .event.channel-support")).size() == 1);
		assertThat(driver.findElement(By.cssSelector("#timeline .event")).getText()).contains("Ticket Created");
		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
	}

	@Test
	@Order(5)
	void shouldShowTheFunnelAndTheEngagementOnTheOverview() throws Exception {
		driver.get(stack.uri("/console/#/overview").toString());
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#funnel canvas")));
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#engagement table.heat")));
		assertThat(driver.findElements(By.cssSelector("#funnel tbody tr"))).isNotEmpty();
		assertThat(browser.script("return typeof Chart")).isEqualTo("function");
		// The heatmap is drawn by the chart library, one bubble per channel and hour with
		// events.
		assertThat(browser.script("""
				const chart = Chart.getChart(document.getElementById('engagement-chart'));
				return chart.config.type + ':' + chart.data.datasets.reduce((sum, set) => sum + set.data.length, 0);""")
			.toString()).matches("bubble:[1-9][0-9]*");
		assertThat(browser.seriousAccessibilityViolations()).isEmpty();
		browser.screenshot("overview");
	}

	@Test
	@Order(6)
	void shouldAnswerWithAStrictPolicyAndRefuseACrossSitePostWithTheCookie() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(stack.uri("/console")).build(),
				HttpResponse.BodyHandlers.ofString());
		String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");

		String session = driver.manage().getCookieNamed("cdp_console").getValue();
		HttpResponse<String> forged = http.send(HttpRequest.newBuilder(stack.uri("/v1/admin/api-keys"))
			.header("Cookie", "cdp_console=" + session)
			.header("Origin", "https://attacker.example")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name=pwned&scopes=admin"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(403);
		HttpResponse<String> read = http.send(HttpRequest.newBuilder(stack.uri("/v1/admin/api-keys"))
			.header("Cookie", "cdp_console=" + session)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(7)
	void shouldHideTheTimelineAndTheOverviewFromAKeyWithoutEventsRead() throws Exception {
		driver.findElement(By.id("sign-out")).click();
		browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
		assertThat(driver.manage().getCookieNamed("cdp_console")).isNull();
		signIn(stack.profilesOnlyKey());

		openCustomer();
		assertThat(driver.findElement(By.id("timeline")).isDisplayed()).isFalse();
		assertThat(driver.findElements(By.cssSelector("#timeline .event"))).isEmpty();
		assertThat(driver.findElement(By.cssSelector("#nav a[data-route='overview']")).isDisplayed()).isFalse();
		assertThat(driver.findElement(By.cssSelector("#nav a[data-route='data']")).isDisplayed()).isFalse();
	}

	private static void signIn(String key) {
		WebElement input = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("api-key")));
		input.clear();
		input.sendKeys(key);
		driver.findElement(By.id("sign-in")).click();
		browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("search")));
	}

	private static void openCustomer() {
		driver.get(stack.uri("/console/#/customer/" + stack.profileId()).toString());
		driver.navigate().refresh();
		browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("customer-name")));
	}

	private static String traitValue(String trait) {
		return driver.findElement(By.cssSelector("tr[data-trait='" + trait + "'] td.trait-value"))
			.getDomProperty("textContent");
	}

}
