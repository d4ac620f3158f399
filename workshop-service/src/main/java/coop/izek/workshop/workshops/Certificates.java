package coop.izek.workshop.workshops;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import coop.izek.support.web.ProblemException;

/** Public verification of a certificate code: enough to trust it, nothing of the holder beyond initials. */
@Service
public class Certificates {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(String code, boolean valid, String workshopTitle, String holderInitials, BigDecimal hours,
                               LocalDate issuedOn) {
    }

    private final MongoTemplate mongo;

    Certificates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Verification verify(String code) {
        var normalised = code.strip().toUpperCase(Locale.ROOT);
        var query = Query.query(Criteria.where("certificates.code").is(normalised));
        query.fields().include("title", "status", "certificates");
        var workshop = mongo.findOne(query, Workshop.class);
        if (workshop == null) {
            throw ProblemException.notFound("certificate", code);
        }
        var certificate = workshop.certificates.stream().filter(c -> c.code().equals(normalised)).findFirst().orElseThrow();
        return new Verification(certificate.code(), workshop.status == WorkshopStatus.COMPLETED, Catalogue.firstTitle(workshop.title),
                certificate.holderInitials(), new BigDecimal(Workshop.hours(certificate.minutes())), certificate.issuedOn());
    }
}
