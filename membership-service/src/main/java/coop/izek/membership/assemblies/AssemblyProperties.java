package coop.izek.membership.assemblies;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param quorum the share of the electorate that must vote on a motion for the result to count (a quarter by default) */
@ConfigurationProperties("izek.assembly")
record AssemblyProperties(@DefaultValue("0.25") double quorum) {
}
