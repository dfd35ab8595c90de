package io.omnigate.web;

import static io.omnigate.OrderFixtures.line;
import static io.omnigate.OrderFixtures.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omnigate.LocalMachine;
import io.omnigate.OrderFixtures;
import io.omnigate.TestApi;
import io.omnigate.security.Roles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The store console, kiosk and tracking page in a real headless Chromium against the running app:
 * what a store associate, a customer at a kiosk and a customer on a phone see, live. Screenshots
 * land in target/screenshots/, or in docs/screenshots/ with {@code -Domnigate.screenshots=docs/screenshots}.
 */
@QuarkusTest
class PagesBrowserTest {

    static final Duration LIVE = Duration.ofSeconds(2);
    static final Duration LOAD = Duration.ofSeconds(10);

    static Browser browser;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URL base;

    OrderFixtures fx;
    String sku;

    @BeforeAll
    static void chromium() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void network() {
        fx = new OrderFixtures(pool);
        sku = fx.sku();
    }

    String page(String path, String fragment) {
        return base.toString().replaceAll("/$", "") + path + "#" + fragment;
    }

    String console(String store) {
        return browser.open(
                page("/app/store/", "location=" + store + "&token=" + TestApi.mint(Roles.STORE_DEVICE, store)));
    }

    String tracking(JsonPath order, String lang) {
        return browser.open(page(
                "/app/track/",
                "order=" + order.getString("id") + "&token=" + order.getString("accessToken") + "&lang=" + lang));
    }

    /** Waits for the console to be live, so what happens next must arrive over its stream. */
    void live() {
        browser.eventually(
                LOAD,
                "the page's stream is live",
                () -> "live".equals(browser.find("#conn").getAttribute("data-state")));
    }

    WebElement card(String orderId) {
        return browser.find("article[data-order='" + orderId + "']");
    }

    void click(String orderId, String label) {
        browser.eventually(
                LIVE,
                "button " + label + " on " + orderId,
                () -> card(orderId)
                                .findElements(
                                        org.openqa.selenium.By.xpath(".//button[normalize-space()='" + label + "']"))
                                .size()
                        == 1);
        card(orderId)
                .findElement(org.openqa.selenium.By.xpath(".//button[normalize-space()='" + label + "']"))
                .click();
    }

    @Test
    void aNewOrderIsWalkedToReadyOnTheConsoleTheCustomerSeesTheCodeAndTheKioskHandsItOver() throws Exception {
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 5);
        String consoleTab = console(store);
        live();

        JsonPath order = place(OrderFixtures.pickup(store, List.of(line(sku, 2))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderId = order.getString("id");
        browser.eventually(
                LIVE,
                "the new order on the console without a reload",
                () -> card(orderId).isDisplayed());
        assertEquals("1", browser.find("#count-open").getText());

        String trackTab = tracking(order, "en");
        browser.eventually(
                LOAD,
                "tracking page live",
                () -> "live".equals(browser.find("#conn").getAttribute("data-state")));
        browser.to(consoleTab);
        click(orderId, "Accept");
        click(orderId, "Start picking");
        click(orderId, "Packed");
        browser.eventually(
                LIVE,
                "packed",
                () -> !card(orderId)
                        .findElements(org.openqa.selenium.By.cssSelector("[data-status='PACKED']"))
                        .isEmpty());
        browser.screenshot("store-console", Browser.TABLET);
        click(orderId, "Ready");
        browser.eventually(
                LIVE,
                "the card moves to Ready for pickup",
                () -> "1".equals(browser.find("#count-ready").getText()));

        browser.to(trackTab);
        String code = browser.eventually(LIVE, "the pickup code on the tracking page", () -> {
            List<WebElement> codes = browser.all("#codes .code");
            return codes.isEmpty() || codes.get(0).getText().isBlank()
                    ? null
                    : codes.get(0).getText();
        });
        String expected = TestApi.as(order.getString("accessToken"))
                .get("/v1/orders/{id}", orderId)
                .then()
                .extract()
                .path("fulfillments[0].pickupCode");
        assertEquals(expected, code);
        browser.eventually(
                LOAD,
                "the QR code is drawn",
                () -> browser.find("#codes img.qr").getAttribute("src").startsWith("blob:"));
        browser.eventually(
                LOAD,
                "the pickup point's address and hours",
                () -> browser.find("#points").getText().contains("Test store"));
        browser.screenshot("tracking-ready-phone", Browser.PHONE);
        browser.driver.manage().window().setSize(Browser.TABLET);

        String kioskTab = browser.open(
                page("/app/kiosk/", "location=" + store + "&token=" + TestApi.mint(Roles.PICKUP_POINT, store)));
        browser.eventually(
                LOAD,
                "kiosk counts the waiting parcel",
                () -> browser.find("#waiting").getText().startsWith("1 parcel"));
        browser.screenshot("kiosk-home", Browser.TABLET);
        browser.find("#code").sendKeys(code.toLowerCase());
        browser.find("#open").click();
        browser.eventually(
                LIVE,
                "the kiosk says where the parcel is",
                () -> browser.find("#done-title").isDisplayed());
        browser.screenshot("kiosk-handed-over", Browser.TABLET);
        TestApi.admin()
                .get("/v1/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("fulfillments[0].status", org.hamcrest.Matchers.is("PICKED_UP"));

        browser.to(trackTab);
        browser.eventually(
                LIVE,
                "the customer sees the order collected",
                () -> "COMPLETED".equals(browser.find("#status").getAttribute("data-status")));
        closeAllBut(kioskTab);
    }

    @Test
    void iAmHereOnThePhoneAppearsInTheConsolesCurbsidePanel() throws Exception {
        String store = fx.store(0.01, "PICKUP", "CURBSIDE");
        fx.stock(store, sku, 5);
        JsonPath order = place(Map.of(
                        "method",
                        "CURBSIDE",
                        "locationId",
                        store,
                        "lines",
                        List.of(line(sku, 1)),
                        "customer",
                        Map.of("customerId", "CUST-CURB-1", "name", "Giulia Verdi")))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String orderId = order.getString("id");
        String consoleTab = console(store);
        live();
        String trackTab = tracking(order, "it");
        browser.eventually(
                LOAD, "the I'm here form", () -> browser.find("#here").isDisplayed());
        browser.find("#bay").sendKeys("3");
        browser.find("#vehicle").sendKeys("Fiat Panda rossa");
        browser.screenshot("tracking-curbside-phone-it", Browser.PHONE);
        browser.find("#here-button").click();
        browser.eventually(
                LIVE,
                "the page confirms",
                () -> browser.find("#here-result").getText().contains("Il negozio sa"));

        browser.to(consoleTab);
        browser.driver.manage().window().setSize(Browser.TABLET);
        browser.eventually(
                LIVE,
                "the customer in the curbside panel",
                () -> !browser.all("#curbside [data-order='" + orderId + "']").isEmpty());
        assertTrue(browser.find("#curbside").getText().contains("Fiat Panda rossa"));
        assertTrue(browser.find("#curbside").getText().contains("Giulia Verdi"), "the name for the hand-over");
        browser.screenshot("store-console-curbside", Browser.TABLET);
        closeAllBut(trackTab);
    }

    @Test
    void theTrackingPageResumesAfterTheServerWentAwayWithoutMissingAStatus() throws Exception {
        String store = fx.store(0.01, "PICKUP");
        fx.stock(store, sku, 5);
        JsonPath order = place(OrderFixtures.pickup(store, List.of(line(sku, 1))))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String fid = order.getString("fulfillments[0].id");
        String device = TestApi.mint(Roles.STORE_DEVICE, store);
        try (TcpProxy proxy = new TcpProxy(LocalMachine.freePort(), base.getPort())) {
            proxy.up();
            String url = "http://localhost:" + proxy.port() + "/app/track/#order=" + order.getString("id") + "&token="
                    + order.getString("accessToken") + "&lang=en";
            String tab = browser.open(url);
            browser.eventually(
                    LOAD,
                    "tracking page live",
                    () -> "live".equals(browser.find("#conn").getAttribute("data-state")));
            TestApi.as(device)
                    .body(Map.of("to", "ACCEPTED"))
                    .post("/v1/fulfillments/{id}/transitions", fid)
                    .then()
                    .statusCode(200);
            browser.eventually(
                    LIVE, "ACCEPTED on the timeline", () -> timeline().contains("ACCEPTED"));

            proxy.down();
            browser.eventually(
                    LOAD,
                    "the page notices",
                    () -> !"live".equals(browser.find("#conn").getAttribute("data-state")));
            TestApi.as(device)
                    .body(Map.of("to", "PICKING"))
                    .post("/v1/fulfillments/{id}/transitions", fid)
                    .then()
                    .statusCode(200);
            TestApi.as(device)
                    .body(Map.of("to", "PACKED"))
                    .post("/v1/fulfillments/{id}/transitions", fid)
                    .then()
                    .statusCode(200);
            proxy.up();

            browser.eventually(
                    Duration.ofSeconds(15),
                    "PICKING and PACKED after the reconnect",
                    () -> timeline().containsAll(List.of("PICKING", "PACKED")));
            List<String> seqs = browser.all("#timeline li").stream()
                    .map(li -> li.getAttribute("data-seq"))
                    .toList();
            Set<String> unique = new HashSet<>(seqs);
            assertEquals(seqs.size(), unique.size(), "no event shown twice: " + seqs);
            List<String> statuses = timeline();
            assertEquals(1, statuses.stream().filter("PICKING"::equals).count(), statuses.toString());
            assertEquals(1, statuses.stream().filter("PACKED"::equals).count(), statuses.toString());
            browser.to(tab);
            closeAllBut(tab);
        }
    }

    List<String> timeline() {
        return browser.all("#timeline li[data-type='fulfillment.status']").stream()
                .map(li -> li.getAttribute("data-status"))
                .toList();
    }

    @Test
    void wrongCodesAtTheKioskEndInALockoutWithACountdown() throws Exception {
        String kiosk = fx.store(0.01, "PICKUP");
        String tab = browser.open(page(
                "/app/kiosk/", "location=" + kiosk + "&token=" + TestApi.mint(Roles.PICKUP_POINT, kiosk) + "&lang=it"));
        browser.eventually(LOAD, "kiosk ready", () -> browser.find("#code").isEnabled());
        for (int attempt = 0; attempt < 6 && browser.find("#code").isEnabled(); attempt++) {
            browser.find("#code").clear();
            browser.find("#code").sendKeys("WRONG" + attempt);
            browser.find("#open").click();
            browser.eventually(
                    LIVE,
                    "an answer to the wrong code",
                    () -> !browser.find("#message").getText().isBlank());
        }
        String message = browser.eventually(
                LIVE,
                "the lockout",
                () -> browser.find("#message").getText().contains("Riprova tra")
                        ? browser.find("#message").getText()
                        : null);
        assertTrue(!browser.find("#code").isEnabled(), "the code field is locked: " + message);
        browser.screenshot("kiosk-lockout-it", Browser.TABLET);
        closeAllBut(tab);
    }

    @Test
    void theCheckoutDemoShowsPickupOptionsForACart() throws Exception {
        String store = fx.store(0.01, "PICKUP", "CURBSIDE");
        fx.stock(store, sku, 5);
        String tab = browser.open(page(
                "/app/checkout/",
                "token=" + OrderFixtures.checkout() + "&near=" + fx.lat + "," + fx.lon + "&lines=" + sku + " x1"));
        browser.eventually(
                LOAD, "a pickup option", () -> browser.find("#pickup").getText().contains(store));
        browser.screenshot("checkout-demo", Browser.TABLET);
        closeAllBut(tab);
    }

    /** Keeps the browser to one tab between tests. */
    void closeAllBut(String keep) {
        for (String handle : browser.driver.getWindowHandles()) {
            if (!handle.equals(keep)) {
                browser.driver.switchTo().window(handle).close();
            }
        }
        browser.driver.switchTo().window(keep);
    }
}
