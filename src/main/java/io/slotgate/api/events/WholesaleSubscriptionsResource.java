package io.slotgate.api.events;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.events.Subscription.Face;
import io.slotgate.core.events.SubscriptionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

/** Event subscriptions of a retail ISP on the wholesale face: its own appointments. */
@Bounded
@Idempotent
@RequestScoped
@Path("/WholesaleGateway/v1.0/gateway/hub")
public class WholesaleSubscriptionsResource extends SubscriptionsResource {

  /** Read per request, hence the request scope. */
  @HeaderParam("Tenant")
  String tenant;

  public WholesaleSubscriptionsResource(SubscriptionService hub, Caller caller) {
    super(hub, caller, Face.WHOLESALE);
  }

  @Override
  protected String tenant() {
    return actFor(tenant, "header Tenant");
  }
}
