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
@Path(WholesaleSubscriptionsResource.PATH)
public class WholesaleSubscriptionsResource extends SubscriptionsResource {

  /** Also where HubRoles asks for this face's scope. */
  static final String PATH = "/WholesaleGateway/v1.0/gateway/hub";

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
