package coop.izek.support.demo;

import java.util.List;

/**
 * The fixed ids the services' demo data share: membership-service creates these people and organisations, and
 * workshop- and project-service build on them once their events have arrived.
 */
public final class DemoIds {

    public static final String CLUSTER = "demo-org-glokal";
    public static final String MUNICIPALITY = "demo-org-karsiyaka";
    public static final String UNIVERSITY = "demo-org-deu";

    public static final String AYSE = "demo-educator-ayse";
    public static final String MEHMET = "demo-educator-mehmet";
    public static final String ZEYNEP = "demo-educator-zeynep";
    public static final String CAN = "demo-educator-can";
    public static final String BURAK = "demo-educator-burak";
    public static final String SELIN = "demo-educator-selin";
    public static final List<String> EDUCATORS = List.of(AYSE, MEHMET, ZEYNEP, CAN, BURAK, SELIN);

    /** A supporter member, and a parent with two children who take part in workshops. */
    public static final String SUPPORTER = "demo-member-hasan";
    public static final String PARENT = "demo-parent-deniz";
    /** Works for the Polish cluster: sees its projects in the portal. */
    public static final String CLUSTER_STAFF = "demo-partner-katarzyna";

    /** The sample Erasmus+ KA220 cooperation partnership the cooperative coordinates. */
    public static final String PROJECT = "demo-project-learncity";

    private DemoIds() {
    }
}
