package io.slotgate.api.events;

import io.slotgate.api.http.Times;
import io.slotgate.api.events.SubscriptionDtos.SubscribeRequest;
import io.slotgate.api.events.SubscriptionDtos.SubscriptionView;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.events.SubscriptionService;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** What the three hub resources share: each only says which tenant and face a request is for. */
@ApplicationScoped
public class SubscriptionEndpoints {

  private final SubscriptionService hub;

  public SubscriptionEndpoints(SubscriptionService hub) {
    this.hub = hub;
  }

  public Uni<RestResponse<SubscriptionView>> subscribe(String tenant, Subscription.Face face, SubscribeRequest request) {
    return hub.subscribe(tenant, face, request.callback(), request.query(), request.timeoutSeconds())
        .map(s -> RestResponse.status(Status.CREATED, view(s, s.secret())));
  }

  public Uni<SubscriptionView> get(String tenant, Subscription.Face face, String id) {
    return hub.get(tenant, face, id(id)).map(SubscriptionEndpoints::view);
  }

  public Uni<RestResponse<Void>> delete(String tenant, Subscription.Face face, String id) {
    return hub.delete(tenant, face, id(id)).map(ignored -> RestResponse.noContent());
  }

  public Uni<SubscriptionView> resume(String tenant, Subscription.Face face, String id) {
    return hub.resume(tenant, face, id(id)).map(SubscriptionEndpoints::view);
  }

  public Uni<SubscriptionView> rotateSecret(String tenant, Subscription.Face face, String id) {
    return hub.rotateSecret(tenant, face, id(id)).map(s -> view(s, s.secret()));
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
