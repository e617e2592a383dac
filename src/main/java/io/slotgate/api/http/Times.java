package io.slotgate.api.http;

import io.slotgate.core.DomainFailure;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The wire format of instants: UTC ISO-8601 with milliseconds, as in the seeds (2025-01-18T08:00:00.000Z). */
public final class Times {

  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return instant == null ? null : UTC_MILLIS.format(instant);
  }

  /** Instants slotgate accepts at all: anything outside is no appointment time (and would overflow arithmetic). */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  /**
   * Parses an ISO-8601 date-time with offset; a value that does not parse is a 400 naming the field, one
   * outside 2000-2199 a 422.
   */
  public static Instant parse(String value, String field) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException e) {
      throw DomainFailure.malformed("Field '" + field + "' must be an ISO-8601 date-time such as "
          + "2025-01-18T08:00:00.000Z, not '" + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'");
    }
    if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
      throw DomainFailure.invalid("Field '" + field + "' must be between " + format(EARLIEST) + " and "
          + format(LATEST) + ", not '" + value + "'");
    }
    return instant;
  }
}
