package coop.izek.system.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/** A workshop's public page read over and over by a fixed number of clients, each on its own kept-alive connection. */
public class CatalogueSimulation extends Simulation {

    public CatalogueSimulation() {
        var load = Load.current();
        var read = scenario(load.name()).during(load.duration()).on(
                exec(http(load.name()).get(load.path()).check(status().is(200))));
        setUp(read.injectOpen(atOnceUsers(load.users()))).protocols(http.baseUrl(load.baseUrl()).acceptHeader("application/json"));
    }
}
