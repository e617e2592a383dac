package io.slotgate.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that becomes true in the background (a retried release, a breaker's delay). */
public final class Await {

  private Await() {}

  public static void until(BooleanSupplier condition, Duration atMost, String what) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + atMost + ": " + what);
      }
      // Polling interval while the condition is checked again; not a timing assertion.
      Thread.sleep(50);
    }
  }
}
