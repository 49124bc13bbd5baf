package io.newsroute.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The JMX bridge for Connect metrics, with a stand-in MBean under {@code kafka.connect}. */
class ConnectJmxMetricsTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ObjectName name;

    @AfterEach
    void unregister() throws Exception {
        if (name != null && SERVER.isRegistered(name)) {
            SERVER.unregisterMBean(name);
        }
        registry.close();
    }

    @Test
    void numericAttributesBecomeMetersTaggedByKeyPropertiesAndVanishWithTheirMBean() throws Exception {
        SinkTask task = new SinkTask();
        name = new ObjectName("kafka.connect:type=sink-task-metrics,connector=test-sink-" + System.nanoTime() + ",task=0");
        ConnectJmxMetrics bridge = new ConnectJmxMetrics();
        bridge.bindTo(registry);
        SERVER.registerMBean(task, name);
        String connector = name.getKeyProperty("connector");

        bridge.refresh();
        task.read = 42;

        FunctionCounter read = registry.get("kafka.connect.sink.task.sink.record.read.total")
                .tag("connector", connector).tag("task", "0").functionCounter();
        Gauge rate = registry.get("kafka.connect.sink.task.sink.record.read.rate").tag("connector", connector).gauge();
        assertThat(read.count()).isEqualTo(42.0);
        assertThat(rate.value()).isEqualTo(1.5);
        assertThat(registry.find("kafka.connect.sink.task.status").meters()).as("string attributes are skipped").isEmpty();

        SERVER.unregisterMBean(name);
        bridge.refresh();

        assertThat(registry.find("kafka.connect.sink.task.sink.record.read.total").tag("connector", connector).meters()).isEmpty();
    }

    /** Like Connect's metric MBeans: a dynamic MBean whose attribute names are the metric names. */
    static final class SinkTask implements DynamicMBean {
        volatile double read;

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException {
            return switch (attribute) {
                case "sink-record-read-total" -> read;
                case "sink-record-read-rate" -> 1.5;
                case "status" -> "running";
                default -> throw new AttributeNotFoundException(attribute);
            };
        }

        @Override
        public void setAttribute(Attribute attribute) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AttributeList getAttributes(String[] attributes) {
            AttributeList list = new AttributeList();
            for (String attribute : attributes) {
                try {
                    list.add(new Attribute(attribute, getAttribute(attribute)));
                } catch (AttributeNotFoundException e) {
                    // skipped, as the MBean server expects
                }
            }
            return list;
        }

        @Override
        public AttributeList setAttributes(AttributeList attributes) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return new MBeanInfo(SinkTask.class.getName(), "stand-in sink task metrics", new MBeanAttributeInfo[] {
                new MBeanAttributeInfo("sink-record-read-total", "double", "records read", true, false, false),
                new MBeanAttributeInfo("sink-record-read-rate", "double", "records read per second", true, false, false),
                new MBeanAttributeInfo("status", "java.lang.String", "task status", true, false, false)},
                null, null, null);
        }
    }
}
