package io.slotgate.core.schedule;

import io.slotgate.core.supplier.Classification;
import java.time.Instant;

/** A bookable interval in UTC, with the classification and standard flag of the rule that made it. */
public record Slot(Instant start, Instant end, Classification classification, boolean standard) {

  public boolean overlaps(Instant otherStart, Instant otherEnd) {
    return start.isBefore(otherEnd) && otherStart.isBefore(end);
  }
}
