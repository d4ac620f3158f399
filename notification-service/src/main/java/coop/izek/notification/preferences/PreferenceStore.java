package coop.izek.notification.preferences;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import coop.izek.notification.directory.Directory;

/** People's preferences, or the defaults (their registration locale, email and in-app, quiet 22:00–08:00). */
@Service
public class PreferenceStore {

    private final MongoTemplate mongo;
    private final Directory directory;

    PreferenceStore(MongoTemplate mongo, Directory directory) {
        this.mongo = mongo;
        this.directory = directory;
    }

    public Preferences of(String personId) {
        var stored = mongo.findById(personId, Preferences.class);
        return stored != null ? stored
                : Preferences.defaults(personId, directory.person(personId).map(Directory.Person::locale).orElse(null));
    }

    /** The preferences of each of these people, in one read. */
    public Map<String, Preferences> of(Collection<String> personIds) {
        var found = new HashMap<String, Preferences>();
        if (personIds.isEmpty()) {
            return found;
        }
        for (var stored : mongo.find(Query.query(Criteria.where("_id").in(personIds)), Preferences.class)) {
            found.put(stored.personId(), stored);
        }
        for (var personId : personIds) {
            found.computeIfAbsent(personId, p -> Preferences.defaults(p, directory.person(p).map(Directory.Person::locale).orElse(null)));
        }
        return found;
    }

    public Preferences save(Preferences preferences) {
        return mongo.save(preferences);
    }

    public void forget(String personId) {
        mongo.remove(Query.query(Criteria.where("_id").is(personId)), Preferences.class);
    }
}
