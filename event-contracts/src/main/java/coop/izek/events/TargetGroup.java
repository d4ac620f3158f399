package coop.izek.events;

/** Who a workshop is for: children (ages 5–14), youth (15+), parents, adults, educators. */
public enum TargetGroup {
    CHILDREN, YOUTH, PARENTS, ADULTS, EDUCATORS
}
