package coop.izek.system.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/**
 * A popular programme opening: every person tries for a place in every workshop at once, over a fixed number of
 * connections. Each answer the client gets (201, confirmed or waitlisted) is noted for the books afterwards.
 */
public class EnrolmentRushSimulation extends Simulation {

    public EnrolmentRushSimulation() {
        var load = Load.current();
        var feeder = load.feeder();
        var rush = scenario(load.name()).repeat(load.repeats()).on(feed(feeder)
                .exec(http("enrol").post("/api/workshops/#{workshopId}/enrolments")
                        .header("Authorization", "Bearer #{token}")
                        .body(StringBody("{\"participants\":[{\"self\":true}],\"seatType\":\"STANDARD\"}")).asJson()
                        .check(status().is(201), jsonPath("$.id").saveAs("enrolmentId"), jsonPath("$.status").saveAs("enrolmentStatus")))
                .exec(session -> {
                    if (session.contains("enrolmentId")) {
                        Load.ACKNOWLEDGED.add(new Load.Acknowledged(session.getString("workshopId"), session.getString("enrolmentId"),
                                session.getString("enrolmentStatus")));
                    }
                    return session.remove("enrolmentId");
                }));
        setUp(rush.injectOpen(atOnceUsers(load.users()))).protocols(http.baseUrl(load.baseUrl()));
    }
}
