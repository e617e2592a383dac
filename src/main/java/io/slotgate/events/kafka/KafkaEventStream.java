package io.slotgate.events.kafka;

import io.slotgate.config.KafkaSettings;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.events.EventStream;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The event stream on Kafka: a topic per face ({@code <prefix>wholesale}, {@code <prefix>booking},
 * {@code <prefix>owner}), records keyed by appointment, from an idempotent producer with {@code acks=all}.
 * The producer ({@link KafkaRecords}) is made at the first send, so while the stream is off no Kafka class is loaded.
 */
@ApplicationScoped
public class KafkaEventStream implements EventStream {

  private final KafkaSettings settings;
  private KafkaRecords records;

  public KafkaEventStream(SlotgateConfig config) {
    this.settings = config.kafka();
  }

  @Override
  public Uni<Void> send(List<Message> messages) {
    // send() may block while it waits for a topic's metadata (the brokers away): never on an event loop.
    return Uni.createFrom().completionStage(() -> records().send(messages))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        // The batch is sent again from the cursor: first every record of this attempt still waiting in the producer
        // is aborted with it. Otherwise one could still land after a newer one of its appointment (measured: an
        // older attempt's ACCEPTED after the retry's CANCELLED, when the producer expired the one and not the other).
        .onFailure().call(() -> Uni.createFrom().item(() -> {
          discard();
          return true;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
        .replaceWithVoid();
  }

  private synchronized void discard() {
    if (records != null) {
      records.abort();
      records = null;
    }
  }

  private synchronized KafkaRecords records() {
    if (records == null) {
      records = new KafkaRecords(settings);
    }
    return records;
  }

  @PreDestroy
  synchronized void close() {
    if (records != null) {
      records.close();
    }
  }
}
