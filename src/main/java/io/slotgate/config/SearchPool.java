package io.slotgate.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where availability searches read: the replica ({@code slotgate.read.url}) while its measured lag is within
 * {@code slotgate.read.max-lag}, else the primary. Only reads whose answer is a snapshot come here (the claims a
 * search reads); holds, moves and every read that decides capacity use the primary's pool directly.
 */
@Singleton
public class SearchPool {

  private static final Logger LOG = Logger.getLogger(SearchPool.class);
  private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint AS lsn";
  private static final String REPLICA_POSITION =
      "SELECT pg_is_in_recovery() AS standby, (pg_last_wal_replay_lsn() - '0/0')::bigint AS replayed";

  private final Pool primary;
  private final ReadSettings settings;
  private final Vertx vertx;
  private final MeterRegistry metrics;
  private final Optional<String> primaryUser;
  private final Optional<String> primaryPassword;
  private final Counter fromReplica;
  private final Counter fromPrimary;
  private final Counter afterFailure;
  private final AtomicBoolean checking = new AtomicBoolean();
  private Pool replica;
  private ReplicaLag lag;
  private long timer = -1;
  /** Whether searches go to the replica: set by each lag check, cleared by a search that failed there. */
  private volatile boolean usable;
  private volatile double lagSeconds = Double.NaN;

  public SearchPool(Pool primary, SlotgateConfig config, Vertx vertx, MeterRegistry metrics,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> primaryUser,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> primaryPassword) {
    this.primary = primary;
    this.settings = config.read();
    this.vertx = vertx;
    this.metrics = metrics;
    this.primaryUser = primaryUser;
    this.primaryPassword = primaryPassword;
    this.fromReplica = metrics.counter("slotgate.read.searches", "source", "replica");
    this.fromPrimary = metrics.counter("slotgate.read.searches", "source", "primary");
    this.afterFailure = metrics.counter("slotgate.read.searches", "source", "primary_after_replica_failure");
  }

  void start(@Observes StartupEvent started) {
    Optional<String> url = settings.url().filter(u -> !u.isBlank());
    if (url.isEmpty()) {
      return;
    }
    PgConnectOptions options = PgConnectOptions.fromUri(url.get()).setCachePreparedStatements(true);
    settings.username().or(() -> primaryUser).ifPresent(options::setUser);
    settings.password().or(() -> primaryPassword).ifPresent(options::setPassword);
    // The same defences as the primary's pool (LeasingPool): a replica restarting is logged, not printed.
    @SuppressWarnings("deprecation") // PgPool: LeasingPool wraps the type Quarkus 3 gives the pool bean
    PgPool pool = new LeasingPool(PgPool.pool(vertx, options, new PoolOptions().setMaxSize(settings.maxSize())));
    replica = Pool.newInstance(pool);
    lag = new ReplicaLag(settings.maxLag().plus(settings.checkEvery().multipliedBy(2)).toNanos());
    Gauge.builder("slotgate.read.replica.lag", this, p -> p.lagSeconds).baseUnit("seconds").register(metrics);
    Gauge.builder("slotgate.read.replica.used", this, p -> p.usable ? 1 : 0).register(metrics);
    LOG.infof("Availability searches read the replica at %s:%d while it lags at most %s", options.getHost(),
        options.getPort(), settings.maxLag());
    timer = vertx.setPeriodic(1, settings.checkEvery().toMillis(), id -> check());
  }

  void stop(@Observes ShutdownEvent stopped) {
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    if (replica != null) {
      replica.closeAndForget();
    }
  }

  /** Whether searches read the replica now (a replica is configured, reachable and within the lag bound). */
  public boolean replicaInUse() {
    return usable;
  }

  /**
   * Runs a search's read on the replica when it is in use, else on the primary. A read that fails on the replica
   * (gone, stalled past {@code slotgate.read.timeout}, or cancelled by a conflict with recovery, SQLSTATE 40001) is
   * run once more on the primary, and the replica is unused until the next check finds it well: the read is a
   * plain SELECT, so running it twice changes nothing.
   */
  public <T> Uni<T> search(Function<SqlClient, Uni<T>> read) {
    if (!usable) {
      fromPrimary.increment();
      return read.apply(primary);
    }
    return Uni.createFrom().deferred(() -> read.apply(replica))
        .ifNoItem().after(settings.timeout()).fail()
        .invoke(() -> fromReplica.increment())
        .onFailure(SearchPool::replicaTrouble).recoverWithUni(failure -> {
          unused("a search failed on it: " + failure);
          afterFailure.increment();
          return read.apply(primary);
        });
  }

  /** Failures of the replica or the way to it; anything else (a bug in the read) would fail on the primary too. */
  private static boolean replicaTrouble(Throwable failure) {
    return failure instanceof PgException || failure instanceof VertxException || failure instanceof IOException
        || failure instanceof TimeoutException;
  }

  /** One lag check: the primary's position first, then the replica's (a check still running skips this tick). */
  private void check() {
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    long asked = System.nanoTime();
    primary.query(PRIMARY_POSITION).execute()
        .invoke(rows -> lag.primaryAt(asked, rows.iterator().next().getLong("lsn")))
        .chain(() -> replica.query(REPLICA_POSITION).execute())
        .map(rows -> rows.iterator().next())
        .ifNoItem().after(settings.timeout()).fail()
        .onTermination().invoke(() -> checking.set(false))
        .subscribe().with(this::measured, failure -> {
          lagSeconds = Double.NaN;
          unused("its lag check failed: " + failure);
        });
  }

  private void measured(Row replicaState) {
    Long replayed = replicaState.getLong("replayed");
    if (!Boolean.TRUE.equals(replicaState.getBoolean("standby")) || replayed == null) {
      // Promoted, or the URL names a primary: its data may part from ours, so it answers nothing.
      lagSeconds = Double.NaN;
      unused("it is not a standby in recovery");
      return;
    }
    OptionalLong nanos = lag.lagAt(System.nanoTime(), replayed);
    lagSeconds = nanos.isPresent() ? nanos.getAsLong() / 1e9 : Double.NaN;
    if (nanos.isEmpty() || nanos.getAsLong() > settings.maxLag().toNanos()) {
      unused(nanos.isEmpty() ? "its lag is unknown or past what is kept" : "it lags " + lagSeconds + " s");
    } else if (!usable) {
      usable = true;
      LOG.infof("Availability searches read the replica again (lag %.3f s)", lagSeconds);
    }
  }

  private void unused(String why) {
    if (usable) {
      LOG.warnf("Availability searches read the primary: the replica is unused, %s", why);
    }
    usable = false;
  }
}
