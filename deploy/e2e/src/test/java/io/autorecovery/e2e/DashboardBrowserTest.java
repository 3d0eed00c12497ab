package io.autorecovery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the running mesh: log in,
 * see a new fault on the board, follow it through every stage in its detail, approve the patch
 * policy held, find the history again after a reload, and pause and resume automation. A
 * screenshot of the page lands in {@code target/} when a test fails.
 */
class DashboardBrowserTest {

    private static final String DASHBOARD = env("MESH_DASHBOARD_URL", "http://127.0.0.1:8080");
    private static final String DETECTOR = env("MESH_DETECTOR_URL", "http://127.0.0.1:8081");
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BOARD_TIMEOUT = Duration.ofSeconds(20);

    private static WebDriver browser;
    private static Path profile;

    @RegisterExtension
    final TestWatcher screenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot(context.getDisplayName());
        }
    };

    @BeforeAll
    static void openBrowser() throws IOException {
        System.setProperty("webdriver.chrome.driver", env("MESH_CHROMEDRIVER", "/usr/bin/chromedriver"));
        profile = Files.createTempDirectory("dashboard-browser-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("MESH_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,1600",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(options);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        // Whatever happened, the mesh is left with automation running.
        setAutomation(false);
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorApprovesAHeldPatchAndFindsTheWholeStoryAgainAfterAReload() throws Exception {
        logIn(MeshSecrets.get("MESH_DASHBOARD_OPERATOR_TOKEN", "DASHBOARD_OPERATOR_TOKEN"));
        assertThat(text(By.id("who-role"))).isEqualTo("operator");

        // Policy holds patches for authentication failures until a person approves them.
        String service = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        reportFault(
                service,
                "auth-failure",
                "Token rejected by the identity provider <script>window.injected=true</script>");
        String incidentId = openFromTheBoard(service);

        awaitTimeline(Set.of("faults.detected", "incidents.created", "analysis.completed", "patch.proposed"));
        new WebDriverWait(browser, STAGE_TIMEOUT)
                .until(ExpectedConditions.attributeToBe(By.id("detail"), "data-status", "AWAITING_APPROVAL"));
        assertThat(timelineTopics()).as("no deploy before the approval").doesNotContain("deploy.requested");

        browser.findElement(By.id("action-text")).sendKeys("checked in the browser test");
        browser.findElement(By.cssSelector("#detail-actions button[data-action='approve']"))
                .click();
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .until(ExpectedConditions.textToBe(By.id("action-result"), "approve: done"));

        awaitTimeline(Set.of("deploy.requested", "deploy.completed"));
        new WebDriverWait(browser, STAGE_TIMEOUT)
                .until(ExpectedConditions.attributeToBe(By.id("detail"), "data-status", "RESOLVED"));
        List<String> before = timelineTopics();
        assertThat(scriptsRan()).as("markup in log text stays text").isFalse();

        browser.navigate().refresh();
        waitFor(BOARD_TIMEOUT, By.cssSelector("#detail:not([hidden])"));
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .until(driver -> timelineTopics().size() >= before.size());
        assertThat(timelineTopics()).containsAll(before);
        assertThat(browser.findElements(By.xpath("//tbody[@id='incidents']/tr[@data-id='" + incidentId + "']")))
                .hasSize(1);
        new WebDriverWait(browser, BOARD_TIMEOUT).until(ExpectedConditions.textToBe(By.id("connection"), "connected"));
    }

    @Test
    void pausingAutomationFromThePageHoldsDeploysUntilItResumes() throws Exception {
        logIn(MeshSecrets.get("MESH_DASHBOARD_OPERATOR_TOKEN", "DASHBOARD_OPERATOR_TOKEN"));
        pauseFromThePage();

        String service = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        reportFault(service, "db-timeout", "Query timeout on orders after 5000 ms");
        openFromTheBoard(service);

        awaitTimeline(Set.of("faults.detected", "incidents.created", "analysis.completed", "patch.proposed"));
        Thread.sleep(3000);
        assertThat(timelineTopics()).as("no deploy while automation is paused").doesNotContain("deploy.requested");

        browser.findElement(By.id("automation-toggle")).click();
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .until(ExpectedConditions.textToBe(By.id("automation-state"), "running"));
        awaitTimeline(Set.of("deploy.requested", "deploy.completed"));
    }

    /** Waits for the service's incident on the live board, opens its detail and returns its id. */
    private static String openFromTheBoard(String service) {
        // The board is redrawn as events arrive: each step looks the row up afresh.
        By row = By.xpath("//tbody[@id='incidents']/tr[td[3][text()='" + service + "']]");
        String incidentId = new WebDriverWait(browser, BOARD_TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(row).getDomAttribute("data-id"));
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    driver.findElement(row)
                            .findElement(By.cssSelector("button.link"))
                            .click();
                    return true;
                });
        waitFor(BOARD_TIMEOUT, By.cssSelector("#detail:not([hidden])"));
        assertThat(browser.getCurrentUrl()).endsWith("#incident/" + incidentId);

        return incidentId;
    }

    /** Logs in afresh: a session another test left in the browser is forgotten first. */
    private static void logIn(String token) {
        browser.get(DASHBOARD + "/");
        browser.manage().deleteAllCookies();
        browser.navigate().refresh();
        WebElement field = waitFor(BOARD_TIMEOUT, By.id("token"));
        field.sendKeys(token);
        browser.findElement(By.id("login-submit")).click();
        waitFor(BOARD_TIMEOUT, By.cssSelector("#app:not([hidden])"));
        new WebDriverWait(browser, BOARD_TIMEOUT).until(ExpectedConditions.textToBe(By.id("connection"), "connected"));
    }

    private static void pauseFromThePage() {
        WebElement toggle = waitFor(BOARD_TIMEOUT, By.id("automation-toggle"));
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .until(driver -> !text(By.id("automation-state")).equals("unknown"));
        if (text(By.id("automation-state")).equals("running")) {
            toggle.click();
        }
        new WebDriverWait(browser, BOARD_TIMEOUT)
                .until(ExpectedConditions.textToBe(By.id("automation-state"), "paused"));
    }

    private static void awaitTimeline(Set<String> topics) {
        new WebDriverWait(browser, STAGE_TIMEOUT)
                .until(driver -> timelineTopics().containsAll(topics));
    }

    private static List<String> timelineTopics() {
        return new WebDriverWait(browser, BOARD_TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("#detail-timeline tr")).stream()
                        .map(line -> line.getDomAttribute("data-topic"))
                        .toList());
    }

    private static boolean scriptsRan() {
        Object injected = ((JavascriptExecutor) browser).executeScript("return window.injected === true;");
        Object scripts = ((JavascriptExecutor) browser).executeScript("return document.scripts.length;");
        return Boolean.TRUE.equals(injected) || ((Number) scripts).intValue() != 2;
    }

    private static void reportFault(String service, String faultClass, String message) throws Exception {
        String body = "{\"service\":\"" + service + "\",\"faultClass\":\"" + faultClass + "\",\"message\":\""
                + message.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(DETECTOR + "/faults"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static void setAutomation(boolean paused) throws Exception {
        String token = MeshSecrets.get("MESH_DASHBOARD_OPERATOR_TOKEN", "DASHBOARD_OPERATOR_TOKEN");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(DASHBOARD + "/api/automation"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"paused\":" + paused + ",\"reason\":\"end of the browser test\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static WebElement waitFor(Duration timeout, By locator) {
        return new WebDriverWait(browser, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static String text(By locator) {
        return browser.findElement(locator).getText().strip();
    }

    private static void screenshot(String name) {
        if (!(browser instanceof ChromeDriver chrome)) {
            return;
        }
        try {
            Path shot = chrome.getScreenshotAs(OutputType.FILE).toPath();
            String file = "dashboard-" + name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT) + ".png";
            Path target = Path.of("target", file);
            Files.createDirectories(target.getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot of the failed page: " + e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
