package io.slotgate.core.appointment;

import io.slotgate.core.DomainFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One appointment, from hold to end, as stored, in small groups: who booked it for whom, what was booked, where,
 * when, the capacity it holds, what was written with it, and who changed it last. {@code status} is already the
 * effective one.
 */
public record Appointment(UUID id, AppointmentStatus status, Who who, What what, Where where, When when,
    Capacity capacity, Details details, Audit audit) {

  /**
   * The booker ({@code tenant}), the tenant whose capacity it occupies ({@code owner}: its supplier's or branch's, the
   * lifecycle face's tenant), the face it came through and the client's id with its request's hash.
   */
  public record Who(String tenant, String owner, Channel channel, String externalId, String requestHash) {}

  /** The service (or combination) booked, at which branch or supplier, and how it is met. */
  public record What(String supplierId, String supplierReference, UUID branchId, UUID serviceId, String serviceCode,
      /** The combination booked (seed 003's service combinations); null for one service. */
      UUID combinationId,
      /** A combination's services in order, with their times and resources; empty for one service. */
      List<Segment> segments,
      Meeting meeting) {}

  /** The customer's address and the wholesale purpose; nothing for a branch visit. */
  public record Where(String addressId, String addressType, String purpose) {}

  /**
   * The slot, when a hold lapses, and the minutes its claims keep the resources taken after {@code end} (0 for
   * capacity kept by a remote supplier).
   */
  public record When(Instant start, Instant end, String classification, Boolean standard, Instant expiresAt,
      int trailingBufferMinutes) {}

  /** How many resources it holds, the one asked for, and the ones its claims name (the latest assignment). */
  public record Capacity(int reservations, UUID requestedResourceId, List<UUID> resourceIds) {}

  /** The booker's notes, the customer and their answers, the order it became part of, and the staff's texts. */
  public record Details(String notes, Customer customer, List<Answer> answers, String orderReference,
      String internalNotes, String messageForCustomer) {}

  /** When and by whom it was made and last changed; {@code version} counts its changes. */
  public record Audit(Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy, int version) {}

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
    if (!Objects.equals(who.requestHash(), requestHash)) {
      throw DomainFailure.duplicateId(refusal);
    }
    return this;
  }
}
