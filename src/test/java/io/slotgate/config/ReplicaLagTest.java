package io.slotgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The replica's lag by WAL positions: the age of the newest primary position it has replayed. */
class ReplicaLagTest {

  static final long SECOND = 1_000_000_000L;

  @Test
  void aReplicaThatReplayedThePrimarysLastPositionLagsByThatPositionsAgeOnly() {
    ReplicaLag lag = new ReplicaLag(10 * SECOND);
    lag.primaryAt(0, 100);
    lag.primaryAt(SECOND, 100); // an idle primary: nothing new to replay, so nothing stale
    assertEquals(OptionalLong.of(0), lag.lagAt(SECOND, 100));
  }

  @Test
  void aReplicaBehindLagsByTheAgeOfTheNewestPositionItReached() {
    ReplicaLag lag = new ReplicaLag(10 * SECOND);
    lag.primaryAt(0, 100);
    lag.primaryAt(SECOND, 200);
    lag.primaryAt(2 * SECOND, 300);
    assertEquals(OptionalLong.of(3 * SECOND), lag.lagAt(4 * SECOND, 250), "has all of t=1s, not all of t=2s");
    assertEquals(OptionalLong.of(4 * SECOND), lag.lagAt(4 * SECOND, 100));
  }

  @Test
  void aReplicaBehindEveryKeptPositionHasNoKnownLag() {
    ReplicaLag lag = new ReplicaLag(2 * SECOND);
    assertEquals(OptionalLong.empty(), lag.lagAt(0, 100), "nothing noted yet");
    lag.primaryAt(0, 100);
    lag.primaryAt(SECOND, 200);
    lag.primaryAt(5 * SECOND, 300); // the notes older than 2 s are dropped
    assertEquals(OptionalLong.empty(), lag.lagAt(5 * SECOND, 200));
    assertEquals(OptionalLong.of(0), lag.lagAt(5 * SECOND, 300));
  }
}
