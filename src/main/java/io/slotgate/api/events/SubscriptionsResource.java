package io.slotgate.api.events;

import io.quarkus.security.Authenticated;
import io.slotgate.api.events.SubscriptionDtos.SubscribeRequest;
import io.slotgate.api.events.SubscriptionDtos.SubscriptionView;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Times;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.events.Subscription;
import io.slotgate.core.events.SubscriptionService;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The hub's operations, which every face answers alike; a face's resource names only its path, its face and where
 * its requests name the tenant. The faces' roles differ, and a role on a face's class would not cover the methods it
 * inherits from here (JSR-250), so each face's role is a permission on its path (HubRoles), checked as the endpoint
 * is matched, before any method or interceptor runs. {@code @Authenticated} sits here, on the class declaring the
 * methods, so that the identity is resolved before they run.
 */
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public abstract class SubscriptionsResource {

  private final SubscriptionService hub;
  private final Caller caller;
  private final Subscription.Face face;

  protected SubscriptionsResource(SubscriptionService hub, Caller caller, Subscription.Face face) {
    this.hub = hub;
    this.caller = caller;
    this.face = face;
  }

  /** For the client proxy of a face's request-scoped resource, which calls nothing of its own. */
  protected SubscriptionsResource() {
    this(null, null, null);
  }

  /** The tenant the request names, checked against the token (see {@link #actFor}). */
  protected abstract String tenant();

  protected String actFor(String tenant, String where) {
    return caller.actFor(tenant, where);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<SubscriptionView>> subscribe(@Valid @NotNull SubscribeRequest request) {
    return hub.subscribe(tenant(), face, request.callback(), request.query(), request.timeoutSeconds())
        .map(s -> RestResponse.status(Status.CREATED, view(s, s.secret())));
  }

  @GET
  @Path("/{id}")
  public Uni<SubscriptionView> get(@PathParam("id") @Size(max = 64) String id) {
    return hub.get(tenant(), face, id(id)).map(SubscriptionsResource::view);
  }

  @DELETE
  @Path("/{id}")
  public Uni<RestResponse<Void>> delete(@PathParam("id") @Size(max = 64) String id) {
    return hub.delete(tenant(), face, id(id)).map(ignored -> RestResponse.noContent());
  }

  @POST
  @Path("/{id}/_actions/resume")
  public Uni<SubscriptionView> resume(@PathParam("id") @Size(max = 64) String id) {
    return hub.resume(tenant(), face, id(id)).map(SubscriptionsResource::view);
  }

  @POST
  @Path("/{id}/_actions/rotate-secret")
  public Uni<SubscriptionView> rotateSecret(@PathParam("id") @Size(max = 64) String id) {
    return hub.rotateSecret(tenant(), face, id(id)).map(s -> view(s, s.secret()));
  }

  private static SubscriptionView view(Subscription s) {
    return view(s, null);
  }

  /** The secret is answered only by the calls that make one. */
  private static SubscriptionView view(Subscription s, String secret) {
    return new SubscriptionView(s.id().toString(), s.callback(), s.query(), s.timeoutSeconds(), secret,
        Times.format(s.createdAt()),
        Times.format(s.failingSince()), s.lastError(), Times.format(s.parkedAt()), s.pending());
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw DomainFailure.notFound("Subscription " + id);
    }
  }
}
