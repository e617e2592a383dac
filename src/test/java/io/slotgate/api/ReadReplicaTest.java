package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.slotgate.config.SearchPool;
import io.slotgate.testing.Await;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.ConfigProfile;
import io.slotgate.testing.Db;
import io.slotgate.testing.ReplicaResource;
import io.slotgate.testing.Requests;
import io.slotgate.testing.StandbyPostgres;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: availability searches from a real streaming replica (a pg_basebackup standby of the test PostgreSQL),
 * through HTTP with real tokens. A standby whose replay is paused still has the old state: a search answers it, the
 * hold that changed it was made on the primary and a second hold of the full slot is refused there; once the
 * replica lags past slotgate.read.max-lag searches read the primary, and the replica again once it caught up; with
 * the replica gone they are answered by the primary.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.ReplicaOn.class)
class ReadReplicaTest {

  static final Duration MAX_LAG = Duration.ofSeconds(8);

  /** A standby as the read replica; every other test reads the primary only. */
  public static class ReplicaOn extends ConfigProfile {
    public ReplicaOn() {
      // No shared search cache (slotgate.availability.cache-ttl): each search reads the database, so where it read shows.
      super(Map.of("slotgate.read.max-lag", MAX_LAG.toSeconds() + "s", "slotgate.read.check-every", "200ms",
          "slotgate.availability.cache-ttl", "0s"), ReplicaResource.class);
    }
  }

  @Inject SearchPool searches;
  @Inject MeterRegistry metrics;

  @Test
  void searchesReadTheReplicaWithinItsLagBoundAndHoldsAreDecidedOnThePrimary() throws Exception {
    StandbyPostgres standby = ReplicaResource.standby();
    BookingFixture bank = BookingFixture.create(false, Map.of());
    String day = LocalDate.now(ZoneId.of("Europe/Brussels")).plusDays(3).toString();
    Await.until(() -> standby.caughtUp() && searches.replicaInUse(), Duration.ofSeconds(30),
        "the replica has the fixture and searches read it");

    double onReplica = searches("replica");
    List<Map<String, Object>> slots = bank.timeslots(day, day, 3);
    assertEquals(8, slots.size(), "08:00-16:00 hourly, all three staff free");
    assertTrue(searches("replica") > onReplica, "the search's claims were read on the replica");
    Map<String, Object> first = slots.get(0);
    Map<String, Object> second = slots.get(1);

    // A hold on the primary reaches the replica's searches once replayed.
    hold(bank, second, 3, 201);
    Await.until(standby::caughtUp, Duration.ofSeconds(30), "the replica replayed the hold");
    assertFalse(starts(bank.timeslots(day, day, 1)).contains(second.get("startTime")), "replayed, the hold shows");

    standby.pauseReplay();
    try {
      hold(bank, first, 3, 201);
      assertEquals(3, Db.count("SELECT count(*) FROM slot_claim WHERE NOT released AND lower(during) = '"
          + first.get("startTime") + "' AND resource_id::text IN ('" + String.join("','", bank.staff) + "')"),
          "the hold took all three staff on the primary");
      onReplica = searches("replica");
      assertTrue(starts(bank.timeslots(day, day, 3)).contains(first.get("startTime")),
          "the search answered from the paused replica, which has not seen the hold (within " + MAX_LAG + ")");
      assertTrue(searches("replica") > onReplica, "and counted it as read on the replica");
      // The replica offers the slot; the primary decides, and it is full.
      hold(bank, first, 1, 409);

      Await.until(() -> !searches.replicaInUse(), MAX_LAG.multipliedBy(4), "the lag guard leaves the replica");
      assertTrue(metrics.get("slotgate.read.replica.lag").gauge().value() > MAX_LAG.toSeconds(), "lag past the bound");
      double onPrimary = searches("primary");
      assertFalse(starts(bank.timeslots(day, day, 1)).contains(first.get("startTime")),
          "past the lag bound the search reads the primary, which has the hold");
      assertTrue(searches("primary") > onPrimary);
      given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200)
          .body(containsString("slotgate_read_replica_used 0.0"), containsString("slotgate_read_replica_lag_seconds"));
    } finally {
      standby.resumeReplay();
    }

    Await.until(searches::replicaInUse, Duration.ofSeconds(30), "searches read the replica again once it caught up");
    onReplica = searches("replica");
    assertFalse(starts(bank.timeslots(day, day, 1)).contains(first.get("startTime")), "caught up, the hold shows");
    assertTrue(searches("replica") > onReplica);

    // A replica gone: searches are still answered, by the primary (one that fails on the replica is run there).
    standby.stop();
    assertFalse(starts(bank.timeslots(day, day, 1)).contains(first.get("startTime")), "answered, by the primary");
    Await.until(() -> !searches.replicaInUse(), Duration.ofSeconds(10), "the replica is unused once gone");
    double onPrimary = searches("primary");
    bank.timeslots(day, day, 1);
    assertTrue(searches("primary") > onPrimary);
  }

  private static void hold(BookingFixture bank, Map<String, Object> slot, int count, int status) {
    bank.request().contentType(ContentType.JSON).body(bank.reservation(slot, count, null))
        .post("/external/v1/reservations").then().statusCode(status);
  }

  private static List<Object> starts(List<Map<String, Object>> slots) {
    return slots.stream().map(slot -> slot.get("startTime")).toList();
  }

  private double searches(String source) {
    return metrics.counter("slotgate.read.searches", "source", source).count();
  }
}
