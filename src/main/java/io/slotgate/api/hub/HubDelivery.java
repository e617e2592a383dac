package io.slotgate.api.hub;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.slotgate.api.Times;
import io.slotgate.api.booking.BookingMapper;
import io.slotgate.api.lifecycle.LifecycleMapper;
import io.slotgate.api.wholesale.WholesaleMapper;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.events.HubRepository;
import io.slotgate.core.events.HubRepository.Claimed;
import io.slotgate.core.events.HubRepository.Event;
import io.slotgate.core.events.HubRepository.NewDelivery;
import io.slotgate.core.events.Subscription;
import io.slotgate.core.wholesale.WholesaleService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Turns the outbox into signed webhooks, at least once and in order per appointment and subscription:
 * each round publishes new outbox rows as one delivery per subscriber (rendered in the subscriber's
 * face), then sends the due deliveries it could claim. A non-2xx, a time-out or a refused connection is
 * retried with exponential backoff and jitter; a subscription failing for longer than
 * {@code slotgate.hub.retry-for} is parked until resumed.
 */
@ApplicationScoped
public class HubDelivery {

  private static final Logger LOG = Logger.getLogger(HubDelivery.class);
  private static final int PUBLISH_BATCH = 200;

  private final HubRepository repository;
  private final AppointmentService appointments;
  private final WholesaleService wholesale;
  private final WholesaleMapper wholesaleMapper;
  private final BookingMapper bookingMapper;
  private final LifecycleMapper lifecycleMapper;
  private final ObjectMapper json;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final SlotgateConfig.HubSettings settings;
  private final WebClient web;

  public HubDelivery(HubRepository repository, AppointmentService appointments, WholesaleService wholesale,
      WholesaleMapper wholesaleMapper, BookingMapper bookingMapper, LifecycleMapper lifecycleMapper, ObjectMapper json,
      Clock clock, MeterRegistry metrics, SlotgateConfig config, Vertx vertx) {
    this.repository = repository;
    this.appointments = appointments;
    this.wholesale = wholesale;
    this.wholesaleMapper = wholesaleMapper;
    this.bookingMapper = bookingMapper;
    this.lifecycleMapper = lifecycleMapper;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
    this.settings = config.hub();
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(settings.inFlight())
        .setFollowRedirects(false));
  }

  @PreDestroy
  void close() {
    web.close();
  }

  /** Bounds one scheduled round: full batches are followed at once by the next, up to this many. */
  private static final int MAX_BATCHES = 50;

  @Scheduled(every = "${slotgate.hub.every:1s}", concurrentExecution = SKIP, identity = "hub-delivery")
  Uni<Void> round() {
    // A backlog is worked off batch after batch instead of one batch per tick (measured: one batch per
    // 200 ms tick fell behind a hold load, p50 17 s from change to receipt).
    return drain(this::publish, PUBLISH_BATCH, 0).chain(() -> drain(this::deliver, settings.inFlight(), 0));
  }

  private Uni<Void> drain(java.util.function.Supplier<Uni<Integer>> batch, int full, int done) {
    return batch.get().chain(count -> count >= full && done + 1 < MAX_BATCHES
        ? drain(batch, full, done + 1) : Uni.createFrom().voidItem());
  }

  @Scheduled(every = "1h", concurrentExecution = SKIP, identity = "hub-retention")
  Uni<Void> retention() {
    return prune().invoke(pruned -> LOG.debugf("Pruned %d delivered events", pruned))
        .chain(() -> repository.sealPlainSecrets(1000)).replaceWithVoid();
  }

  /** Publishes up to one batch of outbox rows; answers how many events it read. */
  public Uni<Integer> publish() {
    return repository.publish(PUBLISH_BATCH, clock.instant(), this::fanOut)
        .invoke(events -> metrics.counter("slotgate.events.written").increment(events));
  }

  /** Sends the deliveries this instance could claim now; answers how many were claimed. */
  public Uni<Integer> deliver() {
    Instant now = clock.instant();
    // The lease outlasts the longest answer a subscriber may take (30 s), so no other instance resends meanwhile.
    return repository.claim(settings.inFlight(), now, now.plus(Duration.ofSeconds(60)))
        .chain(claimed -> Multi.createFrom().iterable(claimed)
            .onItem().transformToUniAndMerge(this::send)
            .filter(java.util.Objects::nonNull)
            .collect().asList()
            .chain(this::delivered)
            .replaceWith(claimed.size()));
  }

  public Uni<Long> prune() {
    return repository.prune(clock.instant().minus(settings.retention()));
  }

  /** The batch's deliveries: listeners looked up once per pair of tenants, appointments read in one query. */
  private Uni<List<NewDelivery>> fanOut(List<Event> events) {
    java.util.Map<String, Uni<List<Subscription>>> listeners = new java.util.HashMap<>();
    List<UUID> ids = events.stream().map(Event::appointmentId).distinct().toList();
    return appointments.all(ids).chain(byId -> Multi.createFrom().iterable(events)
        .onItem().transformToUniAndConcatenate(event -> listeners.computeIfAbsent(
                event.tenant() + "\n" + event.channel() + "\n" + event.owner(),
                key -> repository.listeners(event.tenant(), event.channel(), event.owner()).memoize().indefinitely())
            .chain(found -> found.isEmpty() || !byId.containsKey(event.appointmentId())
                ? Uni.createFrom().item(List.<NewDelivery>of())
                : render(event, byId.get(event.appointmentId()), found)))
        .collect().asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList()));
  }

  private Uni<List<NewDelivery>> render(Event event, Appointment appointment, List<Subscription> listeners) {
    String type = type(event.action());
    return Multi.createFrom().iterable(listeners)
        .filter(s -> s.eventTypes().isEmpty() || s.eventTypes().contains(type))
        .onItem().transformToUniAndConcatenate(s -> view(s.face(), appointment).map(view -> {
          UUID eventId = UUID.nameUUIDFromBytes((event.id() + "/" + s.id()).getBytes(StandardCharsets.UTF_8));
          ObjectNode body = json.createObjectNode();
          body.put("eventId", eventId.toString());
          body.put("eventTime", Times.format(event.at()));
          body.put("eventType", type);
          ObjectNode rendered = json.valueToTree(view);
          // The representation as of this event: the appointment may have moved on since.
          rendered.put("status", event.status());
          body.putObject("event").set("appointment", rendered);
          return new NewDelivery(s.id(), appointment.id(), eventId, type, body.toString(), event.at());
        }))
        .collect().asList();
  }

  private Uni<Object> view(Subscription.Face face, Appointment appointment) {
    return switch (face) {
      case WHOLESALE -> wholesale.serviceName(appointment)
          .map(name -> (Object) wholesaleMapper.toView(appointment, name, true));
      case BOOKING -> Uni.createFrom().item(bookingMapper.toView(appointment));
      case OWNER -> Uni.createFrom().item(lifecycleMapper.toView(appointment));
    };
  }

  /** TMF646's event types, by what happened. */
  static String type(String action) {
    return switch (action) {
      case "hold", "invite" -> "AppointmentCreateEvent";
      case "reschedule", "update-customer" -> "AppointmentAttributeValueChangeEvent";
      default -> "AppointmentStateChangeEvent";
    };
  }

  /** Sends one delivery; answers it when the subscriber said 2xx, null when the attempt failed (recorded). */
  private Uni<Claimed> send(Claimed delivery) {
    long t = clock.instant().getEpochSecond();
    return web.postAbs(delivery.callback())
        .timeout(delivery.timeoutMs() != null ? delivery.timeoutMs() : settings.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Slotgate-Event-Id", delivery.eventId().toString())
        .putHeader("X-Slotgate-Signature", signature(delivery, t))
        .sendBuffer(Buffer.buffer(delivery.body()))
        .map(response -> response.statusCode() >= 200 && response.statusCode() < 300 ? null
            : "HTTP " + response.statusCode())
        .onFailure().recoverWithItem(failure -> failure.getClass().getSimpleName() + ": " + failure.getMessage())
        .chain(error -> error == null ? Uni.createFrom().item(delivery)
            : failed(delivery, error).replaceWith((Claimed) null));
  }

  /** Records the batch's 2xx answers in one statement. */
  private Uni<Void> delivered(List<Claimed> deliveries) {
    if (deliveries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = clock.instant();
    Timer latency = Timer.builder("slotgate.events.latency").description("From the change to the subscriber's 2xx")
        .register(metrics);
    for (Claimed delivery : deliveries) {
      latency.record(Math.max(0, now.toEpochMilli() - delivery.createdAt().toEpochMilli()), TimeUnit.MILLISECONDS);
    }
    metrics.counter("slotgate.events.delivered").increment(deliveries.size());
    return repository.delivered(deliveries, now);
  }

  private Uni<Void> failed(Claimed delivery, String error) {
    Instant now = clock.instant();
    metrics.counter("slotgate.events.retried").increment();
    Instant retryAt = now.plus(backoff(delivery.attempts()));
    return repository.failed(delivery, error.length() > 500 ? error.substring(0, 500) : error, now, retryAt,
            now.minus(settings.retryFor()))
        .invoke(parked -> {
          if (parked) {
            metrics.counter("slotgate.events.parked").increment();
            LOG.warnf("Subscription %s parked: undelivered for more than %s (%s)", delivery.subscriptionId(),
                settings.retryFor(), error);
          }
        }).replaceWithVoid();
  }

  /** 1 s, 2 s, 4 s ... up to {@code max-backoff}, each ±20% so that failing subscribers are not hit in step. */
  Duration backoff(int attempts) {
    long seconds = Math.min(settings.maxBackoff().toSeconds(), 1L << Math.min(30, Math.max(0, attempts - 1)));
    return Duration.ofMillis((long) (seconds * 1000 * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
  }

  /** {@code t=<unix>,v1=<hex>}, and a second {@code v1=} with the previous secret while a rotation overlaps. */
  static String signature(Claimed delivery, long t) {
    String payload = t + "." + delivery.body();
    return "t=" + t + ",v1=" + sign(delivery.secret(), payload)
        + (delivery.previousSecret() == null ? "" : ",v1=" + sign(delivery.previousSecret(), payload));
  }

  /** Hex HMAC-SHA256 of {@code payload} with the subscription's secret. */
  public static String sign(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
