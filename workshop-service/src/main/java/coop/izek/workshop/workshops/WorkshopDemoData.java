package coop.izek.workshop.workshops;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import coop.izek.events.TargetGroup;
import coop.izek.events.WorkshopCategory;
import coop.izek.support.demo.DemoData;
import coop.izek.support.demo.DemoIds;
import coop.izek.support.money.Money;
import coop.izek.workshop.directory.Directory;
import coop.izek.workshop.projects.FundingProjects;

/**
 * The demo's workshops: a dozen across the eight categories in İzmir's districts (and one online), with sessions in
 * the coming weeks, three of them funded by the sample Erasmus+ project, and the demo family's children enrolled in
 * two. Built on membership-service's demo educators and family and project-service's sample project, once their
 * events have arrived.
 */
@Component
class WorkshopDemoData implements DemoData {

    record Sample(String id, String educator, WorkshopCategory category, Set<TargetGroup> groups, Integer minAge, Integer maxAge,
                  Map<String, String> title, Map<String, String> description, String venue, String district, boolean online,
                  int firstInDays, LocalTime at, int sessions, int capacity, String price, String memberPrice, int solidaritySeats,
                  boolean funded, List<String> features) {
    }

    private static final Set<TargetGroup> FAMILIES = Set.of(TargetGroup.CHILDREN, TargetGroup.PARENTS);
    private static final LocalTime MORNING = LocalTime.of(10, 0);
    private static final LocalTime EVENING = LocalTime.of(18, 30);

    static final List<Sample> SAMPLES = List.of(
            new Sample("demo-workshop-01", DemoIds.AYSE, WorkshopCategory.STEM, FAMILIES, 7, 12,
                    Map.of("tr", "Aile ile Robotik", "en", "Robotics with the Family", "pl", "Robotyka z rodziną"),
                    Map.of("tr", "Çocuklar ve ebeveynleri birlikte Arduino ile küçük robotlar tasarlıyor.",
                            "en", "Children and their parents design small robots with Arduino together."),
                    "Karşıyaka Kültür Merkezi", "Karşıyaka", false, 4, MORNING, 3, 12, "450.00", "350.00", 3, true,
                    List.of("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES", "BLOCK_MODERN_LEARNING_TECHNOLOGIES")),
            new Sample("demo-workshop-02", DemoIds.SELIN, WorkshopCategory.STEM, Set.of(TargetGroup.YOUTH), 15, 19,
                    Map.of("tr", "Gençler için Veri Bilimine Giriş", "en", "Data Science for Young People"),
                    Map.of("tr", "Açık verilerle İzmir'in hikâyesini anlatan grafikler hazırlıyoruz."),
                    "Bornova Gençlik Merkezi", "Bornova", false, 6, EVENING, 4, 16, "600.00", "480.00", 3, false,
                    List.of("BLOCK_MODERN_LEARNING_TECHNOLOGIES")),
            new Sample("demo-workshop-03", DemoIds.MEHMET, WorkshopCategory.ARTS, Set.of(TargetGroup.ADULTS), 18, null,
                    Map.of("tr", "Ebru Sanatına Giriş", "en", "Introduction to Paper Marbling (Ebru)"),
                    Map.of("tr", "Geleneksel ebru tekniğini temelden öğrenin; malzemeler dahil."),
                    "Konak Sanat Evi", "Konak", false, 8, EVENING, 2, 10, "500.00", "400.00", 2, false,
                    List.of("BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY")),
            new Sample("demo-workshop-04", DemoIds.SELIN, WorkshopCategory.ARTS, Set.of(TargetGroup.CHILDREN), 9, 13,
                    Map.of("tr", "Çocuklar için Çizgi Roman Atölyesi", "en", "Comics Workshop for Children"),
                    Map.of("tr", "Kendi kahramanını yarat, ilk çizgi romanını bitir."),
                    "Buca Halk Kütüphanesi", "Buca", false, 10, MORNING, 3, 14, "350.00", "280.00", 3, false,
                    List.of("BLOCK_CULTURE_OF_LIFELONG_LEARNING")),
            new Sample("demo-workshop-05", DemoIds.CAN, WorkshopCategory.SPORTS_GAMES, Set.of(TargetGroup.CHILDREN), 8, 14,
                    Map.of("tr", "Akıl Oyunları: Satranç ve Go", "en", "Mind Games: Chess and Go"),
                    Map.of("tr", "Strateji, sabır ve birlikte düşünmek."),
                    "Bayraklı Semt Evi", "Bayraklı", false, 5, MORNING, 4, 16, "300.00", "240.00", 4, false,
                    List.of("BLOCK_INCLUSIVE_LEARNING_IN_EDUCATION")),
            new Sample("demo-workshop-06", DemoIds.CAN, WorkshopCategory.TRIPS_EVENTS, Set.of(TargetGroup.ADULTS, TargetGroup.PARENTS), 18, null,
                    Map.of("tr", "Kemeraltı'nda Tarih Yürüyüşü", "en", "A History Walk through Kemeraltı"),
                    Map.of("tr", "Hisar Camii'nden Kızlarağası Hanı'na, çarşının yüzyıllık hikâyeleri."),
                    "Konak Meydanı, saat kulesi önü", "Konak", false, 12, MORNING, 1, 25, "150.00", "100.00", 5, false,
                    List.of("BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION")),
            new Sample("demo-workshop-07", DemoIds.ZEYNEP, WorkshopCategory.BOOKS_PHILOSOPHY, FAMILIES, 6, 10,
                    Map.of("tr", "Birlikte Okuyoruz: Çocuklarla Felsefe", "en", "Reading Together: Philosophy with Children"),
                    Map.of("tr", "Resimli kitaplardan yola çıkarak sorular soruyor, birlikte düşünüyoruz."),
                    "Çiğli Kent Kitaplığı", "Çiğli", false, 7, MORNING, 3, 12, "300.00", "240.00", 3, true,
                    List.of("BLOCK_LEARNING_IN_FAMILIES_AND_COMMUNITIES")),
            new Sample("demo-workshop-08", DemoIds.ZEYNEP, WorkshopCategory.FOREIGN_LANGUAGES, Set.of(TargetGroup.ADULTS), 18, null,
                    Map.of("tr", "Kuşaklar Arası İngilizce Sohbet", "en", "Intergenerational English Conversation"),
                    Map.of("tr", "Gençler ve büyükler bir arada, gündelik İngilizce pratik."),
                    "Karşıyaka Kültür Merkezi", "Karşıyaka", false, 9, EVENING, 4, 14, "400.00", "320.00", 3, true,
                    List.of("BENEFIT_EMPOWERMENT_AND_SOCIAL_COHESION")),
            new Sample("demo-workshop-09", DemoIds.ZEYNEP, WorkshopCategory.FOREIGN_LANGUAGES, Set.of(TargetGroup.YOUTH, TargetGroup.ADULTS), 15,
                    null, Map.of("tr", "Lehçeye Merhaba", "en", "Hello Polish", "pl", "Dzień dobry, polski!"),
                    Map.of("tr", "Polonya'daki ortaklarımızla tanışmadan önce temel Lehçe.", "pl", "Podstawy języka polskiego dla początkujących."),
                    "Çevrim içi", null, true, 11, EVENING, 4, 20, "250.00", "200.00", 4, false,
                    List.of("BLOCK_MODERN_LEARNING_TECHNOLOGIES")),
            new Sample("demo-workshop-10", DemoIds.BURAK, WorkshopCategory.ENTREPRENEURSHIP, Set.of(TargetGroup.ADULTS), 18, null,
                    Map.of("tr", "Kooperatif Kurmak: Adım Adım", "en", "Founding a Cooperative, Step by Step"),
                    Map.of("tr", "Ana sözleşmeden ortaklık payına, bir eğitim kooperatifi nasıl kurulur?"),
                    "Bornova Kooperatifler Evi", "Bornova", false, 14, EVENING, 2, 20, "200.00", "0.00", 4, false,
                    List.of("BLOCK_LEARNING_FOR_AND_IN_THE_WORKPLACE", "BENEFIT_ECONOMIC_DEVELOPMENT_AND_CULTURAL_PROSPERITY")),
            new Sample("demo-workshop-11", DemoIds.BURAK, WorkshopCategory.DEVELOPMENT_COOPERATION, Set.of(TargetGroup.EDUCATORS), 18, null,
                    Map.of("tr", "Erasmus+ Proje Yazımı", "en", "Writing an Erasmus+ Proposal"),
                    Map.of("tr", "KA2 ortaklıkları için fikirden başvuruya: bütçe, iş paketleri, çıktılar."),
                    "İZEK Eğitim Salonu", "Konak", false, 16, MORNING, 2, 18, "500.00", "250.00", 2, false,
                    List.of("CONDITION_MOBILISATION_OF_RESOURCES")),
            new Sample("demo-workshop-12", DemoIds.AYSE, WorkshopCategory.STEM, Set.of(TargetGroup.CHILDREN), 10, 14,
                    Map.of("tr", "Mahallede İklim Atölyesi", "en", "Climate Workshop in the Neighbourhood"),
                    Map.of("tr", "Sıcaklık ve hava kalitesi ölçüyor, mahallemiz için öneriler geliştiriyoruz."),
                    "Karabağlar Çocuk Bilim Evi", "Karabağlar", false, 18, MORNING, 3, 15, "350.00", "280.00", 4, false,
                    List.of("BENEFIT_SUSTAINABLE_DEVELOPMENT")));

    private final Catalogue catalogue;
    private final Enrolments enrolments;
    private final Directory directory;
    private final FundingProjects projects;
    private final Clock clock;

    WorkshopDemoData(Catalogue catalogue, Enrolments enrolments, Directory directory, FundingProjects projects, Clock clock) {
        this.catalogue = catalogue;
        this.enrolments = enrolments;
        this.directory = directory;
        this.projects = projects;
        this.clock = clock;
    }

    @Override
    public boolean load() {
        var educatorsKnown = DemoIds.EDUCATORS.stream().allMatch(id -> directory.member(id).filter(Directory.Member::isActiveEducator).isPresent());
        var children = directory.dependantsOf(DemoIds.PARENT);
        if (!educatorsKnown || children.size() < 2 || !projects.funds(DemoIds.PROJECT)) {
            return false; // membership- and project-service's demo data have not arrived yet
        }
        var today = OffsetDateTime.now(clock.withZone(Catalogue.ISTANBUL)).toLocalDate();
        for (var sample : SAMPLES) {
            var first = today.plusDays(sample.firstInDays()).atTime(sample.at()).atZone(Catalogue.ISTANBUL).toOffsetDateTime();
            var sessions = new ArrayList<Catalogue.SessionDraft>();
            for (int week = 0; week < sample.sessions(); week++) {
                sessions.add(new Catalogue.SessionDraft(first.plusWeeks(week), first.plusWeeks(week).plusHours(2)));
            }
            var draft = new Catalogue.Draft(sample.title(), sample.description(), sample.category(), sample.groups(), sample.minAge(),
                    sample.maxAge(), "tr", new Catalogue.VenueDraft(sample.venue(), sample.district(), "İzmir", null, sample.online()),
                    sessions, sample.capacity(), Money.of(sample.price(), "TRY"), Money.of(sample.memberPrice(), "TRY"), sample.solidaritySeats(),
                    sample.funded() ? DemoIds.PROJECT : null, sample.features());
            catalogue.create(sample.id(), sample.educator(), false, draft);
            DemoData.unlessDone(() -> catalogue.publish(sample.id(), sample.educator(), false));
        }
        var ece = children.stream().filter(c -> c.fullName().startsWith("Ece")).findFirst().orElseThrow();
        var efe = children.stream().filter(c -> c.fullName().startsWith("Efe")).findFirst().orElseThrow();
        enrolChild("demo-workshop-07", ece.dependantId());
        enrolChild("demo-workshop-05", efe.dependantId());
        return true;
    }

    private void enrolChild(String workshopId, String dependantId) {
        var enrolled = enrolments.mine(DemoIds.PARENT, 0, 100).items().stream().anyMatch(e -> e.workshopId().equals(workshopId));
        if (!enrolled) {
            DemoData.unlessDone(() -> enrolments.enrol(workshopId, DemoIds.PARENT, List.of(new Enrolments.ParticipantRequest(null, dependantId)),
                    Enrolment.SeatType.STANDARD, null, "demo:" + workshopId + ":" + dependantId));
        }
    }
}
