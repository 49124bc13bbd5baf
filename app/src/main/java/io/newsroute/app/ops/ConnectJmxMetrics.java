package io.newsroute.app.ops;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Kafka Connect worker, connector and task metrics as Micrometer meters. Connect publishes them only
 * through its metric reporters, JMX by default ({@code kafka.connect:type=…}), and Micrometer has no
 * binder for them, so this bridge reads the platform MBean server: every numeric attribute of every
 * {@code kafka.connect} MBean becomes a meter named {@code kafka.connect.<type without -metrics>.<attribute>}
 * ({@code kafka_connect_sink_task_sink_record_read_total}), tagged with the MBean's other key properties
 * ({@code connector}, {@code task}, …). Attributes ending in {@code -total} are counters, the rest gauges.
 *
 * <p>Connectors and tasks come and go, so {@link #refresh()} (called before every scrape) registers new
 * MBeans and removes the meters of vanished ones.
 */
public final class ConnectJmxMetrics implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectJmxMetrics.class);
    private static final ObjectName CONNECT = pattern("kafka.connect:*");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<ObjectName, List<Meter>> bound = new HashMap<>();
    private MeterRegistry registry;

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        refresh();
    }

    /** Registers meters for new Connect MBeans and removes those of MBeans that are gone. */
    public synchronized void refresh() {
        if (registry == null) {
            return;
        }
        Set<ObjectName> names = server.queryNames(CONNECT, null);
        bound.entrySet().removeIf(entry -> {
            if (names.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(registry::remove);
            return true;
        });
        for (ObjectName name : names) {
            if (!bound.containsKey(name) && name.getKeyProperty("type") != null) {
                bound.put(name, bind(name));
            }
        }
    }

    /** The number of MBeans currently bridged. */
    public synchronized int mbeans() {
        return bound.size();
    }

    private List<Meter> bind(ObjectName name) {
        List<Meter> meters = new ArrayList<>();
        MBeanAttributeInfo[] attributes;
        try {
            attributes = server.getMBeanInfo(name).getAttributes();
        } catch (JMException e) {
            LOG.debug("cannot read MBean {}: {}", name, e.toString());
            return meters;
        }
        String group = name.getKeyProperty("type").replaceFirst("-metrics$", "");
        List<Tag> tags = new ArrayList<>();
        name.getKeyPropertyList().forEach((key, value) -> {
            if (!key.equals("type")) {
                tags.add(Tag.of(key, value.startsWith("\"") ? ObjectName.unquote(value) : value));
            }
        });
        for (MBeanAttributeInfo attribute : attributes) {
            if (!numeric(attribute.getType())) {
                continue;
            }
            String meterName = ("kafka.connect." + group + "." + attribute.getName()).replace('-', '.').toLowerCase(Locale.ROOT);
            String attributeName = attribute.getName();
            try {
                Meter meter = attributeName.endsWith("-total")
                        ? FunctionCounter.builder(meterName, this, bridge -> bridge.read(name, attributeName))
                                .tags(tags).description(attribute.getDescription()).register(registry)
                        : Gauge.builder(meterName, this, bridge -> bridge.read(name, attributeName))
                                .tags(tags).description(attribute.getDescription()).register(registry);
                meters.add(meter);
            } catch (RuntimeException e) {
                // a registry may refuse a name that clashes with a meter of another type: skip that attribute
                LOG.debug("not exposing {} {}: {}", name, attributeName, e.toString());
            }
        }
        return meters;
    }

    private double read(ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            return value instanceof Number number ? number.doubleValue() : Double.NaN;
        } catch (JMException e) {
            return Double.NaN;
        }
    }

    private static boolean numeric(String type) {
        return switch (type) {
            case "double", "float", "long", "int", "short", "java.lang.Double", "java.lang.Float", "java.lang.Long",
                 "java.lang.Integer", "java.lang.Short" -> true;
            default -> false;
        };
    }

    private static ObjectName pattern(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
