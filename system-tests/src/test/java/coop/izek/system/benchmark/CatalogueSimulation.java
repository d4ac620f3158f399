package coop.izek.system.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;

/** A workshop's public page (or any one path) read over and over by a fixed number of clients, each on its own kept-alive connection. */
public class CatalogueSimulation extends Simulation {

    public CatalogueSimulation() {
        var load = Load.current();
        var read = scenario(load.name()).during(load.duration()).on(
                exec(http(load.name()).get(load.path()).headers(load.headers()).check(status().is(200))));
        // Gatling would otherwise keep what the answer lets a browser keep, and not ask again until it is stale: each
        // connection here stands for many readers, each of whom asks.
        setUp(read.injectOpen(atOnceUsers(load.users())))
                .protocols(http.baseUrl(load.baseUrl()).acceptHeader("application/json").disableCaching());
    }
}
