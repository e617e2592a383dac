package io.slotgate.api.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.slotgate.api.events.EventPublisher.Loaded;
import io.slotgate.config.KafkaSettings;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.events.EventRepository;
import io.slotgate.core.events.EventRepository.Event;
import io.slotgate.core.events.EventStream;
import io.slotgate.core.events.EventStream.Message;
import io.slotgate.core.events.Subscription.Face;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Publishes every appointment event to the external event stream (Kafka) when it is enabled: its own cursor over
 * appointment_event, each event rendered in the booker's face (wholesale or booking) and in the owner's, the cursor
 * moved only once the stream acknowledged the batch (at least once, in order per appointment).
 */
@ApplicationScoped
public class EventStreamer {

  private static final Logger LOG = Logger.getLogger(EventStreamer.class);
  /** Bounds one round: full batches are followed at once by the next, up to this many, then the round yields. */
  private static final int MAX_BATCHES = 50;

  private final EventRepository repository;
  private final EventPublisher publisher;
  private final Instance<EventStream> streams;
  private final KafkaSettings settings;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final Vertx vertx;

  private volatile EventStream stream;
  private volatile boolean opened;
  private volatile boolean stopping;
  private volatile long timer = -1;
  /** The time of the oldest event read but not acknowledged yet; null when the stream has caught up. */
  private final AtomicReference<Instant> behindSince = new AtomicReference<>();
  /** When the current run of failed rounds began; null while rounds succeed. */
  private volatile Instant failingSince;

  public EventStreamer(EventRepository repository, EventPublisher publisher, Instance<EventStream> streams,
      SlotgateConfig config, Clock clock, MeterRegistry metrics, Vertx vertx) {
    this.repository = repository;
    this.publisher = publisher;
    this.streams = streams;
    this.settings = config.kafka();
    this.clock = clock;
    this.metrics = metrics;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent started) {
    if (!settings.enabled()) {
      // Off: the adapter is never looked up, so no Kafka class is loaded and nothing connects.
      return;
    }
    if (settings.bootstrapServers().filter(servers -> !servers.isBlank()).isEmpty()) {
      throw new IllegalStateException("slotgate.kafka.enabled=true needs slotgate.kafka.bootstrap-servers "
          + "(SLOTGATE_KAFKA_BOOTSTRAP_SERVERS=host:9092,...)");
    }
    stream = streams.get();
    Gauge.builder("slotgate.events.kafka.lag", this, EventStreamer::lagSeconds).baseUnit("seconds").register(metrics);
    LOG.infof("Publishing appointment events to Kafka (%s), topics %s{wholesale,booking,owner}",
        settings.bootstrapServers().get(), settings.topicPrefix());
    schedule(Duration.ZERO);
  }

  void stop(@Observes ShutdownEvent stopped) {
    stopping = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
  }

  /** Whether the stream is on (tests and the bench ask before waiting on it). */
  public boolean enabled() {
    return stream != null;
  }

  private void schedule(Duration delay) {
    if (stopping) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      // A duplicated context, safe for the renderers' Hibernate Reactive sessions, as the scheduler gives its jobs.
      Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
      VertxContextSafetyToggle.setContextSafe(context, true);
      context.runOnContext(ignored -> round().subscribe().with(
          more -> schedule(more ? Duration.ZERO : settings.every()),
          failure -> {
            failed(failure);
            schedule(settings.every());
          }));
    });
  }

  /** Publishes batch after batch until caught up or {@link #MAX_BATCHES}; answers whether more is waiting. */
  Uni<Boolean> round() {
    return (opened ? Uni.createFrom().voidItem() : repository.openStream().invoke(() -> opened = true))
        .chain(() -> drain(0))
        .invoke(this::recovered);
  }

  private Uni<Boolean> drain(int done) {
    return publish().chain(count -> count < settings.batchSize() ? Uni.createFrom().item(false)
        : done + 1 < MAX_BATCHES ? drain(done + 1) : Uni.createFrom().item(true));
  }

  /** Publishes up to one batch; answers how many events it read (0 while another instance publishes). */
  public Uni<Integer> publish() {
    return repository.stream(settings.batchSize(), this::send)
        .invoke(count -> {
          if (count < settings.batchSize()) {
            behindSince.set(null);
          }
        });
  }

  private Uni<Void> send(List<Event> events) {
    behindSince.compareAndSet(null, events.getFirst().at());
    return messages(events).chain(messages -> stream.send(messages)
        .invoke(() -> acknowledged(events, messages))
        .onFailure().invoke(failure -> metrics.counter("slotgate.events.kafka.failed", "reason", "send")
            .increment(messages.size())));
  }

  private void acknowledged(List<Event> events, List<Message> messages) {
    Instant now = clock.instant();
    for (Message message : messages) {
      metrics.counter("slotgate.events.kafka.published", "face", message.stream()).increment();
    }
    Timer latency = Timer.builder("slotgate.events.kafka.latency").register(metrics);
    events.forEach(event -> latency.record(Math.max(0, now.toEpochMilli() - event.at().toEpochMilli()),
        TimeUnit.MILLISECONDS));
    // The next batch (if any) sets it again from its own first event.
    behindSince.set(null);
  }

  /**
   * The batch's records: each event in the face of its booker (a back-office booking has none) and in the owner's,
   * in the batch's order. An event that cannot be rendered is left out, counted and logged (as the hub parks it);
   * a failure of the database fails the batch, to be read again.
   */
  private Uni<List<Message>> messages(List<Event> events) {
    List<UUID> ids = events.stream().map(Event::appointmentId).distinct().toList();
    return publisher.load(ids).chain(byId -> Multi.createFrom().iterable(events)
        // A hold forgotten after its supplier refused it has no appointment left: nothing to say about it.
        .filter(event -> byId.containsKey(event.appointmentId()))
        .onItem().transformToUniAndConcatenate(event -> messages(event, byId.get(event.appointmentId())))
        .collect().asList()
        .map(lists -> lists.stream().flatMap(List::stream).toList()));
  }

  private Uni<List<Message>> messages(Event event, Loaded loaded) {
    String type = EventPublisher.type(event.action());
    List<Face> faces = new ArrayList<>(2);
    if (Channel.WHOLESALE.name().equals(event.channel())) {
      faces.add(Face.WHOLESALE);
    } else if (Channel.BOOKING.name().equals(event.channel())) {
      faces.add(Face.BOOKING);
    }
    faces.add(Face.OWNER);
    return Multi.createFrom().iterable(faces)
        .onItem().transformToUniAndConcatenate(face -> message(event, loaded, face, type))
        .filter(Objects::nonNull)
        .collect().asList();
  }

  private Uni<Message> message(Event event, Loaded loaded, Face face, String type) {
    String name = face.name().toLowerCase(java.util.Locale.ROOT);
    // Stable per event and face: a record sent again carries the same eventId, for consumers to drop repeats.
    UUID eventId = UUID.nameUUIDFromBytes((event.id() + "/stream/" + name).getBytes(StandardCharsets.UTF_8));
    Uni<String> view = loaded.unrenderable() != null
        ? Uni.createFrom().failure(new EventPublisher.Unrenderable(loaded.unrenderable()))
        : publisher.view(face, loaded.appointment(), event);
    return view
        .map(rendered -> new Message(name, event.appointmentId().toString(),
            face == Face.OWNER ? event.owner() : event.tenant(), eventId.toString(), type,
            EventPublisher.body(eventId, event, type, rendered)))
        .onFailure(failure -> !EventPublisher.infrastructure(failure)).recoverWithItem(failure -> {
          metrics.counter("slotgate.events.kafka.failed", "reason", "unrendered").increment();
          LOG.warnf("Event %d not rendered for Kafka (%s), left out: %s", event.id(), name,
              EventPublisher.reason(failure));
          LOG.debug("Why", failure);
          return null;
        });
  }

  private void failed(Throwable failure) {
    if (failingSince == null) {
      failingSince = clock.instant();
      LOG.warnf("Kafka stream paused, its events are kept and sent when it can (%s)", EventPublisher.reason(failure));
    } else {
      LOG.debugf("Kafka stream still paused: %s", EventPublisher.reason(failure));
    }
  }

  private void recovered() {
    Instant since = failingSince;
    if (since != null) {
      failingSince = null;
      LOG.infof("Kafka stream resumed after %d s", Duration.between(since, clock.instant()).toSeconds());
    }
  }

  private double lagSeconds() {
    Instant since = behindSince.get();
    return since == null ? 0 : Math.max(0, clock.millis() - since.toEpochMilli()) / 1000.0;
  }
}
