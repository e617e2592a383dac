package io.slotgate.core.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hold (or a back-office invitation) to place: the appointment fields plus the capacity pool it
 * must take {@code reservations} resources from. A null pool means capacity is kept elsewhere (a
 * remote supplier); an empty one means there is none, so nothing can be held.
 */
public record NewAppointment(
    String tenant,
    String owner,
    AppointmentStatus status,
    Channel channel,
    String externalId,
    String requestHash,
    String supplierId,
    UUID branchId,
    UUID serviceId,
    String serviceCode,
    /** The services and pools of a combination appointment; null for one service. */
    Combination combination,
    String addressId,
    String addressType,
    String purpose,
    /** How it is met; a video meeting's link is still the branch's template here. */
    Meeting meeting,
    Instant start,
    Instant end,
    String classification,
    Boolean standard,
    Instant expiresAt,
    int reservations,
    UUID requestedResourceId,
    List<UUID> pool,
    /** How long after {@code end} the claims on the pool keep its resources taken. */
    Duration trailingBuffer,
    String notes,
    Customer customer,
    String internalNotes,
    String messageForCustomer,
    Actor actor) {}
