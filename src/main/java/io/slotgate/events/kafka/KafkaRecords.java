package io.slotgate.events.kafka;

import io.slotgate.config.KafkaSettings;
import io.slotgate.core.events.EventStream.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka producer and how a batch of messages becomes its records (package-private: only the stream uses it). */
final class KafkaRecords {

  private final KafkaProducer<String, String> producer;
  private final String prefix;

  KafkaRecords(KafkaSettings settings) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers().orElseThrow());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
    // Acknowledged means on every in-sync replica, and the producer's own retries neither duplicate nor reorder
    // records of a partition (the idempotent producer keeps up to 5 requests in flight in order).
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    int timeout = (int) settings.sendTimeout().toMillis();
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(timeout));
    // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms.
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.max(1, Math.min(timeout / 2, 10_000))));
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(timeout));
    config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    // Reconnect within a second once the brokers are back, not after the default's growing back-off.
    config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
    settings.securityProtocol().ifPresent(value -> config.put("security.protocol", value));
    settings.saslMechanism().ifPresent(value -> config.put("sasl.mechanism", value));
    settings.saslJaasConfig().ifPresent(value -> config.put("sasl.jaas.config", value));
    // Serializers as instances, not class names: nothing for the native image to find by reflection.
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    this.prefix = settings.topicPrefix();
  }

  /** Sends the messages in order; completes when the brokers acknowledged all of them, fails with the first failure. */
  CompletableFuture<Void> send(List<Message> messages) {
    CompletableFuture<Void> all = new CompletableFuture<>();
    if (messages.isEmpty()) {
      all.complete(null);
      return all;
    }
    AtomicInteger open = new AtomicInteger(messages.size());
    for (Message message : messages) {
      ProducerRecord<String, String> record = new ProducerRecord<>(prefix + message.stream(), null, message.key(),
          message.body(), List.of(header("slotgate-tenant", message.tenant()),
              header("slotgate-event-id", message.eventId()), header("slotgate-event-type", message.eventType())));
      try {
        producer.send(record, (metadata, failure) -> {
          if (failure != null) {
            // Closed at the first failure, from the producer's own I/O thread, as Kafka advises for ordering: a
            // later record of the batch still waiting is failed with it rather than sent. Aborting only once the
            // batch's failure reached the caller was too late: CI saw an appointment's CANCELLED land before the
            // retry of its ACCEPTED, whose batch had expired while the brokers were away.
            producer.close(Duration.ZERO);
            all.completeExceptionally(failure);
          } else if (open.decrementAndGet() == 0) {
            all.complete(null);
          }
        });
      } catch (RuntimeException failure) {
        // Metadata not there within max.block.ms, or the producer closed: the batch fails, the cursor stays.
        all.completeExceptionally(failure);
        break;
      }
    }
    return all;
  }

  private static RecordHeader header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends what is waiting (up to 5 s) and closes. */
  void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Closes at once, failing every record not acknowledged yet: none of them is sent after this returns. */
  void abort() {
    producer.close(Duration.ZERO);
  }
}
