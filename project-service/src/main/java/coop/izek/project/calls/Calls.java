package coop.izek.project.calls;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.support.money.Money;
import coop.izek.support.web.PageResponse;
import coop.izek.support.web.ProblemException;

/** Funding calls the cooperative applies to. */
@Service
public class Calls {

    public record CallView(String id, Programme programme, String reference, String title, LocalDate deadline, Money maxBudget) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    Calls(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public String open(Programme programme, String reference, String title, LocalDate deadline, Money maxBudget, String by) {
        if (maxBudget.currency() == null) {
            throw ProblemException.invalidField("maxBudget.currency", "must be given (EUR, TRY, PLN …)");
        }
        if (maxBudget.amount().signum() <= 0) {
            throw ProblemException.ruleViolated("budget-not-positive", "A call's maximum budget is above zero.");
        }
        var call = new FundingCall(UUID.randomUUID().toString(), programme, reference.strip(), title.strip(), deadline,
                maxBudget.normalised().minorUnits(), maxBudget.currency(), clock.instant(), by);
        try {
            mongo.insert(call);
        } catch (DuplicateKeyException taken) {
            throw ProblemException.conflict("call-exists", "A call of " + programme + " with reference " + reference + " exists already.");
        }
        return call.id();
    }

    public Optional<CallView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, FundingCall.class)).map(Calls::view);
    }

    public Optional<CallView> find(Programme programme, String reference) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("programme").is(programme).and("reference").is(reference)),
                FundingCall.class)).map(Calls::view);
    }

    public PageResponse<CallView> page(int page, int size) {
        var query = new Query().with(Sort.by("deadline", "_id")).skip((long) page * size).limit(size);
        return new PageResponse<>(mongo.find(query, FundingCall.class).stream().map(Calls::view).toList(), page, size,
                mongo.count(new Query(), FundingCall.class));
    }

    public boolean exists(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), FundingCall.class);
    }

    private static CallView view(FundingCall c) {
        return new CallView(c.id(), c.programme(), c.reference(), c.title(), c.deadline(), Money.ofMinorUnits(c.maxBudgetMinor(), c.currency()));
    }
}
