package io.slotgate.core.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.slotgate.testing.Db;
import io.slotgate.testing.MutableClock;
import io.slotgate.testing.WholesaleFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweeper over the real repository: bounded batches, several sweepers at once, counted. */
@QuarkusTest
class ExpiredHoldSweeperTest {

  @Inject AppointmentService appointments;
  @Inject MutableClock clock;
  @Inject MeterRegistry metrics;
  @Inject ExpiredHoldSweeper sweeper;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void severalSweepersAtOnceExpireEachLapsedHoldExactlyOnceInBoundedBatches() throws Exception {
    int holds = 30;
    WholesaleFixture supplier = WholesaleFixture.create(holds, 60, false, "T-SWEEP");
    Map<String, Object> slot = supplier.available("T-SWEEP").getFirst();
    long base = ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
    for (int i = 0; i < holds; i++) {
      supplier.hold("T-SWEEP", base + i, slot).then().statusCode(201);
    }
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE supplier_id = '" + supplier.supplierId
        + "' AND status = 'EXPIRED'"));
    double before = metrics.counter("slotgate.holds.expired").count();
    clock.advance(Duration.ofMinutes(2));

    long expired = 0;
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      while (true) {
        List<Callable<Long>> sweeps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          sweeps.add(() -> appointments.expireLapsedHolds(7).await().indefinitely());
        }
        long round = 0;
        for (Future<Long> sweep : pool.invokeAll(sweeps)) {
          long count = sweep.get();
          assertTrue(count <= 7, "a sweep never takes more than its batch: " + count);
          round += count;
        }
        if (round == 0) {
          break;
        }
        expired += round;
      }
    } finally {
      pool.shutdownNow();
    }
    String mine = "supplier_id = '" + supplier.supplierId + "'";
    assertEquals(holds, Db.count("SELECT count(*) FROM appointment WHERE " + mine + " AND status = 'EXPIRED'"));
    assertEquals(holds, Db.count("SELECT count(*) FROM appointment_event h JOIN appointment a ON a.id = h.appointment_id"
        + " WHERE a." + mine + " AND h.action = 'expire'"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id"
        + " WHERE a." + mine + " AND NOT c.released"));
    // Holds other test classes left lapsing are swept too, so the total is at least ours.
    assertTrue(expired >= holds, "every lapsed hold was reported: " + expired);
    assertEquals(expired, metrics.counter("slotgate.holds.expired").count() - before, 0.0001);
  }

  @Test
  void oneScheduledSweepClearsABacklogWithBatchesSideBySide() {
    int holds = 12;
    WholesaleFixture supplier = WholesaleFixture.create(holds, 60, false, "T-SWEEP2");
    Map<String, Object> slot = supplier.available("T-SWEEP2").getFirst();
    long base = ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
    for (int i = 0; i < holds; i++) {
      supplier.hold("T-SWEEP2", base + i, slot).then().statusCode(201);
    }
    clock.advance(Duration.ofMinutes(2));
    double before = metrics.counter("slotgate.holds.expired").count();

    long expired = sweeper.drainAll(5).await().indefinitely();

    String mine = "supplier_id = '" + supplier.supplierId + "'";
    assertEquals(holds, Db.count("SELECT count(*) FROM appointment WHERE " + mine + " AND status = 'EXPIRED'"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id"
        + " WHERE a." + mine + " AND NOT c.released"));
    assertTrue(expired >= holds, "every lapsed hold was reported: " + expired);
    assertEquals(expired, metrics.counter("slotgate.holds.expired").count() - before, 0.0001);
  }
}
