package coop.izek.project.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import coop.izek.events.LearningCityFeature;
import coop.izek.events.TargetGroup;
import coop.izek.project.calls.Calls;
import coop.izek.project.calls.Programme;
import coop.izek.project.deliverables.DeliverableStatus;
import coop.izek.project.deliverables.Deliverables;
import coop.izek.project.directory.Directory;
import coop.izek.project.mobilities.Mobilities;
import coop.izek.project.mobilities.MobilityStatus;
import coop.izek.project.mobilities.MobilityType;
import coop.izek.project.projects.ExchangeRates;
import coop.izek.project.projects.PartnerRole;
import coop.izek.project.projects.ProjectStatus;
import coop.izek.project.projects.Projects;
import coop.izek.support.cooperative.CooperativeProperties;
import coop.izek.support.demo.DemoData;
import coop.izek.support.demo.DemoIds;
import coop.izek.support.money.Money;
import coop.izek.support.security.Caller;

/**
 * The demo's sample Erasmus+ KA220 cooperation partnership in adult education, coordinated by the cooperative with a
 * Polish education cluster, an İzmir district municipality and a university: running, with work packages and
 * budgets, deliverables at every stage, milestones, a realised and a planned mobility, and two educators who link
 * their workshops to it; plus a Learning City application in the drafting and the rates the portfolio needs.
 */
@Component
class ProjectDemoData implements DemoData {

    static final String LEARNING_CITY_PROJECT = "demo-project-izmir-learning-city";
    private static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    private static final Caller STAFF = new Caller("demo", List.of("ADMIN"), Optional.empty(), true);
    private static final List<ProjectStatus> TO_RUNNING = List.of(ProjectStatus.DRAFTING, ProjectStatus.SUBMITTED, ProjectStatus.GRANTED,
            ProjectStatus.RUNNING);

    private final Projects projects;
    private final Calls calls;
    private final Deliverables deliverables;
    private final Mobilities mobilities;
    private final ExchangeRates rates;
    private final Directory directory;
    private final CooperativeProperties cooperative;
    private final Clock clock;

    ProjectDemoData(Projects projects, Calls calls, Deliverables deliverables, Mobilities mobilities, ExchangeRates rates,
                    Directory directory, CooperativeProperties cooperative, Clock clock) {
        this.projects = projects;
        this.calls = calls;
        this.deliverables = deliverables;
        this.mobilities = mobilities;
        this.rates = rates;
        this.directory = directory;
        this.cooperative = cooperative;
        this.clock = clock;
    }

    @Override
    public boolean load() {
        var izek = cooperative.organisationId();
        var known = List.of(izek, DemoIds.CLUSTER, DemoIds.MUNICIPALITY, DemoIds.UNIVERSITY).stream()
                .allMatch(id -> directory.organisation(id).isPresent())
                && directory.isActiveEducator(DemoIds.AYSE) && directory.isActiveEducator(DemoIds.ZEYNEP);
        if (!known) {
            return false; // membership-service's demo people and organisations have not arrived yet
        }
        var today = LocalDate.now(clock.withZone(ISTANBUL));
        partnership(izek, today);
        learningCity(izek);
        rates.set("EUR", "TRY", new BigDecimal("37.45"), LocalDate.of(today.getYear(), 1, 1), "demo");
        rates.set("PLN", "TRY", new BigDecimal("8.72"), LocalDate.of(today.getYear(), 1, 1), "demo");
        return true;
    }

    private void partnership(String izek, LocalDate today) {
        var reference = "KA220-ADU-" + today.getYear();
        if (calls.find(Programme.ERASMUS_PLUS, reference).isEmpty()) {
            DemoData.unlessDone(() -> calls.open(Programme.ERASMUS_PLUS, reference, "Cooperation partnerships in adult education",
                    LocalDate.of(today.getYear(), 3, 5), Money.of("400000.00", "EUR"), "demo"));
        }
        var callId = calls.find(Programme.ERASMUS_PLUS, reference).map(Calls.CallView::id).orElse(null);
        if (projects.membership(DemoIds.PROJECT).isEmpty()) {
            DemoData.unlessDone(() -> projects.create(DemoIds.PROJECT, new Projects.Draft("LEARNCITY-IZ",
                    "Öğrenen Şehirler: Aileler ve Kuşaklar Arası Öğrenme", callId, Programme.ERASMUS_PLUS, izek, today.minusMonths(3).withDayOfMonth(1),
                    today.minusMonths(3).withDayOfMonth(1).plusYears(2).minusDays(1), "EUR", List.of(4, 10, 11),
                    List.of(LearningCityFeature.BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES, LearningCityFeature.BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION,
                            LearningCityFeature.CONDITION_GOVERNANCE_AND_PARTICIPATION)), "demo"));
        }
        var project = projects.membership(DemoIds.PROJECT).orElseThrow();
        for (var partner : List.of(DemoIds.CLUSTER, DemoIds.MUNICIPALITY, DemoIds.UNIVERSITY)) {
            if (!project.includes(partner)) {
                DemoData.unlessDone(() -> projects.addPartner(DemoIds.PROJECT, partner, PartnerRole.PARTNER));
            }
        }
        workPackage(1, "Proje yönetimi ve kalite", izek, Map.of(izek, "28000.00", DemoIds.CLUSTER, "6000.00", DemoIds.MUNICIPALITY, "4000.00",
                DemoIds.UNIVERSITY, "4000.00"));
        workPackage(2, "Aile öğrenme atölyeleri", DemoIds.MUNICIPALITY, Map.of(izek, "42500.50", DemoIds.MUNICIPALITY, "31000.00"));
        workPackage(3, "Eğitmen hareketlilikleri", DemoIds.CLUSTER, Map.of(izek, "18000.00", DemoIds.CLUSTER, "24000.00"));
        workPackage(4, "Öğrenen Şehir araç seti", DemoIds.UNIVERSITY, Map.of(DemoIds.UNIVERSITY, "36500.00", izek, "9000.00"));
        workPackage(5, "Yaygınlaştırma", DemoIds.CLUSTER, Map.of(DemoIds.CLUSTER, "12000.00", izek, "8000.00", DemoIds.MUNICIPALITY, "5000.00"));
        for (var step : TO_RUNNING) {
            var status = projects.membership(DemoIds.PROJECT).orElseThrow().status();
            if (status.next().contains(step)) {
                DemoData.unlessDone(() -> projects.transition(DemoIds.PROJECT, step, "demo"));
            }
        }
        projects.assignEducator(DemoIds.PROJECT, DemoIds.AYSE);
        projects.assignEducator(DemoIds.PROJECT, DemoIds.ZEYNEP);

        deliverable("D1.1", "Proje el kitabı ve kalite planı", "WP1", today.minusDays(40), izek, DeliverableStatus.APPROVED);
        deliverable("D2.1", "Aile atölyeleri müfredatı", "WP2", today.plusDays(6), DemoIds.MUNICIPALITY, DeliverableStatus.DRAFT);
        deliverable("D3.1", "Job shadowing raporu (Kraków)", "WP3", today.plusDays(30), DemoIds.CLUSTER, DeliverableStatus.SUBMITTED);
        deliverable("D4.1", "Öğrenen Şehir araç seti, taslak", "WP4", today.plusDays(120), DemoIds.UNIVERSITY, DeliverableStatus.PENDING);
        deliverable("D5.1", "Yaygınlaştırma planı", "WP5", today.minusDays(3), DemoIds.CLUSTER, DeliverableStatus.PENDING);
        milestone("M1", "Açılış toplantısı, İzmir", "WP1", today.minusDays(75), today.minusDays(76));
        milestone("M2", "İlk eğitmen hareketliliği tamamlandı", "WP3", today.minusDays(20), today.minusDays(21));
        milestone("M3", "Araç seti pilotu başladı", "WP4", today.plusDays(150), null);

        mobility("demo-mobility-job-shadowing", MobilityType.JOB_SHADOWING, "Kraków okullarında job shadowing", izek, DemoIds.CLUSTER, "PL", today.minusDays(28),
                today.minusDays(23), Map.of(TargetGroup.EDUCATORS, 6), MobilityStatus.REALISED);
        mobility("demo-mobility-youth-exchange", MobilityType.EXCHANGE, "Gençlik değişimi: İzmir'de kuşaklar arası öğrenme", DemoIds.CLUSTER, izek, "TR", today.plusDays(45),
                today.plusDays(51), Map.of(TargetGroup.YOUTH, 12, TargetGroup.EDUCATORS, 2), MobilityStatus.PLANNED);
    }

    private void learningCity(String izek) {
        if (projects.membership(LEARNING_CITY_PROJECT).isEmpty()) {
            var year = LocalDate.now(clock.withZone(ISTANBUL)).getYear() + 1;
            DemoData.unlessDone(() -> projects.create(LEARNING_CITY_PROJECT, new Projects.Draft("IZMIR-GNLC", "İzmir Öğrenen Şehir ağına katılım",
                    null, Programme.UNESCO_GNLC, izek, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 12, 31), "TRY", List.of(4, 11),
                    List.of(LearningCityFeature.BLOCK_CULTURE_OF_LIFELONG_LEARNING, LearningCityFeature.CONDITION_POLITICAL_WILL_AND_COMMITMENT)),
                    "demo"));
        }
        if (!projects.membership(LEARNING_CITY_PROJECT).orElseThrow().includes(DemoIds.MUNICIPALITY)) {
            DemoData.unlessDone(() -> projects.addPartner(LEARNING_CITY_PROJECT, DemoIds.MUNICIPALITY, PartnerRole.ASSOCIATED));
        }
        if (projects.membership(LEARNING_CITY_PROJECT).orElseThrow().status() == ProjectStatus.IDEA) {
            DemoData.unlessDone(() -> projects.transition(LEARNING_CITY_PROJECT, ProjectStatus.DRAFTING, "demo"));
        }
    }

    private void workPackage(int number, String title, String lead, Map<String, String> budget) {
        if (projects.membership(DemoIds.PROJECT).orElseThrow().workPackages().contains(number)) {
            return;
        }
        var lines = budget.entrySet().stream().map(e -> new Projects.BudgetLineDraft(e.getKey(), Money.of(e.getValue(), "EUR"))).toList();
        DemoData.unlessDone(() -> projects.addWorkPackage(DemoIds.PROJECT, number, title, lead, lines));
    }

    /** Added, then taken along its way to {@code status} step by step, as partner and coordinator would. */
    private void deliverable(String code, String title, String workPackage, LocalDate due, String responsible, DeliverableStatus status) {
        DemoData.unlessDone(() -> deliverables.add(DemoIds.PROJECT, new Deliverables.Draft(code, title, workPackage, due, responsible), STAFF));
        for (var step : List.of(DeliverableStatus.DRAFT, DeliverableStatus.SUBMITTED, DeliverableStatus.APPROVED)) {
            if (step.ordinal() > status.ordinal()) {
                return;
            }
            if (deliverables.find(DemoIds.PROJECT, code, STAFF).status().ordinal() < step.ordinal()) {
                DemoData.unlessDone(() -> deliverables.change(DemoIds.PROJECT, code, new Deliverables.Change(step, null, null), STAFF));
            }
        }
    }

    private void milestone(String code, String title, String workPackage, LocalDate due, LocalDate reached) {
        var project = projects.find(DemoIds.PROJECT, STAFF);
        if (project.milestones().stream().noneMatch(m -> m.code().equals(code))) {
            DemoData.unlessDone(() -> projects.addMilestone(DemoIds.PROJECT, code, title, workPackage, due));
        }
        if (reached != null && projects.find(DemoIds.PROJECT, STAFF).milestones().stream()
                .anyMatch(m -> m.code().equals(code) && m.achievedOn() == null)) {
            projects.milestoneReached(DemoIds.PROJECT, code, reached);
        }
    }

    private void mobility(String id, MobilityType type, String title, String sending, String receiving, String country, LocalDate start,
                          LocalDate end, Map<TargetGroup, Integer> participants, MobilityStatus status) {
        DemoData.unlessDone(() -> mobilities.report(id, DemoIds.PROJECT, new Mobilities.Report(type, title, "WP3", sending, receiving, country,
                start, end, participants, List.of(), status), STAFF));
    }
}
