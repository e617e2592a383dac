package io.slotgate.core.events;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Subscribing to events, TMF646 hub style: create (with a secret to verify signatures), read, delete, resume. */
@ApplicationScoped
public class SubscriptionService {

  /** The event types a subscription may ask for ({@code query=eventType=...}). */
  public static final List<String> EVENT_TYPES = List.of("AppointmentCreateEvent", "AppointmentStateChangeEvent",
      "AppointmentAttributeValueChangeEvent");

  /** Made at run time with the bean: a native image refuses a SecureRandom seeded at build time. */
  private final SecureRandom random = new SecureRandom();

  private final SubscriptionRepository repository;
  private final Clock clock;
  private final boolean allowPrivate;
  private final SlotgateConfig.HubSettings settings;

  public SubscriptionService(SubscriptionRepository repository, Clock clock, SlotgateConfig config) {
    this.repository = repository;
    this.clock = clock;
    this.allowPrivate = config.hub().allowPrivateCallbacks();
    this.settings = config.hub();
  }

  public Uni<Subscription> subscribe(String tenant, Subscription.Face face, String callback, String query,
      Integer timeoutSeconds) {
    List<String> types = eventTypes(query);
    URI uri = callback(callback);
    Subscription subscription = new Subscription(UUID.randomUUID(), tenant, face, callback, query, types, newSecret(),
        timeoutSeconds, clock.instant(), null, null, null, 0);
    return checkAddress(uri).chain(() -> repository.insert(subscription, settings.maxSubscriptions()))
        .map(stored -> {
          if (!stored) {
            throw DomainFailure.conflict("A tenant has at most " + settings.maxSubscriptions() + " subscriptions on "
                + "this face; delete one first");
          }
          return subscription;
        });
  }

  /**
   * A new secret for the subscription, answered once; deliveries are signed with both secrets for
   * {@code slotgate.hub.secret-overlap} so that receivers can switch without losing an event.
   */
  public Uni<Subscription> rotateSecret(String tenant, Subscription.Face face, UUID id) {
    String secret = newSecret();
    return repository.rotate(tenant, face, id, secret, clock.instant().plus(settings.secretOverlap()))
        .chain(found -> {
          if (!found) {
            throw DomainFailure.notFound("Subscription " + id);
          }
          return get(tenant, face, id);
        })
        .map(s -> new Subscription(s.id(), s.tenant(), s.face(), s.callback(), s.query(), s.eventTypes(), secret,
            s.timeoutSeconds(), s.createdAt(), s.failingSince(), s.lastError(), s.parkedAt(), s.pending()));
  }

  private String newSecret() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }

  public Uni<Subscription> get(String tenant, Subscription.Face face, UUID id) {
    return repository.find(tenant, face, id)
        .map(found -> found.orElseThrow(() -> DomainFailure.notFound("Subscription " + id)));
  }

  public Uni<Void> delete(String tenant, Subscription.Face face, UUID id) {
    return repository.delete(tenant, face, id, clock.instant()).invoke(deleted -> {
      if (!deleted) {
        throw DomainFailure.notFound("Subscription " + id);
      }
    }).replaceWithVoid();
  }

  public Uni<Subscription> resume(String tenant, Subscription.Face face, UUID id) {
    return repository.resume(tenant, face, id, clock.instant()).chain(found -> {
      if (!found) {
        throw DomainFailure.notFound("Subscription " + id);
      }
      return get(tenant, face, id);
    });
  }

  /** {@code eventType=A} or {@code eventType=A,B}; empty or null means every event. */
  static List<String> eventTypes(String query) {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    if (!query.startsWith("eventType=")) {
      throw DomainFailure.invalid("Field 'query' must be eventType=<type>[,<type>] with types " + EVENT_TYPES
          + ", not '" + query + "'");
    }
    List<String> types = Arrays.stream(query.substring("eventType=".length()).split(",")).map(String::trim).toList();
    for (String type : types) {
      if (!EVENT_TYPES.contains(type)) {
        throw DomainFailure.invalid("Field 'query': unknown event type '" + type + "'; accepted: " + EVENT_TYPES);
      }
    }
    return types;
  }

  private static URI callback(String callback) {
    try {
      URI uri = URI.create(callback);
      if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase())
          || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw DomainFailure.invalid("Field 'callback' must be an absolute http(s) URL without user info or "
          + "fragment, such as https://isp.example/slotgate/events");
    }
  }

  /**
   * Refuses callbacks that resolve to this host, a private network or another special-purpose range
   * (SSRF; in dev and test private ones are allowed), and cloud metadata always: the same check as every
   * delivery makes. Name resolution blocks, so it runs off the event loop.
   */
  private Uni<Void> checkAddress(URI uri) {
    return Uni.createFrom().item(() -> {
      try {
        CallbackAddresses.resolve(uri.getHost(), allowPrivate);
        return null;
      } catch (CallbackAddresses.Refused e) {
        throw DomainFailure.invalid("Field 'callback' resolves to a loopback, private, link-local, cloud metadata "
            + "or other special-purpose address, which slotgate does not call");
      } catch (UnknownHostException e) {
        if (allowPrivate) {
          return null; // dev and test: a receiver that is not up yet; every delivery checks again
        }
        throw DomainFailure.invalid("Field 'callback': host '" + uri.getHost() + "' cannot be resolved");
      }
    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
  }
}
