package io.slotgate.events.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.slotgate.api.events.EventStreamer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Issue 26: the Kafka stream is off unless turned on, and then nothing of it runs. */
@QuarkusTest
class KafkaOffTest {

  @Inject EventStreamer streamer;

  @Test
  void theStreamIsOffByDefaultAndNoProducerRuns() {
    assertFalse(streamer.enabled(), "no adapter looked up");
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().startsWith("kafka-producer-network-thread")), "no Kafka producer thread");
  }
}
