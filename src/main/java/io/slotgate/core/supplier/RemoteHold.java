package io.slotgate.core.supplier;

import java.time.Instant;

/** A hold as sent to a remote supplier: its id there is derived from the local appointment, so retries reuse it. */
public record RemoteHold(long id, String addressId, String addressType, String specification, String purpose,
    Instant start, Instant end) {}
