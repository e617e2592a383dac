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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

/** Event subscriptions of a retail ISP on the wholesale face: its own appointments. */
@Bounded
@Idempotent
@Path("/WholesaleGateway/v1.0/gateway/hub")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class WholesaleSubscriptionsResource {

  private final SubscriptionEndpoints hub;
  private final Caller caller;

  public WholesaleSubscriptionsResource(SubscriptionEndpoints hub, Caller caller) {
    this.hub = hub;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribe(@HeaderParam("Tenant") String tenant, @Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(tenant(tenant), Face.WHOLESALE, request);
  }

  @GET
  @Path("/{id}")
  public Uni<SubscriptionView> get(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.get(tenant(tenant), Face.WHOLESALE, id);
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.delete(tenant(tenant), Face.WHOLESALE, id);
  }

  @POST
  @Path("/{id}/_actions/resume")
  public Uni<SubscriptionView> resume(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.resume(tenant(tenant), Face.WHOLESALE, id);
  }

  @POST
  @Path("/{id}/_actions/rotate-secret")
  public Uni<SubscriptionView> rotateSecret(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(tenant(tenant), Face.WHOLESALE, id);
  }

  private String tenant(String tenant) {
    return caller.actFor(tenant, "header Tenant");
  }
}
