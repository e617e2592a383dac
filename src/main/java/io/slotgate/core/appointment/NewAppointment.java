package io.slotgate.core.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A hold (or a back-office invitation) to place, in small groups: who books it for whom, what is booked, where,
 * when, the capacity it takes, and what was written with it. Each face builds it with its own factory.
 */
public record NewAppointment(AppointmentStatus status, Who who, What what, Where where, When when, Capacity capacity,
    Notes notes) {

  /** The booker, the owner of the capacity, the face it came through and the client's id that makes retries safe. */
  public record Who(String tenant, String owner, Channel channel, String externalId, String requestHash, Actor actor) {}

  /** The service (or a combination's services) at a branch or a supplier, and how it is met. */
  public record What(String supplierId, UUID branchId, UUID serviceId, String serviceCode,
      /** The services and pools of a combination appointment; null for one service. */
      Combination combination,
      /** How it is met; a video meeting's link is still the branch's template here. */
      Meeting meeting) {}

  /** The customer's address and the wholesale purpose; nothing for a branch visit. */
  public record Where(String addressId, String addressType, String purpose) {
    public static final Where BRANCH = new Where(null, null, null);
  }

  /** The slot, as offered, and when a hold lapses (null: it does not). */
  public record When(Instant start, Instant end, String classification, Boolean standard, Instant expiresAt) {}

  /**
   * How many resources it takes from which pool: a null pool means capacity kept elsewhere (a remote supplier); an
   * empty one means there is none, so nothing can be held. Its claims keep them taken {@code trailingBuffer} past
   * the end.
   */
  public record Capacity(int reservations, UUID requestedResourceId, List<UUID> pool, Duration trailingBuffer) {}

  /** The booker's notes, the customer where known at placing (invitations), and the staff's texts. */
  public record Notes(String notes, Customer customer, String internalNotes, String messageForCustomer) {}

  /** A reservation on the branch face: the booker is the capacity's owner, and the customer comes with the confirm. */
  public static NewAppointment reservation(Who who, What what, When when, Capacity capacity, String notes) {
    return new NewAppointment(AppointmentStatus.RESERVED, who, what, Where.BRANCH, when, capacity,
        new Notes(notes, null, null, null));
  }

  /** A wholesale hold at a customer's address, on the booker's own supplier or one granted to it. */
  public static NewAppointment wholesaleHold(Who who, What what, Where where, When when, Capacity capacity) {
    return new NewAppointment(AppointmentStatus.RESERVED, who, what, where, when, capacity,
        new Notes(null, null, null, null));
  }

  /** The owner's back-office invitation (OUTGOING_INVITE) for a customer it knows. */
  public static NewAppointment invitation(Who who, What what, When when, Capacity capacity, Customer customer,
      String internalNotes, String messageForCustomer) {
    return new NewAppointment(AppointmentStatus.OUTGOING_INVITE, who, what, Where.BRANCH, when, capacity,
        new Notes(null, customer, internalNotes, messageForCustomer));
  }
}
