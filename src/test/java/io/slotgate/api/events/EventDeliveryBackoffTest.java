package io.slotgate.api.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A failed webhook's wait before its next try: doubling from 1 s, capped, and spread ±20% so retries do not align. */
class EventDeliveryBackoffTest {

  private static final Duration MAX = Duration.ofMinutes(10);

  @Test
  void theWaitDoublesFromOneSecondPerAttempt() {
    long[] seconds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};
    for (int attempt = 1; attempt <= seconds.length; attempt++) {
      assertEquals(Duration.ofSeconds(seconds[attempt - 1]), middle(attempt, MAX), "attempt " + attempt);
    }
  }

  @Test
  void theWaitStopsGrowingAtTheConfiguredMaximum() {
    assertEquals(Duration.ofSeconds(600), middle(11, MAX), "1024 s capped at 10 min");
    for (int attempt : new int[] {12, 31, 32, 63, 64, 1_000, Integer.MAX_VALUE}) {
      assertEquals(MAX, middle(attempt, MAX), "attempt " + attempt + " neither overflows nor exceeds the cap");
    }
    assertEquals(Duration.ofSeconds(30), middle(6, Duration.ofSeconds(30)), "32 s capped at a 30 s maximum");
    assertEquals(Duration.ofSeconds(16), middle(5, Duration.ofSeconds(30)), "below the cap it is untouched");
  }

  @Test
  void noAttemptYetOrANonsenseCountWaitsTheFirstSecond() {
    assertEquals(Duration.ofSeconds(1), middle(0, MAX));
    assertEquals(Duration.ofSeconds(1), middle(-5, MAX));
  }

  @Test
  void theJitterKeepsEveryWaitWithinTwentyPercentOfItsStep() {
    assertEquals(Duration.ofMillis(3_200), EventDelivery.backoff(3, MAX, 0.0), "lowest: 80% of 4 s");
    assertEquals(Duration.ofMillis(4_799), EventDelivery.backoff(3, MAX, 0.9999), "highest: just under 120% of 4 s");
    assertEquals(Duration.ofMillis(480_000), EventDelivery.backoff(50, MAX, 0.0), "the cap is jittered too");
    SplittableRandom random = new SplittableRandom(20);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int attempt = 1 + random.nextInt(15);
      long step = Math.min(MAX.toSeconds(), 1L << (attempt - 1)) * 1000;
      long wait = EventDelivery.backoff(attempt, MAX, random.nextDouble()).toMillis();
      assertTrue(wait >= step * 8 / 10 && wait < step * 12 / 10, "attempt " + attempt + ": " + wait + " ms");
      if (attempt == 4) {
        seen.add(wait);
      }
    }
    assertTrue(seen.size() > 100, "failing subscribers are spread out, not retried in step: " + seen.size());
  }

  /** The wait without jitter: the middle of the ±20% band. */
  private static Duration middle(int attempts, Duration max) {
    return EventDelivery.backoff(attempts, max, 0.5);
  }
}
