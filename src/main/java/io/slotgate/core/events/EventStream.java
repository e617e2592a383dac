package io.slotgate.core.events;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The port to an event stream outside slotgate (Kafka, events/kafka): appointment events, each rendered once per
 * face that sees it, sent as records keyed by appointment and acknowledged as a batch.
 */
public interface EventStream {

  /**
   * One record: {@code stream} names the face it is rendered in ({@code wholesale}, {@code booking} or
   * {@code owner}; the adapter makes a topic of it), {@code key} the appointment (order holds per key),
   * {@code tenant} who sees it on that face, and {@code body} the event as a webhook carries it.
   */
  record Message(String stream, String key, String tenant, String eventId, String eventType, String body) {}

  /**
   * Sends the messages in order and completes once every one is durably acknowledged; fails if any is not, and
   * then the caller sends the whole batch again (at least once).
   */
  Uni<Void> send(List<Message> messages);
}
