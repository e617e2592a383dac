package io.slotgate.api.events;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.api.events.SubscriptionDtos.SubscribeRequest;
import io.slotgate.api.events.SubscriptionDtos.SubscriptionView;
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

/**
 * Event subscriptions (signed webhooks, TMF646 hub style) on each face, for the tenant that face names: a retail
 * ISP on the wholesale face and a booking page on the branch face see their own appointments, a capacity owner's
 * back office every appointment on its capacity. The work is {@link SubscriptionEndpoints}'; each method says only the
 * face and where its tenant comes from.
 */
@Bounded
@Idempotent
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionsResource {

  private static final String WHOLESALE = "/WholesaleGateway/v1.0/gateway/hub";
  private static final String BOOKING = "/external/v1/hub";
  private static final String OWNER = "/enterprises/{enterprise}/hub";
  private static final String ONE = "/{id}";
  private static final String RESUME = "/{id}/_actions/resume";
  private static final String ROTATE = "/{id}/_actions/rotate-secret";

  private final SubscriptionEndpoints hub;
  private final Caller caller;

  public SubscriptionsResource(SubscriptionEndpoints hub, Caller caller) {
    this.hub = hub;
    this.caller = caller;
  }

  // The wholesale face: the Tenant header.

  @POST
  @Path(WHOLESALE)
  @RolesAllowed("appointments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribeWholesale(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(caller.actFor(tenant, "header Tenant"), Face.WHOLESALE, request);
  }

  @GET
  @Path(WHOLESALE + ONE)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> getWholesale(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return hub.get(caller.actFor(tenant, "header Tenant"), Face.WHOLESALE, id);
  }

  @DELETE
  @Path(WHOLESALE + ONE)
  @RolesAllowed("appointments")
  public Uni<RestResponse<Void>> deleteWholesale(@HeaderParam("Tenant") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.delete(caller.actFor(tenant, "header Tenant"), Face.WHOLESALE, id);
  }

  @POST
  @Path(WHOLESALE + RESUME)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> resumeWholesale(@HeaderParam("Tenant") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.resume(caller.actFor(tenant, "header Tenant"), Face.WHOLESALE, id);
  }

  @POST
  @Path(WHOLESALE + ROTATE)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> rotateWholesaleSecret(@HeaderParam("Tenant") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(caller.actFor(tenant, "header Tenant"), Face.WHOLESALE, id);
  }

  // The branch face: the X-TENANT-ID header.

  @POST
  @Path(BOOKING)
  @RolesAllowed("appointments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribeBooking(@HeaderParam("X-TENANT-ID") String tenant,
      @Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(caller.actFor(tenant, "header X-TENANT-ID"), Face.BOOKING, request);
  }

  @GET
  @Path(BOOKING + ONE)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> getBooking(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.get(caller.actFor(tenant, "header X-TENANT-ID"), Face.BOOKING, id);
  }

  @DELETE
  @Path(BOOKING + ONE)
  @RolesAllowed("appointments")
  public Uni<RestResponse<Void>> deleteBooking(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.delete(caller.actFor(tenant, "header X-TENANT-ID"), Face.BOOKING, id);
  }

  @POST
  @Path(BOOKING + RESUME)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> resumeBooking(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.resume(caller.actFor(tenant, "header X-TENANT-ID"), Face.BOOKING, id);
  }

  @POST
  @Path(BOOKING + ROTATE)
  @RolesAllowed("appointments")
  public Uni<SubscriptionView> rotateBookingSecret(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(caller.actFor(tenant, "header X-TENANT-ID"), Face.BOOKING, id);
  }

  // The owner's back office (the lifecycle face): the enterprise in the path.

  @POST
  @Path(OWNER)
  @RolesAllowed("appointments:manage")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribeOwner(@PathParam("enterprise") String tenant,
      @Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(caller.actFor(tenant, "path enterprise"), Face.OWNER, request);
  }

  @GET
  @Path(OWNER + ONE)
  @RolesAllowed("appointments:manage")
  public Uni<SubscriptionView> getOwner(@PathParam("enterprise") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.get(caller.actFor(tenant, "path enterprise"), Face.OWNER, id);
  }

  @DELETE
  @Path(OWNER + ONE)
  @RolesAllowed("appointments:manage")
  public Uni<RestResponse<Void>> deleteOwner(@PathParam("enterprise") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.delete(caller.actFor(tenant, "path enterprise"), Face.OWNER, id);
  }

  @POST
  @Path(OWNER + RESUME)
  @RolesAllowed("appointments:manage")
  public Uni<SubscriptionView> resumeOwner(@PathParam("enterprise") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.resume(caller.actFor(tenant, "path enterprise"), Face.OWNER, id);
  }

  @POST
  @Path(OWNER + ROTATE)
  @RolesAllowed("appointments:manage")
  public Uni<SubscriptionView> rotateOwnerSecret(@PathParam("enterprise") String tenant,
      @PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(caller.actFor(tenant, "path enterprise"), Face.OWNER, id);
  }
}
