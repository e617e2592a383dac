package io.slotgate.api;

import io.slotgate.core.DomainFailure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wire format of instants: UTC ISO-8601 with milliseconds, as in the seeds (2025-01-18T08:00:00.000Z). */
public final class Times {

  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String format(Instant instant) {
    return instant == null ? null : UTC_MILLIS.format(instant);
  }

  /** Parses an ISO-8601 date-time with offset; a bad value is a 400 naming the field. */
  public static Instant parse(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw DomainFailure.malformed("Field '" + field + "' must be an ISO-8601 date-time such as "
          + "2025-01-18T08:00:00.000Z, not '" + value + "'");
    }
  }
}
