package io.slotgate.api.events;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.events.Subscription.Face;
import io.slotgate.core.events.SubscriptionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

/** Event subscriptions of a booking page's tenant on the branch face: its own appointments. */
@Bounded
@Idempotent
@RequestScoped
@Path(BookingSubscriptionsResource.PATH)
public class BookingSubscriptionsResource extends SubscriptionsResource {

  /** Also where HubRoles asks for this face's scope. */
  static final String PATH = "/external/v1/hub";

  /** Read per request, hence the request scope. */
  @HeaderParam("X-TENANT-ID")
  String tenant;

  public BookingSubscriptionsResource(SubscriptionService hub, Caller caller) {
    super(hub, caller, Face.BOOKING);
  }

  @Override
  protected String tenant() {
    return actFor(tenant, "header X-TENANT-ID");
  }
}
