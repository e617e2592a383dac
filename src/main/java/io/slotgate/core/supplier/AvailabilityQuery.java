package io.slotgate.core.supplier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** A wholesale availability search: which slots, for which address, from which date. */
public record AvailabilityQuery(
    String addressId,
    String addressType,
    String purpose,
    LocalDate fromDate,
    Set<Classification> classifications,
    Instant now) {}
