package io.omnigate.web;

import io.omnigate.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for the page tests,
 * with a fresh profile and nothing that reaches the network. Tests skip, with one message, where
 * they are not installed.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("omnigate.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("omnigate.chromedriver", "/usr/bin/chromedriver"));
    /**
     * Where screenshots go: target/screenshots, so a test run leaves the work tree as it was;
     * {@code -Domnigate.screenshots=docs/screenshots} refreshes the ones the docs show.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("omnigate.screenshots", "target/screenshots"));

    static final Dimension TABLET = new Dimension(1180, 820);
    static final Dimension PHONE = new Dimension(390, 844);

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium, or skips the calling test class when it or its driver is missing. */
    static Browser start() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Browser tests skipped: install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver); .ci/run does.");
        Path profile = Files.createTempDirectory("omnigate-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + TABLET.getWidth() + "," + TABLET.getHeight(),
                "--user-data-dir=" + profile.toAbsolutePath()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Opens a page in a new tab and returns the tab's handle. */
    String open(String url) {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    void to(String tab) {
        driver.switchTo().window(tab);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits until {@code condition} yields something other than null or false (at most {@code within},
     * retrying past stale elements); fails naming {@code what}.
     */
    <T> T eventually(Duration within, String what, Supplier<T> condition) {
        return Eventually.eventually(within, () -> {
            T value = condition.get();
            if (value == null || value instanceof Boolean b && !b) {
                throw new AssertionError("waited in vain for " + what);
            }
            return value;
        });
    }

    /** A PNG of the current tab at {@code size}, under {@link #SCREENSHOTS}. */
    void screenshot(String name, Dimension size) throws IOException {
        driver.manage().window().setSize(size);
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
