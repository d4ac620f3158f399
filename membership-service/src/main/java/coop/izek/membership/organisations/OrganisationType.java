package coop.izek.membership.organisations;

/** What kind of body a partner organisation is. */
public enum OrganisationType {
    MUNICIPALITY, UNIVERSITY, SCHOOL, NGO, CLUSTER, PUBLIC_BODY, COMPANY, COOPERATIVE, OTHER
}
