package coop.izek.membership.members;

import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Gapless sequential numbers without a counter: insert with the highest number so far plus one, and take the next
 * on a collision with a concurrent insert. A number is either used by the document that got it or by nobody, and
 * never reused, since documents holding numbers are never deleted.
 */
final class Numbering {

    private static final int MAX_ATTEMPTS = 100;

    private Numbering() {
    }

    /**
     * @param otherConflict runs when the insert hits a unique index: it throws if the cause is another unique value
     *                      (a reused reference, an existing member), and returns when it was the number, to retry
     */
    static <T> T insertNext(MongoTemplate mongo, Class<T> type, String numberField, ToLongFunction<T> numberOf,
                            LongFunction<T> build, Runnable otherConflict) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var highest = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, numberField)).limit(1), type);
            long next = highest == null ? 1 : numberOf.applyAsLong(highest) + 1;
            try {
                return mongo.insert(build.apply(next));
            } catch (DuplicateKeyException collision) {
                otherConflict.run();
            }
        }
        throw new IllegalStateException("No free number for " + type.getSimpleName() + " after " + MAX_ATTEMPTS + " attempts");
    }
}
