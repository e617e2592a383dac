package io.slotgate.api.events;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.events.Subscription.Face;
import io.slotgate.core.events.SubscriptionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Event subscriptions of a capacity owner's back office: every appointment on its capacity. */
@Bounded
@Idempotent
@RequestScoped
@Path(OwnerSubscriptionsResource.PATH)
public class OwnerSubscriptionsResource extends SubscriptionsResource {

  /** Also where HubRoles asks for this face's scope. */
  static final String PATH = "/enterprises/{enterprise}/hub";

  /** Read per request, hence the request scope. */
  @PathParam("enterprise")
  String tenant;

  public OwnerSubscriptionsResource(SubscriptionService hub, Caller caller) {
    super(hub, caller, Face.OWNER);
  }

  @Override
  protected String tenant() {
    return actFor(tenant, "path enterprise");
  }
}
