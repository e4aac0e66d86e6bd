package app.pieces.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import app.pieces.simulator.PiecesOsSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page at {@code /} in Debian's headless Chromium, driven by Selenium, against the embedded
 * simulator. Skipped (with a message saying how to install it) only when
 * {@code /usr/bin/chromium} is absent; CI installs it with {@code .ci/install-browser}.
 * Screenshots land in {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("simulator")
class SamplePageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	static Path userDataDir;

	private static @Nullable WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private PiecesOsSimulator simulator;

	@BeforeEach
	void openThePage() {
		// checked per test (not in @BeforeAll) so that every skipped test is reported with this message
		assumeTrue(Files.isExecutable(CHROMIUM), "Skipping the browser test: " + CHROMIUM
				+ " is not installed (install it with .ci/install-browser or apt-get install chromium chromium-driver)");
		WebDriver driver = driver();
		driver.get("http://localhost:" + this.port + "/");
		// every test starts from a page that shows a healthy Pieces OS and the complete asset list
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(text("pieces-health")).isEqualTo("UP");
			assertThat(assetIdsOnThePage()).containsExactlyInAnyOrderElementsOf(this.simulator.state().assets());
		});
	}

	@AfterAll
	static void closeTheBrowser() {
		WebDriver driver = browser;
		browser = null;
		if (driver != null) {
			driver.quit();
		}
	}

	@Test
	void pageShouldShowTheSeededAssetsAndAddANewAssetWithoutReloading() {
		assertThat(driver().findElements(By.cssSelector("#asset-list li"))).hasSize(this.simulator.state().assets().size());
		// the user, the version and each stream's connection arrive independently of health and assets
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(text("user-name")).isEqualTo("Ada Example");
			assertThat(text("pieces-version")).isEqualTo("12.3.2");
			for (String stream : List.of("health", "user", "assets", "conversations", "qgpt", "ltm", "anchors", "ranges")) {
				assertThat(driver().findElement(By.id("stream-" + stream)).getDomAttribute("data-connected"))
					.as(stream)
					.isEqualTo("true");
			}
		});
		js("window.samplePageMarker = 'same page';");
		String id = this.simulator.createAsset("Added while the page is open", "System.out.println(\"hi\");", "java");
		await().atMost(WAIT).untilAsserted(() -> {
			List<WebElement> added = driver().findElements(By.cssSelector("#asset-list li[data-id='" + id + "']"));
			assertThat(added).hasSize(1);
			assertThat(added.get(0).getDomProperty("textContent")).contains("Added while the page is open");
		});
		assertThat(text("asset-count")).isEqualTo(String.valueOf(this.simulator.state().assets().size()));
		this.simulator.deleteAsset(id);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(assetIdsOnThePage()).doesNotContain(id)
				.containsExactlyInAnyOrderElementsOf(this.simulator.state().assets()));
		assertThat(js("return window.samplePageMarker;")).as("the page was not reloaded").isEqualTo("same page");
	}

	@Test
	void pageShouldSaveOpenRenameChangeAndDeleteASnippet() throws IOException {
		type("save-name", "Page snippet");
		type("save-language", "py");
		type("save-text", "def greet(name):\n    return 'hello ' + name\n");
		click("save-button");
		await().atMost(WAIT).until(() -> driver().findElement(By.id("save-form")).getDomAttribute("data-saved") != null);
		String id = driver().findElement(By.id("save-form")).getDomAttribute("data-saved");
		assertThat(this.simulator.asset(id)).isPresent();
		// the stream brings the new asset into the list; opening it shows its code
		await().atMost(WAIT).until(() -> !driver().findElements(By.cssSelector("#asset-list li[data-id='" + id + "']")).isEmpty());
		driver().findElement(By.cssSelector("#asset-list li[data-id='" + id + "']")).click();
		await().atMost(WAIT).until(() -> "open".equals(driver().findElement(By.id("asset-detail")).getDomAttribute("data-state")));
		assertThat(driver().findElement(By.id("asset-text")).getDomProperty("value")).contains("def greet(name):");
		assertThat(driver().findElement(By.id("asset-name")).getDomProperty("value")).isEqualTo("Page snippet");

		driver().findElement(By.id("asset-name")).clear();
		type("asset-name", "Greeting helper");
		click("asset-rename");
		await().atMost(WAIT).untilAsserted(() -> assertThat(
				driver().findElement(By.cssSelector("#asset-list li[data-id='" + id + "']")).getDomProperty("textContent"))
			.contains("Greeting helper"));
		driver().findElement(By.id("asset-text")).clear();
		type("asset-text", "def greet(name):\n    return f'hi {name}'\n");
		click("asset-save-text");
		await().atMost(WAIT).untilAsserted(() -> assertThat(text("asset-status")).isEqualTo("Saved."));
		assertThat(this.simulator.assetJson(id).orElseThrow()).contains("return f'hi {name}'");
		screenshot("sample-page-asset.png");

		// search finds it by a word of its code and opens it from the hit
		type("search-query", "greet");
		click("search-button");
		await().atMost(WAIT).until(() -> !driver().findElements(By.cssSelector("#search-results li[data-id='" + id + "']")).isEmpty());
		assertThat(text("search-status")).contains("for “greet”");

		click("asset-delete");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(assetIdsOnThePage()).doesNotContain(id);
			assertThat(driver().findElement(By.id("asset-detail")).isDisplayed()).isFalse();
		});
		assertThat(this.simulator.asset(id)).isEmpty();
	}

	@Test
	void pageShouldOpenAConversationWithItsMessagesAndRenameAndDeleteIt() {
		String id = this.simulator.createConversation("Chat opened from the page");
		await().atMost(WAIT).until(() -> !driver().findElements(By.cssSelector("#conversation-list li[data-id='" + id + "']")).isEmpty());
		String seeded = this.simulator.state()
			.conversations()
			.stream()
			.filter((conversation) -> !this.simulator.conversationMessages(conversation).isEmpty())
			.findFirst()
			.orElseThrow();
		driver().findElement(By.cssSelector("#conversation-list li[data-id='" + seeded + "']")).click();
		await().atMost(WAIT).untilAsserted(() -> assertThat(driver().findElements(By.cssSelector("#conversation-messages li")))
			.hasSize(this.simulator.conversationMessages(seeded).size()));
		assertThat(driver().findElement(By.cssSelector("#conversation-messages li")).getDomAttribute("data-role"))
			.isEqualTo(this.simulator.conversationMessages(seeded).get(0).split(":")[0]);

		driver().findElement(By.cssSelector("#conversation-list li[data-id='" + id + "']")).click();
		await().atMost(WAIT).untilAsserted(() -> assertThat(text("conversation-status")).isEqualTo("No messages yet."));
		driver().findElement(By.id("conversation-name")).clear();
		type("conversation-name", "Renamed on the page");
		click("conversation-rename");
		await().atMost(WAIT).untilAsserted(() -> assertThat(
				driver().findElement(By.cssSelector("#conversation-list li[data-id='" + id + "']")).getDomProperty("textContent"))
			.contains("Renamed on the page"));
		click("conversation-delete");
		await().atMost(WAIT).untilAsserted(() -> assertThat(driver().findElements(By.cssSelector("#conversation-list li[data-id='" + id + "']")))
			.isEmpty());
		assertThat(this.simulator.state().conversations()).doesNotContain(id);
	}

	private void type(String id, String keys) {
		driver().findElement(By.id(id)).sendKeys(keys);
	}

	private void click(String id) {
		driver().findElement(By.id(id)).click();
	}

	@Test
	void askingAQuestionShouldStreamTheAnswerIntoThePage() throws IOException {
		String question = "How do I add jitter to this retry helper?";
		driver().findElement(By.id("question")).sendKeys(question);
		driver().findElement(By.id("ask-button")).click();
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(driver().findElement(By.id("answer")).getDomAttribute("data-state")).isEqualTo("done"));
		WebElement answer = driver().findElement(By.id("answer"));
		assertThat(answer.getDomProperty("textContent")).isEqualTo(this.simulator.copilot().answerFor(question));
		// the answer arrived as several chunks, each appended as it came
		assertThat(Integer.parseInt(answer.getDomAttribute("data-chunks"))).isGreaterThan(1);
		assertThat(driver().findElement(By.id("follow-up")).isSelected()).isTrue();
		screenshot("sample-page.png");
		String conversation = this.simulator.state()
			.conversations()
			.stream()
			.filter((id) -> id.startsWith(text("conversation-id")))
			.findFirst()
			.orElseThrow();
		int messages = this.simulator.conversationMessages(conversation).size();
		// the follow-up box is ticked: the next question continues the same conversation
		String followUp = "And how large should the jitter be?";
		driver().findElement(By.id("question")).clear();
		driver().findElement(By.id("question")).sendKeys(followUp);
		driver().findElement(By.id("ask-button")).click();
		// the page shows the last chunk a moment before it marks the answer done: wait for both
		await().atMost(WAIT).untilAsserted(() -> {
			WebElement followUpAnswer = driver().findElement(By.id("answer"));
			assertThat(followUpAnswer.getDomAttribute("data-state")).isEqualTo("done");
			assertThat(followUpAnswer.getDomProperty("textContent"))
				.isEqualTo(this.simulator.copilot().answerFor(followUp));
		});
		assertThat(this.simulator.conversationMessages(conversation)).hasSize(messages + 2);
	}

	@Test
	void simulatorRestartShouldShowDownThenUpOnThePageAndInHealth() throws IOException {
		RestClient rest = RestClient.builder().baseUrl("http://localhost:" + this.port).build();
		// down for as long as the (slow) browser needs to see it, then back at once
		this.simulator.restart(Duration.ofMinutes(5));
		try {
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(text("pieces-health")).isEqualTo("DOWN");
				assertThat(text("pieces-health-reason")).as("the page says why").isNotEmpty();
				assertThat(driver().findElement(By.id("stream-health")).getDomAttribute("data-connected"))
					.isEqualTo("false");
				assertThat(piecesHealth(rest)).contains("\"status\":\"DOWN\"");
			});
			screenshot("sample-page-down.png");
		}
		finally {
			this.simulator.restart(Duration.ZERO);
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(text("pieces-health")).isEqualTo("UP");
			assertThat(piecesHealth(rest)).contains("\"status\":\"UP\"");
		});
	}

	private static String piecesHealth(RestClient rest) {
		String health = rest.get()
			.uri("/actuator/health/pieces")
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
		return (health != null) ? health : "";
	}

	private List<String> assetIdsOnThePage() {
		return driver().findElements(By.cssSelector("#asset-list li"))
			.stream()
			.map((item) -> item.getDomAttribute("data-id"))
			.toList();
	}

	private String text(String id) {
		String text = driver().findElement(By.id(id)).getDomProperty("textContent");
		return (text != null) ? text.trim() : "";
	}

	private @Nullable Object js(String script) {
		return ((JavascriptExecutor) driver()).executeScript(script);
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(png, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	private static WebDriver driver() {
		WebDriver driver = browser;
		if (driver == null) {
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--window-size=1360,1000", "--user-data-dir=" + userDataDir.toAbsolutePath());
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			driver = new ChromeDriver(service, options);
			browser = driver;
		}
		return driver;
	}

}
