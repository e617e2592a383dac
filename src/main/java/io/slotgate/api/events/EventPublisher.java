package io.slotgate.api.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.slotgate.api.http.Times;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.EventRepository;
import io.slotgate.core.events.EventRepository.Event;
import io.slotgate.core.events.EventRepository.NewDelivery;
import io.slotgate.core.events.SubscriptionRepository;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes appointment events as deliveries: one per subscriber of the event's appointment, its body rendered by the
 * subscriber's face through its {@link EventRenderer}. An event that cannot be rendered is parked with its
 * reason; a failure of our own infrastructure leaves the batch for the next round.
 */
@ApplicationScoped
public class EventPublisher {

  // Logs under the delivery's category, as before the publisher was split from it (log settings name it).
  private static final Logger LOG = Logger.getLogger(EventDelivery.class);
  /** Events read per batch. */
  static final int BATCH = 200;

  private final EventRepository repository;
  private final SubscriptionRepository subscriptions;
  private final AppointmentService appointments;
  private final Map<Subscription.Face, EventRenderer> renderers = new EnumMap<>(Subscription.Face.class);
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry metrics;

  public EventPublisher(EventRepository repository, SubscriptionRepository subscriptions, AppointmentService appointments,
      Instance<EventRenderer> renderers, ObjectMapper json, Clock clock, MeterRegistry metrics) {
    this.repository = repository;
    this.subscriptions = subscriptions;
    this.appointments = appointments;
    renderers.forEach(renderer -> this.renderers.put(renderer.face(), renderer));
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Publishes up to one batch of events; answers how many it read. */
  public Uni<Integer> publish() {
    return repository.publish(BATCH, clock.instant(), this::fanOut)
        .invoke(events -> metrics.counter("slotgate.events.written").increment(events));
  }

  /** The batch's deliveries: listeners looked up once per pair of tenants, appointments read in one query. */
  private Uni<List<NewDelivery>> fanOut(List<Event> events) {
    Map<String, Uni<List<Subscription>>> listeners = new HashMap<>();
    List<UUID> ids = events.stream().map(Event::appointmentId).distinct().toList();
    return load(ids).chain(byId -> Multi.createFrom().iterable(events)
        .onItem().transformToUniAndConcatenate(event -> listeners.computeIfAbsent(
                event.tenant() + "\n" + event.channel() + "\n" + event.owner(),
                key -> subscriptions.listeners(event.tenant(), event.channel(), event.owner()).memoize().indefinitely())
            .chain(found -> found.isEmpty() || !byId.containsKey(event.appointmentId())
                ? Uni.createFrom().item(List.<NewDelivery>of())
                : render(event, byId.get(event.appointmentId()), found)))
        .collect().asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList()));
  }

  /** An appointment as read for its events, or why it could not be read. */
  record Loaded(Appointment appointment, String unrenderable) {}

  /**
   * The batch's appointments in one query; when that fails because of what is stored (not because the
   * database is away), one by one, so that only the unreadable ones are parked.
   */
  Uni<Map<UUID, Loaded>> load(List<UUID> ids) {
    return appointments.all(ids)
        .map(found -> {
          Map<UUID, Loaded> loaded = new HashMap<>();
          found.forEach((id, appointment) -> loaded.put(id, new Loaded(appointment, null)));
          return loaded;
        })
        .onFailure(failure -> !infrastructure(failure)).recoverWithUni(() -> Multi.createFrom().iterable(ids)
            .onItem().transformToUniAndConcatenate(id -> appointments.all(List.of(id))
                .map(found -> found.containsKey(id) ? new Loaded(found.get(id), null) : null)
                .onFailure(failure -> !infrastructure(failure)).recoverWithItem(failure -> new Loaded(null, reason(failure)))
                .map(loaded -> loaded == null ? Map.<UUID, Loaded>of() : Map.of(id, loaded)))
            .collect().in(HashMap::new, Map::putAll));
  }

  private Uni<List<NewDelivery>> render(Event event, Loaded loaded, List<Subscription> listeners) {
    String type = type(event.action());
    // One rendering per face, shared by that face's subscribers.
    Map<Subscription.Face, Uni<String>> views = new EnumMap<>(Subscription.Face.class);
    return Multi.createFrom().iterable(listeners)
        .filter(s -> s.eventTypes().isEmpty() || s.eventTypes().contains(type))
        .onItem().transformToUniAndConcatenate(s -> {
          UUID eventId = UUID.nameUUIDFromBytes((event.id() + "/" + s.id()).getBytes(StandardCharsets.UTF_8));
          Uni<String> view = loaded.unrenderable() != null ? Uni.createFrom().failure(new Unrenderable(loaded.unrenderable()))
              : views.computeIfAbsent(s.face(), face -> view(face, loaded.appointment(), event).memoize().indefinitely());
          return view
              .map(rendered -> body(eventId, event, type, rendered))
              .map(body -> new NewDelivery(s.id(), event.appointmentId(), eventId, type, body, event.at(), null))
              // An event that cannot be rendered is parked with its reason; the batch goes on.
              .onFailure(failure -> !infrastructure(failure)).recoverWithItem(failure -> {
                String reason = failure instanceof Unrenderable u ? u.getMessage() : reason(failure);
                metrics.counter("slotgate.events.unrendered").increment();
                LOG.warnf(failure, "Event %s (event %d) not rendered for subscription %s: %s", eventId, event.id(),
                    s.id(), reason);
                return new NewDelivery(s.id(), event.appointmentId(), eventId, type, "", event.at(), reason);
              });
        })
        .collect().asList();
  }

  /** The appointment in the face's representation, with its status as of this event. */
  Uni<String> view(Subscription.Face face, Appointment appointment, Event event) {
    EventRenderer renderer = renderers.get(face);
    if (renderer == null) {
      return Uni.createFrom().failure(new Unrenderable("no renderer for face " + face));
    }
    return Uni.createFrom().deferred(() -> renderer.render(appointment)).map(view -> {
      ObjectNode rendered = json.valueToTree(view);
      // The representation as of this event: the appointment may have moved on since.
      rendered.put("status", event.status());
      return rendered.toString();
    });
  }

  static String body(UUID eventId, Event event, String type, String appointment) {
    return "{\"eventId\":\"" + eventId + "\",\"eventTime\":\"" + Times.format(event.at()) + "\",\"eventType\":\""
        + type + "\",\"event\":{\"appointment\":" + appointment + "}}";
  }

  /** TMF646's event types, by what happened. */
  static String type(String action) {
    return switch (action) {
      case "hold", "invite" -> "AppointmentCreateEvent";
      case "reschedule", "update-customer" -> "AppointmentAttributeValueChangeEvent";
      default -> "AppointmentStateChangeEvent";
    };
  }

  /**
   * Whether a failure is our infrastructure's (the database away or slow), not the event's: then the
   * batch is tried again next round instead of parking its events.
   */
  static boolean infrastructure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof io.vertx.sqlclient.DatabaseException || cause instanceof io.vertx.sqlclient.ClosedConnectionException
          || cause instanceof io.vertx.sqlclient.TransactionRollbackException || cause instanceof TimeoutException
          || cause instanceof java.net.SocketException || cause instanceof io.vertx.core.impl.NoStackTraceThrowable
          || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
    }
    return false;
  }

  /** Why an event could not be rendered, in a line: the outer message and the innermost one. */
  static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String outer = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    String inner = root == failure || root.getMessage() == null ? "" : ": " + root.getMessage();
    String line = (outer + inner).lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) : line;
  }

  /** An event that cannot be rendered, for a reason already put in words. */
  static final class Unrenderable extends RuntimeException {
    Unrenderable(String reason) {
      super(reason, null, false, false);
    }
  }
}
