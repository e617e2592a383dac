package io.slotgate.core.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's webhook subscription on one face: WHOLESALE or BOOKING (the booker's appointments booked
 * there) or OWNER (every appointment on the tenant's capacity). {@code eventTypes} empty means all.
 */
public record Subscription(UUID id, String tenant, Face face, String callback, String query, List<String> eventTypes,
    String secret, Integer timeoutSeconds, Instant createdAt, Instant failingSince, String lastError, Instant parkedAt,
    long pending) {

  /** Who a subscription listens as. */
  public enum Face { WHOLESALE, BOOKING, OWNER }
}
