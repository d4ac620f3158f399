package coop.izek.membership;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import coop.izek.testsupport.IntegrationTest;

/** membership-service against the real broker and store, with a known staff account; one context for all its tests. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = {
        "izek.identity.admin-email=" + MembershipIntegrationTest.ADMIN_EMAIL,
        "izek.identity.admin-password=" + MembershipIntegrationTest.ADMIN_PASSWORD,
        "izek.identity.portal-redirect-uris=http://localhost/portal/callback",
        "izek.security.issuer=http://izek.test"})
public @interface MembershipIntegrationTest {

    String ADMIN_EMAIL = "board@izek.test";
    String ADMIN_PASSWORD = "Kurul-gizli-2024";
    String ISSUER = "http://izek.test";
}
