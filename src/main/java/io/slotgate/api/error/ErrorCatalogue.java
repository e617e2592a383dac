package io.slotgate.api.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error a client can get: code, HTTP status, when, and what the client should do. The OpenAPI
 * document and docs/api.md's table are made from (and checked against) this list.
 */
public final class ErrorCatalogue {

  public record Entry(String code, int status, String when, String clientAction) {}

  public static final List<Entry> ENTRIES = List.of(
      new Entry("MALFORMED_REQUEST", 400, "A required header or parameter is missing, the JSON or a query value cannot "
          + "be parsed, a field has the wrong JSON type, the body has a field the request does not know (each named "
          + "by its path), or a value holds control characters",
          "Fix the request as the message says; do not retry it unchanged"),
      new Entry("MALFORMED_REQUEST", 405, "The method is not served at this path", "Use a method the API lists"),
      new Entry("MALFORMED_REQUEST", 406, "The Accept header rules out application/json", "Accept application/json"),
      new Entry("MALFORMED_REQUEST", 413, "The body is larger than 64 KiB", "Send a smaller body"),
      new Entry("MALFORMED_REQUEST", 415, "The body is not sent as application/json", "Send Content-Type: application/json"),
      new Entry("INVALID_REQUEST", 422, "A value is well-formed but not accepted (the message names the field and what "
          + "is accepted): unknown service, date outside the horizon, too long, not offered", "Fix the named field"),
      new Entry("NOT_AUTHORISED", 401, "No bearer token, or it is expired, wrongly signed, from another issuer, "
          + "not a JWT, or lives longer than 24 h", "Get a new token from the identity provider, then retry once"),
      new Entry("NOT_AUTHORISED", 403, "The token lacks the scope the face needs, or the tenant named by the request "
          + "is not in its tenants claim", "Ask the owner of the tenant for access; retrying will not help"),
      new Entry("NOT_FOUND", 404, "No such appointment, subscription or catalogue entry for the calling tenant "
          + "(another tenant's is answered the same way)", "Check the id and the tenant header"),
      new Entry("SLOT_UNAVAILABLE", 409, "The slot was taken meanwhile, or no resource is free for it",
          "Search again and choose another slot"),
      new Entry("DUPLICATE_ID", 409, "The id (or Idempotency-Key) was used before for a different request (body, "
          + "path or method)", "Use a new id or key; repeating the original request returns the original answer"),
      new Entry("CONFLICT", 409, "The change clashes with what exists: an id in use, a route to another supplier, "
          + "an empty supplier pool", "Read the current state (the message says what) and resolve it first"),
      new Entry("HOLD_LIMIT_REACHED", 409, "The booker already has as many live holds on this supplier as the "
          + "owner's grant allows (maxActiveHolds)", "Confirm or cancel a hold first; waiting alone helps only as "
          + "holds expire"),
      new Entry("RATE_LIMITED", 429, "The tenant places new holds faster than its rate limit (a token bucket per "
          + "instance)", "Retry after the Retry-After header's seconds, with the same id (and Idempotency-Key)"),
      new Entry("APPOINTMENT_STATUS_INVALID", 422, "The appointment's status does not allow this move (arguments: "
          + "the current status and the action); a lapsed hold cannot be confirmed",
          "Read the appointment; hold again if it expired"),
      new Entry("SUPPLIER_FAULT", 500, "The remote supplier failed or answered nonsense; or an internal error, "
          + "logged under the uuid in the body", "Retry later with the same id or Idempotency-Key (safe: a change that "
          + "went through answers as it did); quote the uuid if it persists"),
      new Entry("NOT_IMPLEMENTED", 501, "Rescheduling an appointment held at a remote supplier; the demo catalogue "
          + "where it is disabled", "Cancel and hold again"),
      new Entry("SERVICE_UNAVAILABLE", 503, "Our database refused, reset or closed the connection (a restart), or "
          + "did not answer within the request bound (the write may still go through); a remote supplier's circuit "
          + "is open; or the first request with this Idempotency-Key is still being answered", "Retry after the "
          + "Retry-After header's seconds with the same Idempotency-Key (or hold id): the answer then tells whether it "
          + "had already happened"),
      new Entry("SUPPLIER_TIMED_OUT", 504, "The remote supplier did not answer in time; the hold may exist there",
          "Retry with the same id (or Idempotency-Key): it reaches the same remote appointment"));

  private ErrorCatalogue() {}

  public static List<Entry> forStatus(int status) {
    return ENTRIES.stream().filter(e -> e.status() == status).toList();
  }

  /** The catalogue as a Markdown table (the OpenAPI description and docs/api.md carry the same one). */
  public static String markdown() {
    return "| code | status | when | what the client should do |\n| --- | --- | --- | --- |\n"
        + ENTRIES.stream().map(e -> "| " + e.code() + " | " + e.status() + " | " + e.when() + " | "
            + e.clientAction() + " |").collect(Collectors.joining("\n")) + "\n";
  }
}
