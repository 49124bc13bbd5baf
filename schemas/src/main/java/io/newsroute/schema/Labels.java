package io.newsroute.schema;

import java.util.List;

/** The label vocabulary. Labels are independent: an article may carry any subset. */
public final class Labels {
    public static final String CLOUD_OUTAGE = "cloud-outage";
    public static final String SECURITY_BREACH = "security-breach";
    public static final String STOCK_COMMENTARY = "stock-commentary";

    /** Every label, in a fixed order used for reports and topic creation. */
    public static final List<String> ALL = List.of(CLOUD_OUTAGE, SECURITY_BREACH, STOCK_COMMENTARY);

    private Labels() {
    }

    /** @throws IllegalArgumentException if {@code name} is not a known label */
    public static String requireKnown(String name) {
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("unknown label '" + name + "'; known labels: " + String.join(", ", ALL));
        }
        return name;
    }
}
