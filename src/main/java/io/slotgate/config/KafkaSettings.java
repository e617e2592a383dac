package io.slotgate.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** slotgate.kafka: the optional Kafka stream of appointment events (events/kafka; docs/operations.md). */
public interface KafkaSettings {
  /** Publishes every appointment event to Kafka. Off: nothing of Kafka is loaded or started. */
  @WithDefault("false")
  boolean enabled();

  /** The brokers to bootstrap from ({@code host:port,...}); required when enabled. */
  Optional<String> bootstrapServers();

  /** Topics are this prefix and the face: {@code <prefix>wholesale}, {@code <prefix>booking}, {@code <prefix>owner}. */
  @WithDefault("slotgate.appointments.")
  String topicPrefix();

  /** Pause between publish rounds once the stream has caught up (a backlog is sent batch after batch). */
  @WithDefault("200ms")
  Duration every();

  /** Events per batch: the records of one batch are acknowledged together before the cursor moves. */
  @WithDefault("500")
  int batchSize();

  /**
   * How long a batch may wait for the brokers' acknowledgements (the producer's {@code delivery.timeout.ms}),
   * retrying meanwhile; after that it is sent again from the cursor. The publish transaction (one pooled
   * connection, no transaction id) stays open that long while the brokers are away.
   */
  @WithDefault("30s")
  Duration sendTimeout();

  /** The producer's {@code client.id}. */
  @WithDefault("slotgate")
  String clientId();

  /** {@code security.protocol} (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL); Kafka's default when unset. */
  Optional<String> securityProtocol();

  /** {@code sasl.mechanism} (PLAIN, SCRAM-SHA-512, ...). */
  Optional<String> saslMechanism();

  /** {@code sasl.jaas.config}: the login module and the credentials. */
  Optional<String> saslJaasConfig();
}
