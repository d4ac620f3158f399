package coop.izek.workshop.workshops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Where a waiting enrolment stands, for listings. A workshop's waiting list is kept as it stood at one version of the
 * workshop: every write that changes an enrolment bumps the version, so a list kept under its version is exact, and
 * everyone asking about the same workshop between two of its writes (all the people of a rush, afterwards) is answered
 * from one read of it. The read takes only each enrolment's id and status; the list is {@link Workshop#waitingList()}.
 */
final class WaitingLists {

    /** Workshops whose lists are kept, the ones asked about last. */
    private static final int KEPT = 1_000;

    private record WaitingList(Long version, List<String> enrolmentIds) {
    }

    private final MongoTemplate mongo;
    private final Map<String, WaitingList> lists = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WaitingList> eldest) {
            return size() > KEPT;
        }
    });

    WaitingLists(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The enrolment's place on the waiting list of {@code workshop} (as read, with its version), from 1; null if it is not on it. */
    Integer position(Workshop workshop, String enrolmentId) {
        var list = lists.get(workshop.id);
        if (list == null || !Objects.equals(list.version(), workshop.version)) {
            list = read(workshop.id);
            lists.put(workshop.id, list);
        }
        int index = list.enrolmentIds().indexOf(enrolmentId);
        return index < 0 ? null : index + 1;
    }

    private WaitingList read(String workshopId) {
        // Spring Data stores an embedded record's id as _id.
        var workshop = mongo.getCollection(mongo.getCollectionName(Workshop.class)).find(new Document("_id", workshopId))
                .projection(new Document("version", 1).append("enrolments._id", 1).append("enrolments.status", 1)).first();
        var waiting = new ArrayList<String>();
        if (workshop == null) {
            return new WaitingList(null, waiting);
        }
        for (var enrolment : workshop.getList("enrolments", Document.class, List.of())) {
            if (Enrolment.Status.WAITLISTED.name().equals(enrolment.getString("status"))) {
                waiting.add(enrolment.getString("_id"));
            }
        }
        return new WaitingList(workshop.get("version") instanceof Number version ? version.longValue() : null, waiting);
    }
}
