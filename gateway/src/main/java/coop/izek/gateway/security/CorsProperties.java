package coop.izek.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param allowedOrigins the web portal's origins, the only ones a browser may call the API from on another origin */
@ConfigurationProperties("izek.gateway.cors")
record CorsProperties(@DefaultValue("http://localhost:8080") List<String> allowedOrigins) {
}
