package coop.izek.membership.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import coop.izek.events.WorkshopCategory;
import coop.izek.membership.applications.ApplicationStatus;
import coop.izek.membership.applications.Applications;
import coop.izek.membership.identity.Accounts;
import coop.izek.membership.members.MemberStatus;
import coop.izek.membership.members.MemberType;
import coop.izek.membership.members.Members;
import coop.izek.membership.organisations.OrganisationType;
import coop.izek.membership.organisations.Organisations;
import coop.izek.membership.people.Dependants;
import coop.izek.membership.principles.Principles;
import coop.izek.support.demo.DemoData;
import coop.izek.support.demo.DemoIds;
import coop.izek.support.demo.DemoProperties;

/**
 * The people and organisations of the demo: six educator members and a supporter, a parent with two children, and
 * the partners of the sample Erasmus+ consortium (a Polish education cluster, an İzmir district municipality, a
 * university), and someone who works for the Polish cluster (she sees its projects in the portal). Each goes through
 * the same steps as in real life (registration, application, approval, share payment), so the other services hear of
 * them by the usual events.
 */
@Component
class MembershipDemoData implements DemoData {

    record DemoPerson(String id, String fullName, String email, MemberType type, List<WorkshopCategory> expertise) {
    }

    static final List<DemoPerson> MEMBERS = List.of(
            new DemoPerson(DemoIds.AYSE, "Ayşe Demir", "ayse.demir@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.STEM)),
            new DemoPerson(DemoIds.MEHMET, "Mehmet Kaya", "mehmet.kaya@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.ARTS)),
            new DemoPerson(DemoIds.ZEYNEP, "Zeynep Arslan", "zeynep.arslan@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.FOREIGN_LANGUAGES, WorkshopCategory.BOOKS_PHILOSOPHY)),
            new DemoPerson(DemoIds.CAN, "Can Öztürk", "can.ozturk@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.SPORTS_GAMES, WorkshopCategory.TRIPS_EVENTS)),
            new DemoPerson(DemoIds.BURAK, "Burak Şahin", "burak.sahin@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.ENTREPRENEURSHIP, WorkshopCategory.DEVELOPMENT_COOPERATION)),
            new DemoPerson(DemoIds.SELIN, "Selin Aydın", "selin.aydin@demo.izek.coop", MemberType.EDUCATOR,
                    List.of(WorkshopCategory.STEM, WorkshopCategory.ARTS)),
            new DemoPerson(DemoIds.SUPPORTER, "Hasan Çelik", "hasan.celik@demo.izek.coop", MemberType.SUPPORTER, List.of()));

    private final Accounts accounts;
    private final Applications applications;
    private final Members members;
    private final Principles principles;
    private final Dependants dependants;
    private final Organisations organisations;
    private final DemoProperties demo;
    private final Clock clock;

    MembershipDemoData(Accounts accounts, Applications applications, Members members, Principles principles, Dependants dependants,
                       Organisations organisations, DemoProperties demo, Clock clock) {
        this.accounts = accounts;
        this.applications = applications;
        this.members = members;
        this.principles = principles;
        this.dependants = dependants;
        this.organisations = organisations;
        this.demo = demo;
        this.clock = clock;
    }

    @Override
    public boolean load() {
        organisations.registerKnown(DemoIds.CLUSTER, "GLOKAL Klaster Edukacyjny", "PL", OrganisationType.CLUSTER, "E10209871", "949571234",
                "biuro@glokal.demo.izek.coop");
        organisations.registerKnown(DemoIds.MUNICIPALITY, "Karşıyaka Belediyesi", "TR", OrganisationType.MUNICIPALITY, "E10078412", null,
                "egitim@karsiyaka.demo.izek.coop");
        organisations.registerKnown(DemoIds.UNIVERSITY, "Dokuz Eylül Üniversitesi", "TR", OrganisationType.UNIVERSITY, "E10208954",
                "999874563", "erasmus@deu.demo.izek.coop");
        for (var person : MEMBERS) {
            accounts.createDemoPerson(person.id(), person.email(), person.fullName(), "tr", demo.password());
            becomeActiveMember(person);
        }
        accounts.createDemoPerson(DemoIds.PARENT, "deniz.yildiz@demo.izek.coop", "Deniz Yıldız", "tr", demo.password());
        var today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Istanbul")));
        addChild("Ece Yıldız", today.minusYears(9).minusMonths(3));
        addChild("Efe Yıldız", today.minusYears(12).minusMonths(7));
        accounts.createDemoPerson(DemoIds.CLUSTER_STAFF, "katarzyna.nowak@demo.izek.coop", "Katarzyna Nowak", "pl", demo.password());
        organisations.linkStaff(DemoIds.CLUSTER, "katarzyna.nowak@demo.izek.coop", "demo");
        return true;
    }

    /** Applies, is approved and pays the minimum holding, each step only if it has not happened yet. */
    private void becomeActiveMember(DemoPerson person) {
        if (members.findByPerson(person.id()).isEmpty()) {
            var pending = applications.ofPerson(person.id()).stream().filter(a -> a.status() == ApplicationStatus.PENDING).findFirst()
                    .orElseGet(() -> applications.submit(person.id(), person.type(), person.expertise(),
                            "İZEK'in atölyelerinde gönüllü olarak yer almak istiyorum.", principles.currentVersion(), true));
            applications.decide(pending.id(), Applications.Verdict.APPROVE, null, "demo");
        }
        var member = members.findByPerson(person.id()).orElseThrow();
        if (member.status() == MemberStatus.AWAITING_SHARE_PAYMENT) {
            int shares = members.minimumShares();
            members.recordPayment(member.id(), shares, members.sharePrice().times(shares), LocalDate.now(clock.withZone(ZoneId.of("Europe/Istanbul"))), "DEMO-" + person.id(), "demo");
        }
    }

    private void addChild(String fullName, LocalDate birthDate) {
        if (dependants.dependantsOf(DemoIds.PARENT).stream().noneMatch(d -> d.fullName().equals(fullName))) {
            dependants.addDependant(DemoIds.PARENT, fullName, birthDate);
        }
    }
}
