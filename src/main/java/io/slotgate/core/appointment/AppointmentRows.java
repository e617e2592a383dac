package io.slotgate.core.appointment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Appointment rows to records and back: the columns read, stored JSON, times in UTC, statement arguments. */
final class AppointmentRows {

  /**
   * The appointment's resources are its claim rows, released or not: a reschedule replaces them, so they
   * are always the latest assignment, and a finished appointment still names who served it.
   */
  static final String COLUMNS = "a.*, ARRAY(SELECT DISTINCT c.resource_id FROM slot_claim c"
      + " WHERE c.appointment_id = a.id AND c.owner = a.owner ORDER BY c.resource_id) AS resource_ids,"
      + " (SELECT max(upper(c.during)) FROM slot_claim c WHERE c.appointment_id = a.id AND c.owner = a.owner)"
      + " AS claimed_until";

  private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {};
  private static final TypeReference<List<Segment>> SEGMENTS = new TypeReference<>() {};

  private final ObjectMapper json;

  AppointmentRows(ObjectMapper json) {
    this.json = json;
  }

  Optional<Appointment> first(RowSet<Row> rows, Instant now) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next(), now));
  }

  Appointment map(Row r, Instant now) {
    Instant expiresAt = instant(r, "expires_at");
    AppointmentStatus stored = AppointmentStatus.valueOf(r.getString("status"));
    UUID[] resources = r.getArrayOfUUIDs("resource_ids");
    return new Appointment(r.getUUID("id"), Appointment.effective(stored, expiresAt, now),
        new Appointment.Who(r.getString("tenant"), r.getString("owner"), Channel.valueOf(r.getString("channel")),
            r.getString("external_id"), r.getString("request_hash")),
        new Appointment.What(r.getString("supplier_id"), r.getString("supplier_reference"), r.getUUID("branch_id"),
            r.getUUID("service_id"), r.getString("service_code"), r.getUUID("combination_id"),
            readList(r.getValue("segments"), SEGMENTS), meeting(r)),
        new Appointment.Where(r.getString("address_id"), r.getString("address_type"), r.getString("purpose")),
        new Appointment.When(instant(r, "start_at"), instant(r, "end_at"), r.getString("classification"),
            r.getBoolean("standard"), expiresAt, bufferMinutes(r)),
        new Appointment.Capacity(r.getInteger("reservations"), r.getUUID("requested_resource_id"),
            resources == null ? List.of() : List.of(resources)),
        new Appointment.Details(r.getString("notes"), read(r.getValue("customer"), Customer.class),
            readList(r.getValue("answers"), ANSWERS), r.getString("order_reference"), r.getString("internal_notes"),
            r.getString("message_for_customer")),
        new Appointment.Audit(instant(r, "created_at"),
            new Actor(r.getString("created_by"), r.getString("created_by_type"), r.getString("created_from")),
            instant(r, "updated_at"),
            new Actor(r.getString("updated_by"), r.getString("updated_by_type"), r.getString("updated_from")),
            r.getInteger("version")));
  }

  /** Appointments made before meeting types were stored are met as their face meets them. */
  private static Meeting meeting(Row r) {
    String type = r.getString("meeting_type");
    Meeting.Type met = type != null ? Meeting.Type.valueOf(type)
        : Channel.WHOLESALE.name().equals(r.getString("channel")) ? Meeting.Type.ON_LOCATION : Meeting.Type.OFFICE;
    return new Meeting(met, r.getBoolean("hybrid"), r.getString("video_url"), r.getString("video_test_url"));
  }

  /** The trailing buffer is where the claims end past the appointment's end (see SlotClaims). */
  private static int bufferMinutes(Row r) {
    Instant until = instant(r, "claimed_until");
    Instant end = instant(r, "end_at");
    return until == null || end == null || !until.isAfter(end) ? 0 : (int) java.time.Duration.between(end, until).toMinutes();
  }

  <T> T read(Object jsonb, Class<T> type) {
    if (jsonb == null) {
      return null;
    }
    try {
      return json.readValue(jsonb.toString(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON does not parse as " + type.getSimpleName(), e);
    }
  }

  <T> List<T> readList(Object jsonb, TypeReference<List<T>> type) {
    if (jsonb == null) {
      return List.of();
    }
    try {
      return json.readValue(jsonb.toString(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON does not parse as " + type.getType(), e);
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static Tuple args(Object... values) {
    return Tuple.from(Arrays.asList(values));
  }

  static Stream<Row> stream(RowSet<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false);
  }
}
