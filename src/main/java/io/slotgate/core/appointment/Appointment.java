package io.slotgate.core.appointment;

import io.slotgate.core.DomainFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One appointment, from hold to end, as stored; {@code status} is already the effective one. */
public record Appointment(
    UUID id,
    /** The booker. */
    String tenant,
    /** The tenant whose capacity it occupies (its supplier's or branch's owner): the lifecycle face's tenant. */
    String owner,
    Channel channel,
    String externalId,
    String requestHash,
    String supplierId,
    String supplierReference,
    UUID branchId,
    UUID serviceId,
    String serviceCode,
    /** The combination booked (seed 003's service combinations); null for one service. */
    UUID combinationId,
    /** A combination's services in order, with their times and resources; empty for one service. */
    List<Segment> segments,
    String addressId,
    String addressType,
    String purpose,
    Meeting meeting,
    Instant start,
    Instant end,
    String classification,
    Boolean standard,
    AppointmentStatus status,
    Instant expiresAt,
    int reservations,
    UUID requestedResourceId,
    List<UUID> resourceIds,
    /** Minutes its claims keep the resources taken after {@code end} (0 for capacity kept by a remote supplier). */
    int trailingBufferMinutes,
    String notes,
    Customer customer,
    List<Answer> answers,
    String orderReference,
    String internalNotes,
    String messageForCustomer,
    Instant createdAt,
    Actor createdBy,
    Instant updatedAt,
    Actor updatedBy,
    int version) {

  /** A hold whose expiry has passed is EXPIRED whether or not the sweeper has recorded it yet. */
  public static AppointmentStatus effective(AppointmentStatus stored, Instant expiresAt, Instant now) {
    return stored == AppointmentStatus.RESERVED && expiresAt != null && !expiresAt.isAfter(now)
        ? AppointmentStatus.EXPIRED
        : stored;
  }

  /**
   * What a create retried under this appointment's client id (or Idempotency-Key) gets: this appointment when it is
   * the same request (the same request hash), else DUPLICATE_ID with {@code refusal}.
   */
  public Appointment replayFor(String requestHash, String refusal) {
    if (!Objects.equals(this.requestHash, requestHash)) {
      throw DomainFailure.duplicateId(refusal);
    }
    return this;
  }
}
