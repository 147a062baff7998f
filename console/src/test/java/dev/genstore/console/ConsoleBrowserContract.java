package dev.genstore.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatus;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Storage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The console driven in headless Chromium against a store filled through the API: every page loads with no browser
 * console error (and is saved as a screenshot), filters and keyset pages work, each action changes the store as the API
 * would (read back through the API), hostile text renders as text, and an action without the session or with a wrong
 * CSRF token is refused and changes nothing. One subclass per backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserContract {
    private static final String TOKEN = "browser-operator-token-0123456789";

    Genstore store;
    ConsoleFixture data;
    GenstoreConsole console;
    ChromeDriver browser;

    /** A fresh, empty storage of the backend under test. */
    abstract Storage newStorage();

    /** The backend's name in screenshot file names. */
    abstract String backend();

    @BeforeAll
    void start() {
        store = Genstore.open(newStorage());
        data = new ConsoleFixture(store);
        console = GenstoreConsole.builder(store).port(0).token(TOKEN).start();
        browser = Browser.driver();
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    void stop() {
        browser.get(console.url() + "/login");
        browser.manage().deleteAllCookies();
        console.close();
        store.close();
    }

    private void open(String path) {
        browser.get(console.url() + path);
    }

    private void signIn() {
        open("/login");
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        submit(By.id("sign-in-button"));
        assertFalse(browser.findElements(By.id("sign-out")).isEmpty(), "signed in");
    }

    /** Clicks what submits a form and waits for the next page to replace this one. */
    private void submit(By by) {
        WebElement element = browser.findElement(by);
        element.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                .until(driver -> {
                    // The old page's element is gone; Chromium reports that as stale or, mid-navigation, as a node
                    // that "does not belong to the document" (a plain WebDriverException).
                    try {
                        element.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.WebDriverException gone) {
                        return true;
                    }
                });
    }

    private String text(String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        if (found.isEmpty()) {
            throw new AssertionError("no #" + id + " on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource());
        }
        return found.get(0).getText();
    }

    @Test
    void everyPageLoadsWithoutConsoleErrors() {
        Browser.consoleErrors(); // drop what earlier tests left
        String ann = "/users/" + data.ann.id();
        String[][] pages = {
                {"/", "Overview", "overview"}, {"/jobs", "Jobs", "jobs"}, {"/jobs/" + data.failed.id(), "Job ", "job"},
                {"/users", "Users", "users"}, {ann, "ann@example.com", "user"}, {ann + "/images", "Images of", "images"},
                {ann + "/images/" + data.hostileImage.id(), ConsoleFixture.HOSTILE, "image"}, {"/prompts", "Prompts", "prompts"},
                {"/budgets", "Budgets", "budgets"}, {"/health", "Health", "health"}, {"/login", "Sign in", "login"}};
        for (String[] page : pages) {
            open(page[0]);
            assertTrue(browser.getTitle().contains(page[1]), page[0] + " has title " + browser.getTitle());
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10)).until(driver -> (Boolean)
                    browser.executeScript("return Array.from(document.images).every(function (i) { return i.complete; });"));
            Browser.screenshot(backend() + "-" + page[2]);
            assertEquals(List.of(), Browser.consoleErrors().stream().map(Object::toString).toList(), "console errors on " + page[0]);
        }
        open("/users/" + data.ann.id() + "/images");
        List<WebElement> thumbnails = browser.findElements(By.cssSelector("#gallery img"));
        assertFalse(thumbnails.isEmpty());
        for (WebElement thumbnail : thumbnails) {
            assertNotEquals("0", thumbnail.getDomProperty("naturalWidth"), "thumbnail decoded: " + thumbnail.getDomAttribute("src"));
        }
    }

    @Test
    void filtersAndKeysetPagesWork() {
        open("/jobs");
        new Select(browser.findElement(By.id("status"))).selectByVisibleText("QUEUED"); // the script submits the form
        waitForUrl("status=QUEUED");
        Set<String> seen = new HashSet<>();
        int rows = 0;
        while (true) {
            for (WebElement row : browser.findElements(By.cssSelector("#jobs tr.job"))) {
                assertEquals("QUEUED", row.findElement(By.className("status")).getText());
                assertTrue(seen.add(row.findElement(By.tagName("a")).getDomAttribute("href")), "a job on two pages");
                rows++;
            }
            List<WebElement> next = browser.findElements(By.id("next-page"));
            if (next.isEmpty()) {
                break;
            }
            submit(By.id("next-page"));
        }
        assertEquals(store.jobs().operator().countByStatus(JobSelection.all()).get(JobStatus.QUEUED), (long) rows);

        open("/jobs?provider=stability");
        assertEquals(store.jobs().operator().list(JobSelection.all().provider("stability"), Set.of(), PageRequest.first(100)).items().size(), browser.findElements(By.cssSelector("#jobs tr.job")).size());
        open("/jobs?owner=bob%40example.com&status=FAILED");
        assertEquals(1, browser.findElements(By.cssSelector("#jobs tr.job")).size());

        open("/users/" + data.ann.id() + "/images?tag=even");
        assertEquals(ConsoleFixture.IMAGES / 2, browser.findElements(By.cssSelector("#gallery a.tile")).size());
        open("/users/" + data.ann.id() + "/images");
        int first = browser.findElements(By.cssSelector("#gallery a.tile")).size();
        submit(By.id("next-page"));
        int second = browser.findElements(By.cssSelector("#gallery a.tile")).size();
        assertEquals(ConsoleFixture.IMAGES + 1, first + second);

        open("/prompts?q=lighthouse");
        assertEquals(1, browser.findElements(By.cssSelector("#prompts tr.prompt-row")).size());
        open("/users?q=bob%40example.com");
        assertEquals("bob@example.com", text("user-email"));
    }

    private void waitForUrl(String part) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(driver -> driver.getCurrentUrl().contains(part));
    }

    @Test
    void actionsChangeTheStoreAsTheApiWould() {
        signIn();
        open("/jobs/" + data.toPause.id());
        submit(By.id("pause"));
        assertEquals("PAUSED", text("job-status"));
        assertEquals(JobStatus.PAUSED, store.jobs().operator().get(data.toPause.id()).status());
        submit(By.id("resume"));
        assertEquals(JobStatus.QUEUED, store.jobs().operator().get(data.toPause.id()).status());

        open("/jobs/" + data.queued.id());
        submit(By.id("cancel"));
        assertEquals(JobStatus.CANCELLED, store.jobs().operator().get(data.queued.id()).status());

        open("/jobs/" + data.failed.id());
        submit(By.id("retry"));
        Job retried = store.jobs().operator().list(JobSelection.all().owner(data.bob.id()), Set.of(JobStatus.QUEUED), PageRequest.first(100))
                .items().stream().filter(job -> job.prompt().equals(data.failed.prompt())).findFirst().orElseThrow();
        assertTrue(browser.getCurrentUrl().endsWith("/jobs/" + retried.id()));
        assertEquals("console-retry-" + data.failed.id(), retried.idempotencyKey());

        open("/users/" + data.bob.id());
        long before = store.ledger().account(data.bob.id()).balance();
        browser.findElement(By.id("credit-amount")).sendKeys("25");
        browser.findElement(By.id("credit-reason")).sendKeys("GOODWILL");
        browser.findElement(By.id("credit-reference")).sendKeys("browser-credit-1");
        submit(By.id("credit-submit"));
        assertEquals(before + 25, store.ledger().account(data.bob.id()).balance());
        assertEquals(String.valueOf(before + 25), text("balance"));
        browser.findElement(By.id("debit-amount")).sendKeys("5");
        browser.findElement(By.id("debit-reason")).sendKeys("CORRECTION");
        browser.findElement(By.id("debit-reference")).sendKeys("browser-debit-1");
        submit(By.id("debit-submit"));
        assertEquals(before + 20, store.ledger().account(data.bob.id()).balance());
        Browser.screenshot(backend() + "-user-after-credit");

        open("/health");
        submit(By.id("purge-dry-run"));
        assertTrue(text("result").contains("dry run"));
        submit(By.id("verify"));
        assertTrue(text("result").startsWith("Verify found"));
        assertTrue(store.operations().lastVerification().isPresent());
        Browser.screenshot(backend() + "-health-after-verify");
        submit(By.id("sign-out"));
    }

    @Test
    void hostileTextRendersAsText() {
        open("/users/" + data.ann.id() + "/images/" + data.hostileImage.id());
        assertEquals(ConsoleFixture.HOSTILE, text("image-title"));
        open("/prompts?sort=recent");
        assertTrue(browser.findElement(By.id("prompts")).getText().contains(ConsoleFixture.HOSTILE + " hostile prompt"));
        open("/jobs/" + data.failed.id());
        assertEquals(ConsoleFixture.HOSTILE + " a failing job", text("job-prompt"));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
    }

    @Test
    void anActionWithoutTheSessionOrWithAWrongCsrfTokenIsRefused() {
        browser.manage().deleteAllCookies();
        open("/jobs/" + data.untouched.id());
        assertTrue(browser.findElements(By.id("cancel")).isEmpty(), "no action offered before signing in");
        browser.executeScript("var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
                + " document.body.appendChild(f); f.submit();", "/jobs/" + data.untouched.id() + "/cancel");
        assertTrue(text("error").startsWith("Refused"));
        assertEquals(JobStatus.QUEUED, store.jobs().operator().get(data.untouched.id()).status());

        signIn();
        open("/jobs/" + data.untouched.id());
        browser.executeScript("document.querySelectorAll('input[name=csrf]').forEach(function (i) { i.value = 'forged'; });");
        submit(By.id("cancel"));
        assertTrue(text("error").startsWith("Refused"));
        assertEquals(JobStatus.QUEUED, store.jobs().operator().get(data.untouched.id()).status());
        Browser.consoleErrors(); // the refusals' 403s are expected here
        browser.manage().deleteAllCookies();
    }
}
