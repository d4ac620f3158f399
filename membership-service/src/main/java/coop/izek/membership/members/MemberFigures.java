package coop.izek.membership.members;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import coop.izek.support.observability.Figures;
import io.micrometer.core.instrument.Tags;

/** Members by standing and the paid share capital, for the cooperative's dashboard. */
@Component
class MemberFigures {

    MemberFigures(Figures figures, MongoTemplate mongo, ShareRegister register, SharesProperties shares) {
        for (var status : MemberStatus.values()) {
            figures.register("izek.membership.members", "Members by status", Tags.of("status", status.name().toLowerCase(java.util.Locale.ROOT)),
                    () -> mongo.count(Query.query(Criteria.where("status").is(status)), Member.class));
        }
        var totals = figures.sharedReading(register::cooperativeTotals);
        figures.register("izek.membership.share.capital", "Paid share capital net of refunds, in the share currency",
                Tags.of("currency", shares.currency()), () -> totals.get().paidAmount().amount());
        figures.register("izek.membership.shares.paid", "Paid shares net of refunds", () -> totals.get().paidShares());
    }
}
