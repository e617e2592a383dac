package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Kafka broker ({@link KafkaBroker}) for the test profile that turns the Kafka stream on, with its three topics
 * made up front (3 partitions each, so that keys are spread) and the stream pointed at it.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

  public static final String PREFIX = "test.appointments.";
  public static final List<String> TOPICS = List.of(PREFIX + "wholesale", PREFIX + "booking", PREFIX + "owner");

  private static volatile KafkaBroker broker;

  /** The running broker, for tests that stop and restart it. */
  public static KafkaBroker broker() {
    return broker;
  }

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(TOPICS.stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList()).all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the test topics", e);
    }
    return Map.of("slotgate.kafka.enabled", "true", "slotgate.kafka.bootstrap-servers", broker.bootstrapServers(),
        "slotgate.kafka.topic-prefix", PREFIX);
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
