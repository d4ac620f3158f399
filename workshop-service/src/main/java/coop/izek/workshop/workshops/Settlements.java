package coop.izek.workshop.workshops;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.support.money.Money;
import coop.izek.workshop.directory.Directory;

/**
 * What educators earn: per month (of completion, in İzmir), the revenue of their completed workshops, the
 * cooperative's commission and their payout. Each workshop's figures were fixed when it completed, so a later
 * change of the commission rate does not rewrite past months; totals are sums of those exact figures.
 */
@Service
public class Settlements {

    public record WorkshopLine(String workshopId, String title, LocalDate completedOn, int participants, Money revenue,
                               String commissionRate, Money commission, Money payout) {
    }

    public record EducatorSettlement(String educatorPersonId, String educatorName, String month, Money revenue,
                                     Money commission, Money payout, List<WorkshopLine> workshops) {
    }

    public record MonthlySettlements(String month, Money revenue, Money commission, Money payout,
                                     List<EducatorSettlement> educators) {
    }

    private final MongoTemplate mongo;
    private final Directory directory;

    Settlements(MongoTemplate mongo, Directory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    public EducatorSettlement forEducator(String educatorPersonId, YearMonth month) {
        return settle(educatorPersonId, month, completedIn(month, educatorPersonId));
    }

    /** Every educator's settlement for the month, and the cooperative's totals. */
    public MonthlySettlements forMonth(YearMonth month) {
        var byEducator = new TreeMap<String, List<Workshop>>();
        completedIn(month, null).forEach(w -> byEducator.computeIfAbsent(w.educatorPersonId, e -> new ArrayList<>()).add(w));
        var educators = byEducator.entrySet().stream().map(e -> settle(e.getKey(), month, e.getValue()))
                .sorted(Comparator.comparing(EducatorSettlement::payout, Comparator.comparing(Money::amount)).reversed()).toList();
        return new MonthlySettlements(month.toString(),
                sum(educators.stream().map(EducatorSettlement::revenue).toList()),
                sum(educators.stream().map(EducatorSettlement::commission).toList()),
                sum(educators.stream().map(EducatorSettlement::payout).toList()), educators);
    }

    private List<Workshop> completedIn(YearMonth month, String educatorPersonId) {
        var criteria = Criteria.where("settlement.month").is(month.toString());
        if (educatorPersonId != null) {
            criteria.and("educatorPersonId").is(educatorPersonId);
        }
        return mongo.find(Query.query(criteria), Workshop.class);
    }

    private EducatorSettlement settle(String educatorPersonId, YearMonth month, List<Workshop> workshops) {
        var lines = workshops.stream().sorted(Comparator.comparing((Workshop w) -> w.completedAt))
                .map(w -> new WorkshopLine(w.id, Catalogue.firstTitle(w.title), LocalDate.ofInstant(w.completedAt, Catalogue.ISTANBUL),
                        w.confirmed().stream().mapToInt(e -> e.participants().size()).sum(),
                        money(w.settlement.revenueMinor()), w.settlement.commissionRate(), money(w.settlement.commissionMinor()),
                        money(w.settlement.payoutMinor())))
                .toList();
        return new EducatorSettlement(educatorPersonId, directory.fullName(educatorPersonId).orElse(null), month.toString(),
                sum(lines.stream().map(WorkshopLine::revenue).toList()), sum(lines.stream().map(WorkshopLine::commission).toList()),
                sum(lines.stream().map(WorkshopLine::payout).toList()), lines);
    }

    private static Money money(long minor) {
        return Money.ofMinorUnits(minor, Catalogue.CURRENCY);
    }

    private static Money sum(List<Money> amounts) {
        return money(amounts.stream().mapToLong(m -> m.normalised().minorUnits()).sum());
    }
}
