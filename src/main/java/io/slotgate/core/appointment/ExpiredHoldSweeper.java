package io.slotgate.core.appointment;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import io.quarkus.scheduler.Scheduled;
import io.slotgate.config.SlotgateConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/** Tidies lapsed holds in the background; correctness never waits for it (the hold path expires what it meets). */
@ApplicationScoped
public class ExpiredHoldSweeper {

  private static final Logger LOG = Logger.getLogger(ExpiredHoldSweeper.class);

  private final AppointmentService appointments;
  private final SlotgateConfig config;
  private final io.micrometer.core.instrument.Timer duration;

  public ExpiredHoldSweeper(AppointmentService appointments, SlotgateConfig config,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.appointments = appointments;
    this.config = config;
    this.duration = io.micrometer.core.instrument.Timer.builder("slotgate.sweep.duration")
        .description("Time one sweep took, all its batches").register(metrics);
  }

  @Scheduled(every = "${slotgate.sweep.every}", concurrentExecution = SKIP, identity = "expired-hold-sweeper")
  Uni<Void> sweep() {
    return drainAll(config.sweep().batchSize()).replaceWithVoid()
        .onFailure(io.slotgate.core.SqlStates::databaseAway).recoverWithUni(failure -> {
          LOG.warnf("Sweep skipped, the database is unavailable (%s); the next tick tries again", failure.getMessage());
          return Uni.createFrom().voidItem();
        });
  }

  /** One sweep: {@code parallelism} drains side by side; answers how many holds they expired. */
  Uni<Long> drainAll(int batchSize) {
    long start = System.nanoTime();
    List<Uni<Long>> drains = IntStream.range(0, Math.max(1, config.sweep().parallelism()))
        .mapToObj(i -> drain(batchSize, 0, 0)).toList();
    return Uni.combine().all().unis(drains).with(Long.class, counts -> counts.stream().mapToLong(Long::longValue).sum())
        .invoke(expired -> {
          long nanos = System.nanoTime() - start;
          duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
          if (expired > 0) {
            LOG.infof("Expired %d lapsed holds in %d ms", expired, nanos / 1_000_000);
          }
        });
  }

  /**
   * Batch after batch while they come back full, so a backlog clears in one sweep; each batch commits alone.
   * A sweep runs {@code parallelism} of these side by side; {@code maxBatches} bounds each.
   */
  private Uni<Long> drain(int batchSize, int batches, long total) {
    return appointments.expireLapsedHolds(batchSize)
        .chain(expired -> expired == batchSize && batches + 1 < config.sweep().maxBatches()
            ? drain(batchSize, batches + 1, total + expired)
            : Uni.createFrom().item(total + expired));
  }
}
