package coop.izek.portal.learning;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import coop.izek.portal.api.PlatformApi;

/** The signed-in person's children (dependants), whom they enrol together with themselves. */
@Component
public class Household {

    private final PlatformApi api;

    Household(PlatformApi api) {
        this.api = api;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> children() {
        var answer = api.get(List.class, "/api/membership/people/me/dependants");
        return answer == null ? List.of() : (List<Map<String, Object>>) answer;
    }
}
