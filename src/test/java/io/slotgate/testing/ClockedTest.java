package io.slotgate.testing;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

/**
 * A base for tests that move the test clock and claim capacity: after each test the clock is back to real time and
 * no occupying appointment has lost its claims, so that neither leaks into the next test. Written once here instead
 * of in each such test class.
 */
public abstract class ClockedTest {

  @Inject protected MutableClock clock;

  @AfterEach
  protected void resetClockAndCheckCapacity() {
    clock.reset();
    Db.assertCapacityIntact();
  }
}
