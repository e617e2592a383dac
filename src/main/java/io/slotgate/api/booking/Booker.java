package io.slotgate.api.booking;

import io.slotgate.api.http.Caller;
import io.slotgate.core.appointment.Actor;
import jakarta.enterprise.context.ApplicationScoped;

/** Who a booking-face request acts as: the tenant its X-TENANT-ID header names, and the customer in the plugin. */
@ApplicationScoped
public class Booker {

  private final Caller caller;

  public Booker(Caller caller) {
    this.caller = caller;
  }

  /** The tenant the X-TENANT-ID header names, once checked against the token (400 if absent, 403 if not allowed). */
  public String tenant(String header) {
    return caller.actFor(header, "header X-TENANT-ID");
  }

  /** The customer booking through the plugin, as the audit trail names them. */
  public Actor actor() {
    return caller.actor("CUSTOMER", "PLUGIN");
  }
}
