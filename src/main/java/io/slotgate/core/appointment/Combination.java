package io.slotgate.core.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a combination appointment claims: its services back to back ({@code parts}, in order) and the pool each
 * comes from. With {@code sameResource} one claim per resource covers the whole stretch, from a pool of resources
 * that serve every part; otherwise each part is claimed from its own pool. The trailing buffer follows the last
 * part. Either way all claims are taken in the appointment's transaction: every segment or none.
 */
public record Combination(UUID id, boolean sameResource, List<Part> parts, Duration trailingBuffer) {

  /** One service's stretch and the resources that may take it. */
  public record Part(UUID serviceId, Instant start, Instant end, List<UUID> pool) {}

  public Instant start() {
    return parts.getFirst().start();
  }

  public Instant end() {
    return parts.getLast().end();
  }
}
