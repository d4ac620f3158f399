package coop.izek.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * The portal in a real browser (Debian's Chromium, driven by Selenium) against the running platform: what learners and
 * parents do, live updates included, with an axe-core accessibility scan of every page type and screenshots of the
 * key pages in {@code target/screenshots}.
 */
// Before the authorization matrix, which erases the demo people this test signs in as.
@Order(0)
class PortalBrowserIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> SERIOUS = List.of("serious", "critical");

    static Platform platform;
    static final List<WebDriver> browsers = new ArrayList<>();
    static SessionSoonToBegin sessionSoonToBegin;

    @BeforeAll
    static void start() throws IOException {
        platform = Platform.shared();
        Files.createDirectories(SCREENSHOTS);
        // Made first, so that the minute until it begins passes while the other tests run.
        sessionSoonToBegin = sessionSoonToBegin();
    }

    @AfterAll
    static void stop() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void shouldShowThePublicPagesInTurkishFirstAndAccessibly() {
        var browser = browser();
        open(browser, "/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("tr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        assertAccessible(browser, "home");
        screenshot(browser, "home");

        open(browser, "/workshops?category=STEM");
        assertThat(browser.findElements(By.cssSelector(".cards .card"))).isNotEmpty();
        assertAccessible(browser, "catalogue");

        browser.findElement(By.cssSelector(".cards .card h3 a")).click();
        var structured = Platform.JSON.readTree(browser.findElement(By.cssSelector("script[type='application/ld+json']"))
                .getAttribute("textContent"));
        assertThat(structured.get("@type").asString()).isEqualTo("Course");
        assertThat(structured.get("hasCourseInstance").get(0).get("startDate").asString()).endsWith("+03:00");
        assertAccessible(browser, "workshop");
        screenshot(browser, "workshop");

        open(browser, "/principles?lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertAccessible(browser, "principles");
        open(browser, "/certificates?code=NO-SUCH-CODE");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isNotBlank();
        assertAccessible(browser, "certificate");
        // The language is remembered: Polish chosen once stays.
        open(browser, "/workshops?lang=pl");
        open(browser, "/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl");
        // Granted projects and the Learning City report are public; an application in the making is not shown.
        open(browser, "/projects");
        assertThat(browser.findElements(By.cssSelector("[data-project]"))).extracting(e -> e.getAttribute("data-project"))
                .contains("demo-project-learncity").doesNotContain("demo-project-izmir-learning-city");
        assertAccessible(browser, "public-projects");
        browser.findElement(By.cssSelector("[data-project='demo-project-learncity'] a")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/projects/demo-project-learncity"));
        assertThat(browser.findElement(By.id("participants-reached")).getText()).isNotBlank();
        assertAccessible(browser, "public-project");
        open(browser, "/projects/demo-project-izmir-learning-city");
        assertThat(browser.findElement(By.tagName("h1")).getAttribute("data-status")).isEqualTo("404");
        open(browser, "/learning-city");
        assertThat(browser.findElement(By.id("report-total")).getText()).isNotBlank();
        assertAccessible(browser, "learning-city");
        screenshot(browser, "learning-city");
        open(browser, "/no-such-page");
        assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("Whitelabel");
        assertAccessible(browser, "not-found");
        open(browser, "/?lang=tr");
    }

    @Test
    void shouldPromoteTheWaitingParentAfterACancellationAndShowItLiveInTheInbox() {
        var workshop = workshopWithOneSeat();
        var firstParent = parentWithChild("Elif", "Ada");
        var secondParent = parentWithChild("Mert", "Deniz");

        var first = browser();
        signIn(first, firstParent);
        enrolChild(first, workshop, "Ada");
        assertThat(first.findElement(By.cssSelector(".enrolments [data-status]")).getAttribute("data-status")).isEqualTo("CONFIRMED");
        assertAccessible(first, "my-enrolments");
        screenshot(first, "my-enrolments");
        // The place is in the person's own calendar, in İzmir time.
        var calendar = (String) ((JavascriptExecutor) first).executeAsyncScript(
                "var done = arguments[0]; fetch('/me/calendar.ics').then(r => r.text()).then(done, e => done(String(e)));");
        assertThat(calendar).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT", "Robotik atölyesi", "DTSTART;TZID=Europe/Istanbul:");

        var second = browser();
        signIn(second, secondParent);
        enrolChild(second, workshop, "Deniz");
        assertThat(second.findElement(By.cssSelector(".enrolments [data-status]")).getAttribute("data-status")).isEqualTo("WAITLISTED");
        open(second, "/me/inbox");
        int before = second.findElements(By.cssSelector("#inbox li[data-id]")).size();
        assertAccessible(second, "inbox");

        submit(first, By.cssSelector(".enrolments form button"));
        assertThat(first.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();

        // No reload: the promotion arrives through the portal's pass-through of the live stream (the page's fallback
        // poll is once a minute, so an answer within 20 s came by the stream).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(second.findElements(By.cssSelector("#inbox li[data-id]"))).hasSizeGreaterThan(before));
        screenshot(second, "inbox-live");
        open(second, "/me");
        assertThat(second.findElement(By.cssSelector(".enrolments [data-status]")).getAttribute("data-status")).isEqualTo("CONFIRMED");
    }

    @Test
    void shouldMakeAnApplicantAnActiveMemberOnceStaffApproveAndRecordTheShare() {
        var applicant = person("Zeynep");
        var personId = subject(platform.signIn(applicant.email(), applicant.password()));

        var applying = browser();
        signIn(applying, applicant.email(), applicant.password());
        open(applying, "/membership");
        assertAccessible(applying, "membership");
        applying.findElement(By.id("motivation")).sendKeys("Çocuklarla bilim atölyeleri yapmak istiyorum.");
        applying.findElement(By.cssSelector("label[for='ex-STEM']")).click();
        applying.findElement(By.cssSelector("label[for='principlesAccepted']")).click();
        applying.findElement(By.cssSelector("label[for='dataProcessingConsent']")).click();
        submit(applying, By.cssSelector("form[action='/membership/application'] button[type=submit]"));
        assertThat(applying.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        assertThat(applying.findElement(By.cssSelector("li[data-status]")).getAttribute("data-status")).isEqualTo("PENDING");

        var staff = browser();
        signIn(staff, Platform.ADMIN_EMAIL, platform.adminPassword());
        open(staff, "/staff/applications");
        assertAccessible(staff, "staff-applications");
        submit(staff, By.cssSelector("article[data-person='" + personId + "'] button[value=APPROVE]"));
        assertThat(staff.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        open(staff, "/staff/members?status=AWAITING_SHARE_PAYMENT");
        assertAccessible(staff, "staff-members");
        openMember(staff, personId);
        var member = staff.findElement(By.cssSelector("article[data-person='" + personId + "']"));
        member.findElement(By.name("reference")).sendKeys("DEKONT-" + UUID.randomUUID().toString().substring(0, 8));
        submitWithin(staff, member, By.cssSelector("form.share-payment button[type=submit]"));
        assertThat(staff.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        assertAccessible(staff, "staff-member");
        screenshot(staff, "staff-member");

        open(applying, "/membership");
        assertThat(applying.findElement(By.id("member-status")).getAttribute("data-status")).isEqualTo("ACTIVE");
        screenshot(applying, "membership-active");

        // The board suspends the membership, with its reason; the member sees it.
        open(staff, "/staff/members?status=ACTIVE");
        openMember(staff, personId);
        var active = staff.findElement(By.cssSelector("article[data-person='" + personId + "']"));
        new org.openqa.selenium.support.ui.Select(active.findElement(By.name("status"))).selectByValue("SUSPENDED");
        active.findElement(By.cssSelector("form.member-status input[name=reason]")).sendKeys("Yönetim kurulu kararı 2026/14");
        submitWithin(staff, active, By.cssSelector("form.member-status button[type=submit]"));
        assertThat(staff.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        open(applying, "/membership");
        assertThat(applying.findElement(By.id("member-status")).getAttribute("data-status")).isEqualTo("SUSPENDED");

        // The rest of the staff's pages: the register shows the payment just recorded.
        open(staff, "/staff/share-register");
        assertThat(staff.findElement(By.id("paid-capital")).getText()).isNotBlank();
        assertAccessible(staff, "staff-share-register");
        open(staff, "/staff/solidarity");
        assertAccessible(staff, "staff-solidarity");
        open(staff, "/staff/failures");
        assertAccessible(staff, "staff-failures");
        open(staff, "/staff/projects");
        assertThat(staff.findElements(By.cssSelector("[data-project]"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldLetStaffSetUpAProjectAndItsConsortiumAndAddDeliverables() {
        var staff = browser();
        signIn(staff, Platform.ADMIN_EMAIL, platform.adminPassword());
        open(staff, "/staff/projects/new");
        assertAccessible(staff, "staff-new-project");
        var acronym = "YENI-" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        staff.findElement(By.id("acronym")).sendKeys(acronym);
        staff.findElement(By.id("title")).sendKeys("Kuşaklar arası okuma kulüpleri");
        new org.openqa.selenium.support.ui.Select(staff.findElement(By.id("programme"))).selectByValue("MUNICIPAL");
        new org.openqa.selenium.support.ui.Select(staff.findElement(By.id("coordinatorOrganisationId"))).selectByValue("izek");
        setValue(staff, By.id("startDate"), "2027-03-01");
        setValue(staff, By.id("endDate"), "2028-02-29");
        setValue(staff, By.id("currency"), "TRY");
        submit(staff, By.cssSelector("form.new-project button[type=submit]"));
        assertThat(staff.findElement(By.tagName("h1")).getText()).as(() -> staff.findElement(By.tagName("main")).getText()).contains(acronym);
        assertThat(staff.findElement(By.id("project-status")).getAttribute("data-status")).isEqualTo("IDEA");

        var partner = staff.findElement(By.cssSelector("form.add-partner"));
        new org.openqa.selenium.support.ui.Select(partner.findElement(By.name("organisationId"))).selectByValue("demo-org-karsiyaka");
        submitWithin(staff, partner, By.cssSelector("button[type=submit]"));
        assertThat(staff.findElements(By.cssSelector("[data-organisation='demo-org-karsiyaka']"))).hasSize(1);
        new org.openqa.selenium.support.ui.Select(staff.findElement(By.id("to"))).selectByValue("DRAFTING");
        submit(staff, By.cssSelector("form.transition button[type=submit]"));
        assertThat(staff.findElement(By.id("project-status")).getAttribute("data-status")).isEqualTo("DRAFTING");
        // An illegal step is the API's refusal, shown on the page.
        new org.openqa.selenium.support.ui.Select(staff.findElement(By.id("to"))).selectByValue("CLOSED");
        submit(staff, By.cssSelector("form.transition button[type=submit]"));
        assertThat(staff.findElement(By.cssSelector("[role=alert]")).getText()).isNotBlank();
        assertThat(staff.findElement(By.id("project-status")).getAttribute("data-status")).isEqualTo("DRAFTING");

        open(staff, "/staff/projects/demo-project-learncity");
        var code = "D9." + (1 + new java.util.Random().nextInt(89));
        var deliverable = staff.findElement(By.cssSelector("form.add-deliverable"));
        deliverable.findElement(By.name("code")).sendKeys(code);
        deliverable.findElement(By.name("title")).sendKeys("Kapanış raporu");
        setValue(staff, By.id("dueDate"), "2028-06-30");
        submitWithin(staff, deliverable, By.cssSelector("button[type=submit]"));
        assertThat(staff.findElements(By.cssSelector("[data-code='" + code + "']"))).hasSize(1);
        assertAccessible(staff, "staff-project");
        screenshot(staff, "staff-project");
    }

    @Test
    void shouldLetAMemberGiveTheirProxyAndTheHolderVoteForBoth() {
        var demo = platform.demoPassword();
        var holderNumber = platform.json(platform.get("/api/membership/members/me", platform.signIn("can.ozturk@demo.izek.coop", demo)))
                .get("memberNumber").asString();
        var assembly = platform.json(platform.send("POST", "/api/membership/assemblies", platform.admin(), """
                {"title": "Olağanüstü Genel Kurul %s", "date": "%s",
                 "motions": [{"title": "Yeni atölye alanı", "text": "Bornova'da ikinci bir atölye açılması."}]}
                """.formatted(UUID.randomUUID().toString().substring(0, 4), java.time.LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(7))))
                .get("id").asString();

        var absent = browser();
        signIn(absent, "zeynep.arslan@demo.izek.coop", demo);
        open(absent, "/membership");
        absent.findElement(By.cssSelector("[data-assembly='" + assembly + "'] a")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> absent.getCurrentUrl().endsWith("/membership/assemblies/" + assembly));
        assertAccessible(absent, "assembly");
        absent.findElement(By.id("proxyMemberNumber")).sendKeys(holderNumber.toLowerCase());
        submit(absent, By.cssSelector("form[action$='/proxy'] button"));
        assertThat(absent.findElement(By.id("proxy-given")).getText()).contains(holderNumber);
        // Having given their vote, they do not vote themselves.
        assertThat(absent.findElements(By.cssSelector("form.vote"))).isEmpty();

        var holder = browser();
        signIn(holder, "can.ozturk@demo.izek.coop", demo);
        open(holder, "/membership/assemblies/" + assembly);
        assertThat(holder.findElement(By.id("proxy-carried")).getText()).isNotBlank();
        holder.findElement(By.cssSelector("form.vote:not(.on-behalf) label[for$='-YES']")).click();
        submit(holder, By.cssSelector("form.vote:not(.on-behalf) button"));
        holder.findElement(By.cssSelector("form.on-behalf label[for$='-NO']")).click();
        submit(holder, By.cssSelector("form.on-behalf button"));
        assertThat(holder.findElements(By.cssSelector("form.vote"))).isEmpty();
        var result = holder.findElement(By.cssSelector(".motion .result"));
        assertThat(result.getText()).contains("1");
        assertThat(result.getAttribute("data-yes")).isEqualTo("1");
        screenshot(holder, "assembly-voted");

        // Used, the proxy can no longer be taken back.
        open(absent, "/membership/assemblies/" + assembly);
        assertThat(absent.findElements(By.cssSelector("form[action$='/revoke']"))).isEmpty();
    }

    @Test
    void shouldShowSomeoneWhoWorksForAPartnerOnlyTheirOrganisationsProjects() {
        var partner = person("Katarzyna");
        var admin = platform.admin();
        // Staff link her account to the Polish cluster.
        var staff = browser();
        signIn(staff, Platform.ADMIN_EMAIL, platform.adminPassword());
        open(staff, "/staff/organisations");
        staff.findElement(By.cssSelector("tr[data-organisation='demo-org-glokal'] a")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> staff.getCurrentUrl().endsWith("/staff/organisations/demo-org-glokal"));
        staff.findElement(By.id("email")).sendKeys(partner.email());
        submit(staff, By.cssSelector("form.link-person button[type=submit]"));
        assertThat(staff.findElement(By.cssSelector("[role=status]")).getText()).contains(partner.email());
        assertThat(staff.findElement(By.cssSelector(".people")).getText()).contains(partner.email());
        assertAccessible(staff, "staff-organisation");
        // A project the Polish cluster is not in.
        var other = platform.json(platform.send("POST", "/api/projects", admin, """
                {"acronym": "ELSEWHERE-%s", "title": "Bir başka proje", "programme": "MUNICIPAL", "coordinatorOrganisationId": "izek",
                 "startDate": "2027-02-01", "endDate": "2027-12-31", "currency": "TRY"}
                """.formatted(UUID.randomUUID().toString().substring(0, 6).toUpperCase()))).get("id").asString();

        var browser = browser();
        signIn(browser, partner.email(), partner.password());
        browser.findElement(By.cssSelector("a[href='/partner/projects']")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/partner/projects"));
        assertThat(browser.findElements(By.cssSelector("[data-project]"))).extracting(e -> e.getAttribute("data-project"))
                .contains("demo-project-learncity").doesNotContain(other);
        assertAccessible(browser, "partner-projects");

        open(browser, "/partner/projects/" + other);
        // A project the organisation is not in does not exist for it.
        assertThat(browser.findElement(By.tagName("h1")).getAttribute("data-status")).isEqualTo("404");
        assertThat(browser.getPageSource()).doesNotContain("ELSEWHERE-");

        open(browser, "/partner/projects/demo-project-learncity");
        // Its own deliverable (D5.1 is the cluster's) has a form; another partner's (D2.1) has none.
        assertThat(browser.findElements(By.cssSelector("[data-code='D2.1'] form"))).isEmpty();
        var own = browser.findElement(By.cssSelector("[data-code='D5.1']"));
        new org.openqa.selenium.support.ui.Select(own.findElement(By.name("status"))).selectByValue("DRAFT");
        submitWithin(browser, own, By.cssSelector("button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("D5.1");
        assertThat(browser.findElement(By.cssSelector("[data-code='D5.1']")).getAttribute("data-status")).isEqualTo("DRAFT");
        assertAccessible(browser, "partner-project");
        screenshot(browser, "partner-project");
    }

    @Test
    void shouldKeepNotificationPreferencesExportTheDataAndEraseTheAccountOnRequest() {
        var learner = person("Selin");
        var browser = browser();
        signIn(browser, learner.email(), learner.password());
        open(browser, "/me/settings");
        assertAccessible(browser, "settings");
        // The page shows what is kept: a new person hears by email and in the inbox, not by SMS.
        assertThat(browser.findElement(By.id("channel-EMAIL")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("channel-IN_APP")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("channel-SMS")).isSelected()).isFalse();
        var workshopsByEmail = browser.findElement(By.id("EMAIL-WORKSHOPS"));
        assertThat(workshopsByEmail.isSelected()).isTrue();
        workshopsByEmail.click();
        setValue(browser, By.id("quietStart"), "21:30");
        submit(browser, By.cssSelector("form.preferences button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        // What the page shows now is what notification-service keeps.
        assertThat(browser.findElement(By.id("EMAIL-WORKSHOPS")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("quietStart")).getAttribute("value")).isEqualTo("21:30");
        var kept = platform.json(platform.get("/api/notifications/preferences", platform.signIn(learner.email(), learner.password())));
        assertThat(kept.get("categories").get("WORKSHOPS").get("EMAIL").asBoolean()).isFalse();
        assertThat(kept.get("quietHours").get("start").asString()).isEqualTo("21:30");
        assertThat(kept.get("channels").get("EMAIL").asBoolean()).isTrue();

        // The export is the person's own data, downloaded through their session.
        var export = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[0]; fetch('/me/settings/my-data.json').then(r => r.text()).then(done, e => done(String(e)));");
        assertThat(Platform.JSON.readTree(export).get("account").get("email").asString()).isEqualTo(learner.email());

        browser.findElement(By.cssSelector("label[for='understood']")).click();
        submit(browser, By.cssSelector("form[action='/me/settings/erasure'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("form[action='/portal/sign-out']"))).isEmpty();
        assertThat(platform.post("/api/auth/login", "{\"email\": \"" + learner.email() + "\", \"password\": \"" + learner.password() + "\"}")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void shouldIssueAVerifiableCertificateOnceTheEducatorHasTakenAttendance() {
        var workshop = sessionSoonToBegin.workshop();
        var start = sessionSoonToBegin.start();
        var learner = sessionSoonToBegin.learner();

        var teaching = browser();
        signIn(teaching, "ayse.demir@demo.izek.coop", platform.demoPassword());
        open(teaching, "/educator");
        assertAccessible(teaching, "educator-workshops");
        teaching.findElement(By.cssSelector("a[href='/educator/workshops/" + workshop + "']")).click();
        await().atMost(Duration.ofMinutes(3)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> !Instant.now().isBefore(start.plusSeconds(1)));
        teaching.findElement(By.cssSelector("form.attendance .choice label")).click();
        submit(teaching, By.cssSelector("form.attendance button[type=submit]"));
        assertThat(teaching.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();
        assertAccessible(teaching, "educator-attendance");
        screenshot(teaching, "educator-attendance");
        submit(teaching, By.cssSelector("form[action$='/complete'] button"));
        assertThat(teaching.findElement(By.cssSelector("[role=status]")).getText()).isNotBlank();

        var learning = browser();
        signIn(learning, learner.email(), learner.password());
        open(learning, "/me/learning");
        assertAccessible(learning, "learning-record");
        learning.findElement(By.cssSelector("a.certificate-code")).click();
        assertThat(learning.findElement(By.cssSelector(".certificate .valid")).isDisplayed()).isTrue();
        screenshot(learning, "certificate");
    }

    @Test
    void shouldLetAnEducatorWriteADraftAndEditItBeforePublishingIt() {
        var educator = platform.signIn("ayse.demir@demo.izek.coop", platform.demoPassword());
        var day = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Istanbul")).plusDays(20);

        var browser = browser();
        signIn(browser, "ayse.demir@demo.izek.coop", platform.demoPassword());
        open(browser, "/educator/workshops/new");
        assertAccessible(browser, "educator-new-workshop");
        browser.findElement(By.id("titleTr")).sendKeys("Taslak atölye");
        browser.findElement(By.id("descriptionTr")).sendKeys("Henüz yazılıyor.");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("category"))).selectByValue("BOOKS_PHILOSOPHY");
        browser.findElement(By.id("tg-ADULTS")).click();
        browser.findElement(By.id("venueName")).sendKeys("Alsancak Kitaplığı");
        browser.findElement(By.id("district")).sendKeys("Konak");
        setValue(browser, By.id("date-0"), day.toString());
        setValue(browser, By.id("start-0"), "18:30");
        setValue(browser, By.id("end-0"), "20:00");
        setValue(browser, By.id("capacity"), "10");
        setValue(browser, By.id("price"), "200.00");
        setValue(browser, By.id("memberPrice"), "150.00");
        // "Online" is left unticked: the browser does not send it at all.
        submit(browser, By.cssSelector("form[action='/educator/workshops'] button[type=submit]"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.getCurrentUrl())
                .as(() -> "refused: " + browser.findElements(By.cssSelector("[role=alert]")).stream()
                        .map(org.openqa.selenium.WebElement::getText).toList()).matches(".*/educator/workshops/[A-Za-z0-9-]+$"));
        var draft = browser.getCurrentUrl().replaceAll(".*/educator/workshops/", "");

        browser.findElement(By.cssSelector("a[href='/educator/workshops/" + draft + "/edit']")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().endsWith("/edit"));
        // The form holds the draft as it is, its session in İzmir time.
        assertThat(browser.findElement(By.id("titleTr")).getAttribute("value")).isEqualTo("Taslak atölye");
        assertThat(browser.findElement(By.id("date-0")).getAttribute("value")).isNotBlank();
        assertAccessible(browser, "educator-edit");
        var title = browser.findElement(By.id("titleTr"));
        title.clear();
        title.sendKeys("Felsefe çayları");
        setValue(browser, By.id("capacity"), "14");
        submit(browser, By.cssSelector("form[action$='/edit'] button[type=submit]"));
        assertThat(browser.findElements(By.cssSelector("[role=status]"))).as(() -> "refused: " + browser.findElements(By.cssSelector("[role=alert]"))
                .stream().map(org.openqa.selenium.WebElement::getText).toList()).isNotEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Felsefe çayları");
        var stored = platform.json(platform.get("/api/workshops/" + draft, educator));
        assertThat(stored.get("capacity").asInt()).isEqualTo(14);
        assertThat(stored.get("sessions").get(0).get("start").asString()).startsWith(day + "T18:30");
        assertThat(stored.get("venue").get("online").asBoolean()).isFalse();
    }

    /**
     * A form sent when the person's token is no longer good (here: their password was changed elsewhere, which revokes
     * the tokens issued before) starts a new sign-in; afterwards they are back on the page the form was on, never on
     * an error page for a form that cannot be re-sent by a redirect.
     */
    @Test
    void shouldBringAPersonBackToTheFormsPageAfterSigningInAgain() {
        var parent = parentWithChild("Nur", "Deniz");
        var browser = browser();
        signIn(browser, parent.email(), parent.password());
        open(browser, "/me");
        // A token issued after the browser's: once it is refused, so is the browser's. Tokens carry whole seconds, and
        // one issued in the second of the change stays good, so the change comes in a later second.
        var before = platform.signIn(parent.email(), parent.password());
        var issued = Instant.ofEpochSecond(claims(before).get("iat").asLong());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> Instant.now().isAfter(issued.plusSeconds(1)));
        var changed = "Yeni-" + UUID.randomUUID().toString().substring(0, 12) + "9";
        assertThat(platform.send("POST", "/api/auth/password", before,
                "{\"currentPassword\": \"" + parent.password() + "\", \"newPassword\": \"" + changed + "\"}").statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.get("/api/membership/people/me/dependants", before).statusCode() == 401);

        browser.findElement(By.id("fullName")).sendKeys(parent.childName());
        setValue(browser, By.id("birthDate"), "2017-09-01");
        submit(browser, By.cssSelector("#children form button"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.getCurrentUrl())
                .as(() -> browser.getCurrentUrl() + ": " + browser.findElement(By.tagName("main")).getText()).matches(".*(/login.*|/me(\\?continue)?)$"));
        if (browser.getCurrentUrl().contains("/login")) {
            browser.findElement(By.name("username")).sendKeys(parent.email());
            browser.findElement(By.name("password")).sendKeys(changed);
            submit(browser, By.cssSelector("button[type=submit]"));
        }
        // Back on the page the form was on (the form itself is not sent again: the child is added by sending it anew).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(browser.getCurrentUrl()).matches(".*/me(\\?continue)?$"));
        assertThat(browser.findElements(By.cssSelector("h1[data-status]"))).isEmpty();
        assertThat(browser.findElement(By.id("children")).getText()).doesNotContain(parent.childName());
    }

    @Test
    void shouldOpenAnAccountThroughTheSiteAndShowTheApisRefusalsPlainly() {
        var browser = browser();
        open(browser, "/register");
        assertAccessible(browser, "register");
        browser.findElement(By.id("fullName")).sendKeys("İpek Işık");
        browser.findElement(By.id("email")).sendKeys("ipek-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
        // Too short for the platform's rules: the API's problem is shown, and what was typed is kept.
        setValue(browser, By.id("password"), "kısa");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('form[action=\"/register\"]').noValidate = true");
        submit(browser, By.cssSelector("form[action='/register'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("fullName")).getAttribute("value")).isEqualTo("İpek Işık");
        assertAccessible(browser, "register-refused");
        browser.findElement(By.id("password")).sendKeys("Uzun-ve-iyi-bir-parola-7");
        submit(browser, By.cssSelector("form[action='/register'] button"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("@example.org");
    }

    private static String subject(String accessToken) {
        return claims(accessToken).get("sub").asString();
    }

    /** What a token says of itself (its payload, read, not verified). */
    private static tools.jackson.databind.JsonNode claims(String accessToken) {
        return Platform.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    // --- the people and the workshop, made through the API as their own users would ---

    record Parent(String email, String password, String childName) {
    }

    record SessionSoonToBegin(String workshop, Instant start, Parent learner) {
    }

    /** A workshop whose one session begins in a minute, published and enrolled in before it begins. */
    private static SessionSoonToBegin sessionSoonToBegin() {
        var educator = platform.signIn("ayse.demir@demo.izek.coop", platform.demoPassword());
        var start = Instant.now().plus(70, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        var workshop = platform.json(platform.send("POST", "/api/workshops", educator, """
                {"title": {"tr": "Yetişkinler için fotoğrafçılık"}, "description": {"tr": "Telefonla iyi fotoğraf."},
                 "category": "ARTS", "targetGroups": ["ADULTS"], "language": "tr",
                 "venue": {"name": "Konak Kültür Evi", "district": "Konak", "city": "İzmir"},
                 "sessions": [{"start": "%s", "end": "%s"}], "capacity": 8,
                 "price": {"amount": "0.00", "currency": "TRY"}, "memberPrice": {"amount": "0.00", "currency": "TRY"},
                 "solidaritySeats": 0}
                """.formatted(start, start.plus(2, ChronoUnit.HOURS)))).get("id").asString();
        assertThat(platform.send("POST", "/api/workshops/" + workshop + "/publish", educator, null).statusCode()).isEqualTo(200);
        var learner = person("Can");
        assertThat(platform.send("POST", "/api/workshops/" + workshop + "/enrolments", platform.signIn(learner.email(), learner.password()),
                "{\"participants\": [{\"self\": true}], \"seatType\": \"STANDARD\"}").statusCode()).isEqualTo(201);
        return new SessionSoonToBegin(workshop, start, learner);
    }

    private static Parent parentWithChild(String parentName, String childName) {
        var email = parentName.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var password = "Veli-" + UUID.randomUUID().toString().substring(0, 12) + "7";
        platform.register(email, password, parentName + " Yılmaz", true);
        return new Parent(email, password, childName == null ? null : childName + " Yılmaz");
    }

    private static Parent person(String firstName) {
        return parentWithChild(firstName, null);
    }

    private String workshopWithOneSeat() {
        var educator = platform.signIn("ayse.demir@demo.izek.coop", platform.demoPassword());
        var start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var created = platform.json(platform.send("POST", "/api/workshops", educator, """
                {"title": {"tr": "Robotik atölyesi (tek kişilik)", "en": "Robotics for one"},
                 "description": {"tr": "Küçük robotlar yapıyoruz.", "en": "We build small robots."},
                 "category": "STEM", "targetGroups": ["CHILDREN"], "minAge": 6, "maxAge": 14, "language": "tr",
                 "venue": {"name": "İZEK Atölyesi", "district": "Karşıyaka", "city": "İzmir"},
                 "sessions": [{"start": "%s", "end": "%s"}],
                 "capacity": 1, "price": {"amount": "150.00", "currency": "TRY"},
                 "memberPrice": {"amount": "100.00", "currency": "TRY"}, "solidaritySeats": 0}
                """.formatted(start, start.plus(2, ChronoUnit.HOURS))));
        var id = created.get("id").asString();
        assertThat(platform.send("POST", "/api/workshops/" + id + "/publish", educator, null).statusCode()).isEqualTo(200);
        return id;
    }

    // --- what a person does in the browser ---

    private void signIn(WebDriver browser, String email, String password) {
        open(browser, "/");
        browser.findElement(By.cssSelector("a[href='/portal/sign-in/izek']")).click();
        // membership-service's sign-in page, reached through the gateway
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.getCurrentUrl().contains("/login"));
        browser.findElement(By.name("username")).sendKeys(email);
        browser.findElement(By.name("password")).sendKeys(password);
        submit(browser, By.cssSelector("button[type=submit]"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.cssSelector("form[action='/portal/sign-out']")).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException notSignedIn) {
            screenshot(browser, "sign-in-failed");
            throw new AssertionError("Not signed in; the browser is at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), notSignedIn);
        }
    }

    private void signIn(WebDriver browser, Parent parent) {
        signIn(browser, parent.email(), parent.password());
        open(browser, "/me");
        browser.findElement(By.id("fullName")).sendKeys(parent.childName());
        setValue(browser, By.id("birthDate"), "2016-04-23");
        submit(browser, By.cssSelector("#children form button"));
        // The form posts and the page comes back: read the new page, not the one being left.
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> browser.findElement(By.id("children")).getText().contains(parent.childName()));
    }

    /** From the members list to one member's page. */
    private static void openMember(WebDriver browser, String personId) {
        browser.findElement(By.cssSelector("tr[data-person='" + personId + "'] a")).click();
        await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElements(By.cssSelector("article[data-person='" + personId + "']")).isEmpty());
    }

    /** Clicks a form's button and waits until the page it posted from is gone, so what is read next is the answer. */
    private static void submit(WebDriver browser, By button) {
        var leaving = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        awaitGone(browser, leaving);
    }

    private static void submitWithin(WebDriver browser, org.openqa.selenium.WebElement scope, By button) {
        var leaving = browser.findElement(By.tagName("html"));
        scope.findElement(button).click();
        awaitGone(browser, leaving);
    }

    /**
     * Until the page is replaced. Chromium sometimes answers a question about a node of the page just left with an
     * inspector error ("does not belong to the document") rather than a stale element: gone all the same.
     */
    private static void awaitGone(WebDriver browser, org.openqa.selenium.WebElement leaving) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ignored -> {
            try {
                leaving.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    /** Date and time inputs take their value as the browser's own picker would set it (its typing order is locale-bound). */
    private static void setValue(WebDriver browser, By field, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", browser.findElement(field), value);
    }

    private void enrolChild(WebDriver browser, String workshopId, String childFirstName) {
        open(browser, "/workshops/" + workshopId);
        browser.findElement(By.id("p-self")).click();
        browser.findElements(By.cssSelector("#enrol label")).stream().filter(l -> l.getText().startsWith(childFirstName))
                .findFirst().orElseThrow().click();
        submit(browser, By.cssSelector("#enrol form button[type=submit]"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.getCurrentUrl())
                .as(() -> "refused: " + browser.findElements(By.cssSelector("[role=alert]")).stream()
                        .map(org.openqa.selenium.WebElement::getText).toList()).endsWith("/me"));
    }

    // --- the browser ---

    private static WebDriver browser() {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--lang=tr-TR", "--user-data-dir=" + tempDirectory());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "tr-TR,tr"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
        var browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        browser.manage().window().setSize(new Dimension(1280, 900));
        browsers.add(browser);
        return browser;
    }

    private static String tempDirectory() {
        try {
            return Files.createTempDirectory("izek-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open(WebDriver browser, String path) {
        browser.get("http://localhost:" + platform.gateway("/").getPort() + path);
    }

    /** axe-core's WCAG 2.1 A/AA rules (Deque's own Selenium integration) on the page as it is: no serious or critical violation. */
    private static void assertAccessible(WebDriver browser, String page) {
        var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        assertThat(results.isErrored()).as("axe-core ran on " + page).isFalse();
        var serious = results.getViolations().stream().filter(rule -> SERIOUS.contains(rule.getImpact()))
                .map(rule -> rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList())
                .toList();
        assertThat(serious).as("serious or critical accessibility violations on " + page).isEmpty();
        var js = (JavascriptExecutor) browser;
        // A phone's width too: nothing forces sideways scrolling.
        var wide = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(360, 800));
        var overflow = (Boolean) js.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
        screenshot(browser, page + "-360px");
        browser.manage().window().setSize(wide);
        assertThat(overflow).as(page + " at 360 px scrolls sideways").isFalse();
    }

    private static void screenshot(WebDriver browser, String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
