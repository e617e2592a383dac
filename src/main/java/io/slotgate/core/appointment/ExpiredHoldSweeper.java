package io.slotgate.core.appointment;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import io.quarkus.scheduler.Scheduled;
import io.slotgate.config.SlotgateConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
    long start = System.nanoTime();
    return drain(0, 0)
        .invoke(expired -> {
          long nanos = System.nanoTime() - start;
          duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
          if (expired > 0) {
            LOG.infof("Expired %d lapsed holds in %d ms", expired, nanos / 1_000_000);
          }
        })
        .replaceWithVoid();
  }

  /** Batch after batch while they come back full, so a backlog clears in one sweep; each batch commits alone. */
  Uni<Long> drain(int batches, long total) {
    int batchSize = config.sweep().batchSize();
    return appointments.expireLapsedHolds(batchSize)
        .chain(expired -> expired == batchSize && batches + 1 < config.sweep().maxBatches()
            ? drain(batches + 1, total + expired)
            : Uni.createFrom().item(total + expired));
  }
}
