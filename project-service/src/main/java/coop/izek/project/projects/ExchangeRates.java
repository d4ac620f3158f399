package coop.izek.project.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.support.money.Money;
import coop.izek.support.web.BoundedNumbers;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/**
 * Exchange rates staff set (1 {@code from} = {@code rate} {@code to}, from a day on), and the portfolio of every
 * project converted into one currency with them. Nothing is fetched from anywhere: the figures are exactly the
 * rates staff decided on, and the portfolio names each rate and its day.
 */
@Service
public class ExchangeRates {

    @Document("exchange_rates")
    record Rate(@Id String id, String from, String to, String rate, LocalDate validFrom, Instant setAt, String setBy) {
    }

    public record RateView(String from, String to, String rate, LocalDate validFrom) {
    }

    /** A rate as it was used: {@code inverted} when only the opposite direction was set (and 1 / rate applied). */
    public record RateUsed(String from, String to, String rate, LocalDate validFrom, boolean inverted) {
    }

    public record Conversion(String projectId, String acronym, ProjectStatus status, Money total, Money converted, RateUsed rate) {
    }

    public record Portfolio(String currency, LocalDate on, List<Conversion> projects, Money total, List<RateUsed> ratesUsed) {
    }

    private final MongoTemplate mongo;
    private final Projects projects;
    private final Clock clock;

    ExchangeRates(MongoTemplate mongo, Projects projects, Clock clock) {
        this.mongo = mongo;
        this.projects = projects;
        this.clock = clock;
    }

    public RateView set(String from, String to, BigDecimal rate, LocalDate validFrom, String by) {
        var fromCode = Projects.currency(from, "from");
        var toCode = Projects.currency(to, "to");
        if (fromCode.equals(toCode)) {
            throw ProblemException.ruleViolated("same-currency", "A rate is between two different currencies.");
        }
        if (rate.signum() <= 0 || !BoundedNumbers.fits(rate, 10, 8)) {
            throw ProblemException.invalidField("rate", "must be above zero, with at most 10 digits before the point and 8 after");
        }
        var stored = new Rate(fromCode + ":" + toCode + ":" + validFrom, fromCode, toCode, rate.stripTrailingZeros().toPlainString(),
                validFrom, clock.instant(), by);
        mongo.save(stored);
        return new RateView(stored.from(), stored.to(), stored.rate(), stored.validFrom());
    }

    public PageResponse<RateView> list(int page, int size) {
        var query = new Query().with(Sort.by(Sort.Direction.DESC, "validFrom").and(Sort.by("from", "to"))).skip((long) page * size).limit(size);
        return new PageResponse<>(mongo.find(query, Rate.class).stream().map(r -> new RateView(r.from(), r.to(), r.rate(), r.validFrom()))
                .toList(), page, size, mongo.count(new Query(), Rate.class));
    }

    /** Every project's budget in {@code currency}, with the rates valid on {@code on}; 422 naming a rate that is missing. */
    public Portfolio portfolio(String currency, LocalDate on) {
        var target = Projects.currency(currency, "currency");
        var conversions = new java.util.ArrayList<Conversion>();
        var used = new java.util.LinkedHashMap<String, RateUsed>();
        BigDecimal sum = BigDecimal.ZERO;
        var admin = new coop.izek.support.security.Caller("portfolio", List.of("ADMIN"), Optional.empty(), true);
        for (var project : projects.all()) {
            var total = projects.budget(project.id, admin).total();
            RateUsed rate = null;
            BigDecimal converted = total.amount();
            if (!project.currency.equals(target)) {
                rate = rate(project.currency, target, on).orElseThrow(() -> ProblemException.ruleViolated("missing-exchange-rate",
                        "No rate from " + project.currency + " to " + target + " valid on " + on + " (set one with POST /api/projects/exchange-rates)."));
                used.putIfAbsent(rate.from() + ":" + rate.to(), rate);
                var factor = new BigDecimal(rate.rate());
                converted = rate.inverted() ? total.amount().divide(factor, 10, RoundingMode.HALF_UP) : total.amount().multiply(factor);
            }
            converted = converted.setScale(2, RoundingMode.HALF_UP);
            sum = sum.add(converted);
            conversions.add(new Conversion(project.id, project.acronym, project.status, total, new Money(converted, target), rate));
        }
        conversions.sort(java.util.Comparator.comparing(Conversion::acronym));
        return new Portfolio(target, on, conversions, new Money(sum.setScale(2, RoundingMode.HALF_UP), target), List.copyOf(used.values()));
    }

    private Optional<RateUsed> rate(String from, String to, LocalDate on) {
        var direct = latest(from, to, on);
        if (direct.isPresent()) {
            return direct.map(r -> new RateUsed(r.from(), r.to(), r.rate(), r.validFrom(), false));
        }
        return latest(to, from, on).map(r -> new RateUsed(r.from(), r.to(), r.rate(), r.validFrom(), true));
    }

    private Optional<Rate> latest(String from, String to, LocalDate on) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("from").is(from).and("to").is(to).and("validFrom").lte(on))
                .with(Sort.by(Sort.Direction.DESC, "validFrom")).limit(1), Rate.class));
    }
}
