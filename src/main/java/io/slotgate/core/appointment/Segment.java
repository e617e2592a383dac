package io.slotgate.core.appointment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One service of a combination appointment, in its order: when it runs and the resources serving it (stored as JSON
 * with the appointment, so it is registered for reflection like {@link Answer}).
 */
@RegisterForReflection
public record Segment(UUID serviceId, Instant start, Instant end, List<UUID> resourceIds) {}
