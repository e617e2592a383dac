package io.slotgate.core;

import java.util.List;
import java.util.Map;

/** A refusal the domain gives for a stable reason; each API face renders it in its own error format. */
public class DomainFailure extends RuntimeException {

  /** The stable reasons; the faces map each to an HTTP status. */
  public enum Kind {
    MALFORMED_REQUEST,
    INVALID_REQUEST,
    NOT_AUTHENTICATED,
    NOT_PERMITTED,
    NOT_FOUND,
    SLOT_UNAVAILABLE,
    DUPLICATE_ID,
    /** The change clashes with what exists (an id in use, a route already set). */
    CONFLICT,
    APPOINTMENT_STATUS_INVALID,
    /** The booker already has as many live holds on the supplier as the owner's grant allows. */
    HOLD_LIMIT_REACHED,
    /** The tenant places holds faster than its rate allows (arguments: retryAfterSeconds). */
    RATE_LIMITED,
    SUPPLIER_FAULT,
    SUPPLIER_TIMED_OUT,
    SERVICE_UNAVAILABLE,
    NOT_IMPLEMENTED
  }

  private final Kind kind;
  private final List<String> messages;
  private final Map<String, Object> arguments;

  public DomainFailure(Kind kind, List<String> messages, Map<String, Object> arguments) {
    super(kind + ": " + String.join("; ", messages), null, false, false);
    this.kind = kind;
    this.messages = List.copyOf(messages);
    this.arguments = Map.copyOf(arguments);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> messages() {
    return messages;
  }

  public Map<String, Object> arguments() {
    return arguments;
  }

  public static DomainFailure malformed(String message) {
    return new DomainFailure(Kind.MALFORMED_REQUEST, List.of(message), Map.of());
  }

  public static DomainFailure invalid(String message) {
    return new DomainFailure(Kind.INVALID_REQUEST, List.of(message), Map.of());
  }

  public static DomainFailure invalid(List<String> messages) {
    return new DomainFailure(Kind.INVALID_REQUEST, messages, Map.of());
  }

  public static DomainFailure notFound(String what) {
    return new DomainFailure(Kind.NOT_FOUND, List.of(what + " was not found"), Map.of());
  }

  public static DomainFailure notPermitted(String message) {
    return new DomainFailure(Kind.NOT_PERMITTED, List.of(message), Map.of());
  }

  public static DomainFailure slotUnavailable(String message) {
    return new DomainFailure(Kind.SLOT_UNAVAILABLE, List.of(message), Map.of());
  }

  public static DomainFailure duplicateId(String message) {
    return new DomainFailure(Kind.DUPLICATE_ID, List.of(message), Map.of());
  }

  public static DomainFailure conflict(String message) {
    return new DomainFailure(Kind.CONFLICT, List.of(message), Map.of());
  }

  /** Another move changed the appointment between reading it and moving it. */
  public static DomainFailure changedConcurrently(String currentStatus, String action) {
    return new DomainFailure(Kind.APPOINTMENT_STATUS_INVALID,
        List.of("The appointment changed while '" + action + "' was processed (it is now " + currentStatus
            + "); read it again and retry"),
        Map.of("currentStatus", currentStatus, "action", action));
  }

  public static DomainFailure statusInvalid(String currentStatus, String action) {
    return new DomainFailure(Kind.APPOINTMENT_STATUS_INVALID,
        List.of("Action '" + action + "' is not allowed while the appointment is " + currentStatus),
        Map.of("currentStatus", currentStatus, "action", action));
  }
}
