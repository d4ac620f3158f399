package coop.izek.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    static {
        // Reactor Netty 1.3.6-1.3.7 can stop reading a keep-alive connection when the next request arrives before the
        // previous one's operations have ended, which the gateway's immediate 401/403 answers make likely: the client
        // then waits for an answer that never comes (reactor/reactor-netty#4361). Flushing the last response at once
        // dispatches that request inline. Read once, when Reactor Netty's HTTP server classes load, so set it first.
        if (System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead") == null) {
            System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
