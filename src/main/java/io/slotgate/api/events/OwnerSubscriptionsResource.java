package io.slotgate.api.events;

import io.slotgate.api.events.SubscriptionDtos.SubscribeRequest;
import io.slotgate.api.events.SubscriptionDtos.SubscriptionView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.events.Subscription.Face;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** Event subscriptions of a capacity owner's back office: every appointment on its capacity. */
@Bounded
@Idempotent
@Path("/enterprises/{enterprise}/hub")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerSubscriptionsResource {

  private final SubscriptionEndpoints hub;
  private final Caller caller;

  public OwnerSubscriptionsResource(SubscriptionEndpoints hub, Caller caller) {
    this.hub = hub;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribe(@PathParam("enterprise") String tenant, @Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(tenant(tenant), Face.OWNER, request);
  }

  @GET
  @Path("/{id}")
  public Uni<SubscriptionView> get(@PathParam("enterprise") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.get(tenant(tenant), Face.OWNER, id);
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@PathParam("enterprise") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.delete(tenant(tenant), Face.OWNER, id);
  }

  @POST
  @Path("/{id}/_actions/resume")
  public Uni<SubscriptionView> resume(@PathParam("enterprise") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.resume(tenant(tenant), Face.OWNER, id);
  }

  @POST
  @Path("/{id}/_actions/rotate-secret")
  public Uni<SubscriptionView> rotateSecret(@PathParam("enterprise") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(tenant(tenant), Face.OWNER, id);
  }

  private String tenant(String tenant) {
    return caller.actFor(tenant, "path enterprise");
  }
}
