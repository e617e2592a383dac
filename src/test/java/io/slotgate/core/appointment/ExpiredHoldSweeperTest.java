package io.slotgate.core.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.slotgate.testing.Concurrently;
import io.slotgate.testing.Db;
import io.slotgate.testing.MutableClock;
import io.slotgate.testing.WholesaleFixture;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
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
    WholesaleFixture supplier = holdsOnOneSlot("T-SWEEP", holds);
    assertEquals(0, Db.count("SELECT count(*) FROM appointment WHERE supplier_id = '" + supplier.supplierId
        + "' AND status = 'EXPIRED'"));
    double before = metrics.counter("slotgate.holds.expired").count();
    clock.advance(Duration.ofMinutes(2));

    long expired = 0;
    while (true) {
      long round = 0;
      for (long count : Concurrently.all(3, i -> appointments.expireLapsedHolds(7).await().indefinitely())) {
        assertTrue(count <= 7, "a sweep never takes more than its batch: " + count);
        round += count;
      }
      if (round == 0) {
        break;
      }
      expired += round;
    }
    assertEquals(holds, Db.count("SELECT count(*) FROM appointment_event h JOIN appointment a ON a.id = h.appointment_id"
        + " WHERE a.supplier_id = '" + supplier.supplierId + "' AND h.action = 'expire'"));
    assertAllExpired(supplier, holds, expired, before);
  }

  @Test
  void oneScheduledSweepClearsABacklogWithBatchesSideBySide() {
    int holds = 12;
    WholesaleFixture supplier = holdsOnOneSlot("T-SWEEP2", holds);
    clock.advance(Duration.ofMinutes(2));
    double before = metrics.counter("slotgate.holds.expired").count();

    long expired = sweeper.drainAll(5).await().indefinitely();

    assertAllExpired(supplier, holds, expired, before);
  }

  /** {@code holds} holds of {@code tenant} on one slot of a supplier with as many crews, each lapsing after 60 s. */
  private static WholesaleFixture holdsOnOneSlot(String tenant, int holds) {
    WholesaleFixture supplier = WholesaleFixture.create(holds, 60, false, tenant);
    Map<String, Object> slot = supplier.available(tenant).getFirst();
    long base = ThreadLocalRandom.current().nextLong(1L << 43, 1L << 44);
    for (int i = 0; i < holds; i++) {
      supplier.hold(tenant, base + i, slot).then().statusCode(201);
    }
    return supplier;
  }

  /**
   * Each of the supplier's {@code holds} holds expired with its claims released, and the sweeps reported and counted
   * {@code expired} (the metric stood at {@code before}): what both ways of sweeping must leave.
   */
  private void assertAllExpired(WholesaleFixture supplier, int holds, long expired, double before) {
    String mine = "supplier_id = '" + supplier.supplierId + "'";
    assertEquals(holds, Db.count("SELECT count(*) FROM appointment WHERE " + mine + " AND status = 'EXPIRED'"));
    assertEquals(0, Db.count("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id"
        + " WHERE a." + mine + " AND NOT c.released"));
    // Holds other test classes left lapsing are swept too, so the total is at least ours.
    assertTrue(expired >= holds, "every lapsed hold was reported: " + expired);
    assertEquals(expired, metrics.counter("slotgate.holds.expired").count() - before, 0.0001);
  }
}
