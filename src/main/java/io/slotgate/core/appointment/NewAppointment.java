package io.slotgate.core.appointment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hold to place: the appointment fields plus the capacity pool it may take {@code reservations}
 * resources from. An empty pool means capacity is kept elsewhere (a remote supplier).
 */
public record NewAppointment(
    String tenant,
    Channel channel,
    String externalId,
    String requestHash,
    String supplierId,
    UUID branchId,
    UUID serviceId,
    String serviceCode,
    String addressId,
    String addressType,
    String purpose,
    Instant start,
    Instant end,
    String classification,
    Boolean standard,
    Instant expiresAt,
    int reservations,
    UUID requestedResourceId,
    List<UUID> pool,
    String notes,
    Actor actor) {}
