package coop.izek.membership.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import coop.izek.support.web.ProblemException;

/** Creates the staff account from IZEK_ADMIN_EMAIL / IZEK_ADMIN_PASSWORD on first start; later starts leave it alone. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final IdentityProperties properties;

    AdminBootstrap(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        var email = properties.adminEmail();
        var password = properties.adminPassword();
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            log.info("No IZEK_ADMIN_EMAIL/IZEK_ADMIN_PASSWORD given: no staff account is bootstrapped");
            return;
        }
        if (accounts.exists(email)) {
            return;
        }
        try {
            accounts.createStaff(email, password, "İZEK staff");
            log.info("Created the staff account given by IZEK_ADMIN_EMAIL");
        } catch (ProblemException | DuplicateKeyException e) {
            if (!accounts.exists(email)) {
                throw new IllegalStateException("Cannot create the staff account given by IZEK_ADMIN_EMAIL: " + e.getMessage(), e);
            }
        }
    }
}
