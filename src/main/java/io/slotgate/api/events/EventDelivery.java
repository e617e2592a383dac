package io.slotgate.api.events;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.events.EventRepository;
import io.slotgate.core.events.EventRepository.Claimed;
import io.slotgate.core.events.EventRepository.Event;
import io.slotgate.core.events.SubscriptionRepository;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Turns appointment events into signed webhooks, at least once and in order per appointment and subscription:
 * each round publishes new events as one delivery per subscriber ({@link EventPublisher}), then starts
 * the due deliveries it could claim, each on its own: a slow, silent or failing receiver holds only its own deliveries, each for at most its deadline.
 * A non-2xx, a time-out or a refused connection is retried with exponential backoff and jitter; a
 * subscription failing for longer than {@code slotgate.hub.retry-for} is parked until resumed.
 */
@ApplicationScoped
public class EventDelivery {

  private static final Logger LOG = Logger.getLogger(EventDelivery.class);
  /** Bounds one scheduled round: full batches are followed at once by the next, up to this many. */
  private static final int MAX_BATCHES = 50;

  private final EventRepository repository;
  private final SubscriptionRepository subscriptions;
  private final EventPublisher publisher;
  private final WebhookSender sender;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final SlotgateConfig.HubSettings settings;
  private final Vertx vertx;

  /** The deliveries this instance is sending now (their leases are renewed while they are here). */
  private final Set<Long> sending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean claiming = new AtomicBoolean();
  /** A send finished while a claim was running: claim again when it is done. */
  private final AtomicBoolean wanted = new AtomicBoolean();
  private volatile boolean stopping;
  private long heartbeat = -1;

  public EventDelivery(EventRepository repository, SubscriptionRepository subscriptions, EventPublisher publisher,
      WebhookSender sender, Clock clock, MeterRegistry metrics, SlotgateConfig config, Vertx vertx) {
    this.repository = repository;
    this.subscriptions = subscriptions;
    this.publisher = publisher;
    this.sender = sender;
    this.clock = clock;
    this.metrics = metrics;
    this.settings = config.hub();
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent started) {
    // The heartbeat: leases stay short, so a killed instance's deliveries go out again within one lease.
    heartbeat = vertx.setPeriodic(Math.max(100, settings.lease().toMillis() / 3), id -> renewLeases());
  }

  /**
   * Stops claiming, lets the sends in flight finish (each within its deadline) and gives back the
   * leases of any still open, so another instance takes them at once instead of after the lease.
   */
  void stop(@Observes ShutdownEvent stopped) {
    stopping = true;
    if (heartbeat != -1) {
      vertx.cancelTimer(heartbeat);
    }
    long until = System.nanoTime() + settings.timeout().toNanos();
    synchronized (sending) {
      while (!sending.isEmpty() && System.nanoTime() < until) {
        try {
          sending.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<Long> open = List.copyOf(sending);
    if (!open.isEmpty()) {
      try {
        repository.release(open).await().atMost(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        LOG.warnf("Could not give back %d delivery leases at shutdown; they lapse within %s", open.size(),
            settings.lease());
      }
    }
  }

  @Scheduled(every = "${slotgate.hub.every:1s}", concurrentExecution = SKIP, identity = "hub-delivery")
  Uni<Void> round() {
    // A backlog is worked off batch after batch instead of one batch per tick (measured: one batch per
    // 200 ms tick fell behind a hold load, p50 17 s from change to receipt). Sends are not waited for:
    // a round never waits on a receiver.
    return drain(publisher::publish, EventPublisher.BATCH, 0).chain(this::dispatch).replaceWithVoid()
        .onFailure(io.slotgate.core.SqlStates::databaseAway).recoverWithUni(failure -> {
          LOG.warnf("Delivery round skipped, the database is unavailable (%s); the next round tries again",
              failure.getMessage());
          return Uni.createFrom().voidItem();
        });
  }

  private Uni<Void> drain(Supplier<Uni<Integer>> batch, int full, int done) {
    return batch.get().chain(count -> count >= full && done + 1 < MAX_BATCHES
        ? drain(batch, full, done + 1) : Uni.createFrom().voidItem());
  }

  @Scheduled(every = "1h", concurrentExecution = SKIP, identity = "hub-retention")
  Uni<Void> retention() {
    return prune().invoke(pruned -> LOG.debugf("Pruned %d delivered events", pruned))
        .chain(() -> subscriptions.sealPlainSecrets(1000)).replaceWithVoid();
  }

  /** Publishes up to one batch of events; answers how many it read. */
  public Uni<Integer> publish() {
    return publisher.publish();
  }

  /**
   * Claims what this instance may send now and starts each send on its own; answers how many it claimed
   * without waiting for any answer.
   */
  public Uni<Integer> dispatch() {
    if (stopping) {
      return Uni.createFrom().item(0);
    }
    if (!claiming.compareAndSet(false, true)) {
      wanted.set(true);
      return Uni.createFrom().item(0);
    }
    wanted.set(false);
    return claim()
        .invoke(claimed -> claimed.forEach(delivery -> send(delivery).subscribe().with(
            ignored -> {}, failure -> LOG.warnf("Delivery %d: %s", delivery.id(), failure))))
        .map(List::size)
        .eventually(() -> {
          claiming.set(false);
          // A send finished meanwhile: its appointment's next event may have become due after this claim looked.
          if (wanted.get()) {
            more();
          }
        });
  }

  /** Claims what this instance may send now and sends it; answers how many, once every answer is recorded. */
  public Uni<Integer> deliver() {
    return claim().chain(claimed -> Multi.createFrom().iterable(claimed)
        .onItem().transformToUniAndMerge(this::send)
        .collect().asList()
        .replaceWith(claimed.size()));
  }

  private Uni<List<Claimed>> claim() {
    int free = settings.inFlight() - sending.size();
    if (free <= 0) {
      return Uni.createFrom().item(List.of());
    }
    Instant now = clock.instant();
    return repository.claim(free, settings.perSubscription(), now, now.plus(settings.lease()))
        .invoke(claimed -> {
          claimed.forEach(delivery -> sending.add(delivery.id()));
        });
  }

  public Uni<Long> prune() {
    return repository.prune(clock.instant().minus(settings.retention()));
  }

  private void renewLeases() {
    if (sending.isEmpty()) {
      return;
    }
    repository.renew(List.copyOf(sending), clock.instant().plus(settings.lease())).subscribe().with(
        ignored -> {}, failure -> LOG.warnf("Could not renew delivery leases: %s", failure.getMessage()));
  }

  /** Sends one delivery and records how it went; the lease is renewed meanwhile and dropped with the outcome. */
  private Uni<Void> send(Claimed delivery) {
    if (delivery.redelivery()) {
      // The previous claim's lease lapsed without an outcome: its instance died or stalled mid-send.
      metrics.counter("slotgate.events.redelivered").increment();
    }
    Duration deadline = delivery.timeoutMs() != null ? Duration.ofMillis(delivery.timeoutMs()) : settings.timeout();
    long t = clock.instant().getEpochSecond();
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Slotgate-Event-Id", delivery.eventId().toString(),
        "X-Slotgate-Signature", signature(delivery, t));
    return sender.post(delivery.callback(), delivery.body(), headers, deadline)
        .chain(attempt -> attempt.delivered() ? delivered(delivery) : failed(delivery, attempt, deadline))
        .eventually(() -> finished(delivery));
  }

  private void finished(Claimed delivery) {
    sending.remove(delivery.id());
    if (stopping) {
      synchronized (sending) {
        sending.notifyAll();
      }
    } else {
      // The next event of this appointment is due now (order is per appointment): claim without waiting for a round.
      more();
    }
  }

  /** Claims again now: a receiver's pace, not the round's, sets how fast its deliveries go. */
  private void more() {
    dispatch().subscribe().with(ignored -> {}, failure -> LOG.warnf("Claiming deliveries: %s", failure.getMessage()));
  }

  private Uni<Void> delivered(Claimed delivery) {
    Instant now = clock.instant();
    Timer.builder("slotgate.events.latency").description("From the change to the subscriber's 2xx").register(metrics)
        .record(Math.max(0, now.toEpochMilli() - delivery.createdAt().toEpochMilli()), TimeUnit.MILLISECONDS);
    metrics.counter("slotgate.events.delivered").increment();
    return repository.delivered(List.of(delivery), now);
  }

  private Uni<Void> failed(Claimed delivery, WebhookSender.Attempt attempt, Duration deadline) {
    Instant now = clock.instant();
    metrics.counter("slotgate.events.retried", "reason", attempt.timedOut() ? "timeout" : "failed").increment();
    Duration wait = backoff(delivery.attempts());
    if (attempt.timedOut() && wait.compareTo(deadline) < 0) {
      // A receiver that was too slow may still be working on it: give it at least its deadline before the
      // same event comes again (fewer needless duplicates).
      wait = deadline;
    }
    String error = attempt.describe();
    return repository.failed(delivery, error, now, now.plus(wait), now.minus(settings.retryFor()))
        .invoke(parked -> {
          if (parked) {
            metrics.counter("slotgate.events.parked").increment();
            LOG.warnf("Subscription %s parked: undelivered for more than %s (%s)", delivery.subscriptionId(),
                settings.retryFor(), error);
          }
        }).replaceWithVoid();
  }

  Duration backoff(int attempts) {
    return backoff(attempts, settings.maxBackoff(), ThreadLocalRandom.current().nextDouble());
  }

  /**
   * 1 s, 2 s, 4 s ... up to {@code max}, each ±20% so that failing subscribers are not hit in step; {@code random}
   * in [0, 1) picks the point in that band.
   */
  static Duration backoff(int attempts, Duration max, double random) {
    long seconds = Math.min(max.toSeconds(), 1L << Math.min(30, Math.max(0, attempts - 1)));
    return Duration.ofMillis((long) (seconds * 1000 * (0.8 + 0.4 * random)));
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
