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
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
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

    private static final String TOKEN = "browser-test-cashier-token";
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
        demo = DemoServer.start(Map.of("DEMO_CASHIER_TOKEN", TOKEN), 0);
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

    /** Opens the page, giving the cashier token when the page asks for it. */
    private static void open() {
        browser.get(demo.baseUri().toString());
        waiting().until(d -> !((JavascriptExecutor) d).executeScript("return document.readyState").equals("loading"));
        WebElement panel = browser.findElement(By.id("token-panel"));
        if (panel.isDisplayed()) {
            browser.findElement(By.id("token")).sendKeys(TOKEN);
            browser.findElement(By.id("token-save")).click();
            waiting().until(ExpectedConditions.invisibilityOf(panel));
        }
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#method option")));
    }

    private static void payWith(String method) {
        open();
        new Select(browser.findElement(By.id("method"))).selectByValue(method);
        WebElement amount = browser.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys("25000");
        String before = browser.findElement(By.id("payment-id")).getAttribute("textContent");
        browser.findElement(By.id("pay")).click();
        waiting().until(d -> !d.findElement(By.id("payment-id")).getAttribute("textContent").equals(before));
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "PENDING"));
    }

    private static String currentId() {
        return browser.findElement(By.id("payment-id")).getText();
    }

    private static By row(String id) {
        return By.cssSelector("#payments tr[data-id='" + id + "']");
    }

    /**
     * Reads payment {@code id}'s row once it is there and {@code read} answers (not null): the
     * list redraws every few seconds, so the row is looked up afresh for every try and a read cut
     * short by a redraw is tried again.
     */
    private static <T> T inRow(String id, java.util.function.Function<WebElement, T> read) {
        return waiting().ignoring(StaleElementReferenceException.class)
                .until(d -> read.apply(d.findElement(row(id))));
    }

    /** How many elements {@code css} finds in payment {@code id}'s row, read as {@link #inRow} does. */
    private static int countInRow(String id, String css) {
        return inRow(id, r -> r.findElements(By.cssSelector(css)).size());
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
    void cashierTakesAnMpesaPaymentInShillingsApprovedOnTheSimulatedPhone() throws Exception {
        open();
        new Select(browser.findElement(By.id("method"))).selectByValue("MPESA");
        assertThat(new Select(browser.findElement(By.id("currency"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList()).containsExactly("KES");
        assertThat(browser.findElement(By.id("phone")).getAttribute("value"))
                .as("the example number follows the method").isEqualTo("+254 712 345678");

        payWith("MPESA");
        String id = currentId();
        assertThat(browser.findElement(By.id("instructions")).getText()).contains("25000.00 KES");
        assertThat(browser.findElement(By.id("phone-prompt")).getText()).contains("25,000.00 KES");

        waiting().until(ExpectedConditions.elementToBeClickable(By.id("phone-approve"))).click();

        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));
        String rowText = inRow(id, r -> {
            String text = r.getText();
            return text.contains("SUCCEEDED") ? text : null;
        });
        screenshot("demo-mpesa-succeeded.png");
        assertThat(rowText).contains("M-Pesa").contains("25,000.00 KES").doesNotContain("MPESA");
        assertThat(browser.findElement(By.id("phone-sim")).isDisplayed()).isFalse();
        // M-Pesa takes no refunds through the library: none is offered
        assertThat(browser.findElement(By.id("refund-panel")).isDisplayed()).isFalse();
        assertThat(countInRow(id, "button[data-action=refund]")).isZero();
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
        assertThat(browser.findElement(By.cssSelector("#payments tbody")).getText()).contains("Card")
                .doesNotContain("CARD");
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
        assertThat(browser.findElement(By.cssSelector("#refunds tbody")).getText()).contains("5,000 UGX");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"),
                "SUCCEEDED → PARTIALLY_REFUNDED"));
        assertThat(browser.findElement(By.id("events")).getText())
                .contains("PENDING → SUCCEEDED").contains("refund new → PENDING");
        assertThat(browser.findElement(By.id("refundable")).getText()).isEqualTo("20,000 UGX");

        amount = browser.findElement(By.id("refund-amount"));
        amount.clear();
        amount.sendKeys("20001");
        browser.findElement(By.id("refund")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("refund-error"),
                "at most 20000 UGX"));
    }

    @Test
    void thePageAsksForTheTokenOnceAndSendsItWithEveryChange() throws Exception {
        browser.get(demo.baseUri().toString());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement panel = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-panel")));
        screenshot("demo-token-prompt.png");

        browser.findElement(By.id("token")).sendKeys("not-the-right-token");
        browser.findElement(By.id("token-save")).click();
        browser.findElement(By.id("pay")).click();
        waiting().until(ExpectedConditions.visibilityOf(panel));
        assertThat(browser.findElement(By.id("token-message")).getText()).contains("not accepted");
        assertThat(browser.findElement(By.id("current")).isDisplayed()).isFalse();

        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("token-save")).click();
        browser.findElement(By.id("pay")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "PENDING"));

        browser.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#method option")));
        assertThat(browser.findElement(By.id("token-panel")).isDisplayed()).isFalse();
    }

    @Test
    void rowsShowFriendlyNamesAmountsWithSeparatorsAndTheirActions() throws Exception {
        payWith("MTN_MOBILE_MONEY");
        String mtn = currentId();
        assertThat(browser.findElement(By.id("phone-prompt")).getText()).contains("25,000 UGX");
        payWith("CASH_ON_DELIVERY");
        String cash = currentId();

        assertThat(inRow(cash, WebElement::getText)).contains("Cash on delivery")
                .contains("25,000 UGX").doesNotContain("CASH_ON_DELIVERY");
        assertThat(inRow(mtn, WebElement::getText)).contains("MTN Mobile Money")
                .doesNotContain("MTN_MOBILE_MONEY");
        assertThat(countInRow(mtn, "button[data-action=verify]")).isEqualTo(1);
        assertThat(countInRow(mtn, "button[data-action=confirm-cash]")).isZero();
        screenshot("demo-row-actions.png");

        clickInRow(mtn, "verify");
        waiting().until(ExpectedConditions.textToBe(By.id("payment-id"), mtn));
        clickInRow(cash, "confirm-cash");
        waiting().until(ExpectedConditions.textToBe(By.id("payment-id"), cash));
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "SUCCEEDED"));
        clickInRow(mtn, "verify");
        waiting().until(ExpectedConditions.textToBe(By.id("payment-id"), mtn));
        clickInRow(cash, "refund");

        waiting().until(ExpectedConditions.textToBe(By.id("payment-id"), cash));
        WebElement amount = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-amount")));
        assertThat(amount.getAttribute("value")).isEqualTo("25000");
        assertThat(browser.findElement(By.id("refundable")).getText()).isEqualTo("25,000 UGX");
    }

    /** The list redraws every few seconds, so the button is looked up afresh until a click lands. */
    private static void clickInRow(String id, String action) {
        By button = By.cssSelector("#payments tr[data-id='" + id + "'] button[data-action=" + action + "]");
        waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(button).click();
            return true;
        });
    }

    @Test
    void aDeclinedPaymentExplainsItselfAndCanBeTriedAgain() throws Exception {
        payWith("MTN_MOBILE_MONEY");
        String declined = currentId();
        String order = inRow(declined, r -> r.findElement(By.cssSelector("td")).getText());

        waiting().until(ExpectedConditions.elementToBeClickable(By.id("phone-decline"))).click();
        waiting().until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "FAILED"));
        WebElement guidance = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("guidance")));
        screenshot("demo-declined.png");
        assertThat(guidance.getText()).contains("declined").contains("Try again");

        browser.findElement(By.id("try-again")).click();
        assertThat(browser.findElement(By.id("order-ref")).getAttribute("value")).isEqualTo(order);
        assertThat(new Select(browser.findElement(By.id("method"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("MTN_MOBILE_MONEY");
        browser.findElement(By.id("pay")).click();
        waiting().until(d -> !d.findElement(By.id("payment-id")).getText().equals(declined)
                && "PENDING".equals(d.findElement(By.id("status")).getAttribute("data-status")));
        assertThat(browser.findElement(By.id("guidance")).isDisplayed()).isFalse();
    }

    @Test
    void aNewErrorHidesTheEarlierResult() throws Exception {
        payWith("CASH_ON_DELIVERY");
        WebElement amount = browser.findElement(By.id("amount"));
        amount.clear();
        amount.sendKeys("lots");

        browser.findElement(By.id("pay")).click();

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-error"), "amount"));
        assertThat(browser.findElement(By.id("current")).isDisplayed()).isFalse();
    }

    @Test
    void theCurrencyListHoldsWhatTheGatewaysCollect() throws Exception {
        open();

        List<String> currencies = new Select(browser.findElement(By.id("currency"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        List<String> methods = new Select(browser.findElement(By.id("method"))).getOptions().stream()
                .map(WebElement::getText).toList();

        assertThat(currencies).containsExactly("UGX");
        assertThat(methods).contains("MTN Mobile Money", "Airtel Money", "M-Pesa", "Card",
                "Bank transfer", "Cash on delivery");
        new Select(browser.findElement(By.id("method"))).selectByVisibleText("M-Pesa");
        assertThat(new Select(browser.findElement(By.id("currency"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("KES");
        new Select(browser.findElement(By.id("method"))).selectByVisibleText("MTN Mobile Money");
        assertThat(new Select(browser.findElement(By.id("currency"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("UGX");
        assertThat(browser.findElement(By.id("phone")).getAttribute("value")).isEqualTo("0772 123456");
    }
}
