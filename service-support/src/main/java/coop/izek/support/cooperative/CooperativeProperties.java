package coop.izek.support.cooperative;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cooperative itself, as every service knows it.
 *
 * @param organisationId the id under which membership-service registers the cooperative as an organisation (it
 *                       coordinates and joins project consortia like its partners)
 * @param contactEmail   where partners write to the cooperative
 */
@ConfigurationProperties("izek.cooperative")
public record CooperativeProperties(@DefaultValue("izek") String organisationId, @DefaultValue("iletisim@izek.coop") String contactEmail) {
}
