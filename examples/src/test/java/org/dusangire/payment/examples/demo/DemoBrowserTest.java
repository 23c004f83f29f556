package org.dusangire.payment.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a cashier takes payments the way a person would and sees them succeed.
 * A missing browser fails the test with the command that installs it; it never skips.
 */
class DemoBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static DemoServer demo;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser test needs Chromium and its driver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + ": run `apt-get install -y chromium "
                    + "chromium-driver` (bash .ci/run does this when they are missing)");
        }
        demo = DemoServer.start(Map.of(), 0);
        profile = Files.createTempDirectory("demo-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void payWith(String method) {
        browser.get(demo.baseUri().toString());
        new Select(browser.findElement(By.id("method"))).selectByValue(method);
        WebElement amount = browser.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys("25000");
        browser.findElement(By.id("pay")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "PENDING"));
    }

    @Test
    void cashierTakesAnMtnPaymentApprovedOnTheSimulatedPhone() throws Exception {
        payWith("MTN_MOBILE_MONEY");
        assertThat(browser.findElement(By.id("instructions")).getText())
                .contains("Approve the request for 25000 UGX");

        waiting().until(ExpectedConditions.elementToBeClickable(By.id("phone-approve"))).click();

        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#payments tbody"), "SUCCEEDED"));
        screenshot("demo-mtn-succeeded.png");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("SUCCEEDED");
        assertThat(browser.findElement(By.id("phone-sim")).isDisplayed()).isFalse();
    }

    @Test
    void cardPaymentGoesThroughTheHostedCheckoutAndComesBackPaid() throws Exception {
        payWith("CARD");

        waiting().until(ExpectedConditions.elementToBeClickable(By.id("checkout-link"))).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("pay-card")));
        screenshot("demo-card-checkout.png");
        browser.findElement(By.id("pay-card")).click();

        waiting().until(ExpectedConditions.urlContains("paymentId="));
        assertThat(browser.getCurrentUrl()).startsWith(demo.baseUri().toString()).contains("result=paid");
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));
        screenshot("demo-card-succeeded.png");
        assertThat(browser.findElement(By.cssSelector("#payments tbody")).getText()).contains("CARD");
    }

    @Test
    void cashierConfirmsACashPayment() throws Exception {
        payWith("CASH_ON_DELIVERY");

        waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-cash"))).click();

        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));
        screenshot("demo-cash-succeeded.png");
        assertThat(browser.findElement(By.cssSelector("#payments tbody")).getText())
                .contains("confirmed by demo cashier");
    }

    @Test
    void cashierRefundsPartOfAPaidBillAndSeesTheRefundListed() throws Exception {
        payWith("CASH_ON_DELIVERY");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("confirm-cash"))).click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));

        WebElement amount = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("refund-amount")));
        assertThat(amount.getAttribute("value")).isEqualTo("25000");
        amount.clear();
        amount.sendKeys("5000");
        browser.findElement(By.id("refund")).click();

        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status",
                "PARTIALLY_REFUNDED"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#refunds tbody"), "SUCCEEDED"));
        screenshot("demo-cash-refunded.png");
        assertThat(browser.findElement(By.cssSelector("#refunds tbody")).getText()).contains("5000 UGX");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"),
                "SUCCEEDED → PARTIALLY_REFUNDED"));
        assertThat(browser.findElement(By.id("events")).getText())
                .contains("PENDING → SUCCEEDED").contains("refund new → PENDING");
        assertThat(browser.findElement(By.id("refundable")).getText()).isEqualTo("20000 UGX");

        amount = browser.findElement(By.id("refund-amount"));
        amount.clear();
        amount.sendKeys("20001");
        browser.findElement(By.id("refund")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("refund-error"),
                "at most 20000 UGX"));
    }
}
