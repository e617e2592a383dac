package io.slotgate.core.appointment;

import static io.slotgate.core.appointment.AppointmentRows.args;
import static io.slotgate.core.appointment.AppointmentRows.instant;
import static io.slotgate.core.appointment.AppointmentRows.stream;
import static io.slotgate.core.appointment.AppointmentRows.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The appointment SQL. Every decision that concurrency could break (is the slot free, may this
 * status change, is this client id new) is one statement the database can refuse, never a read in
 * Java followed by a write.
 */
@ApplicationScoped
public class AppointmentRepository {

  private final Pool pool;
  private final AppointmentRows records;

  public AppointmentRepository(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.records = new AppointmentRows(json);
  }

  public Pool pool() {
    return pool;
  }

  /** Runs {@code work} in one transaction; a failed Uni rolls everything back. */
  public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
    return pool.withTransaction(work);
  }

  /**
   * Writes the appointment row, or answers false when the tenant already used this client id (or
   * Idempotency-Key) on this face, towards any owner. {@code booker_request}, keyed by the booker (V18: the table
   * Citus would distribute by the booker, as the appointment is by its owner), decides: its row is written first in
   * the same statement, and the appointment only when that row was, so concurrent first requests meet one row and
   * the losers find the winner's appointment by the client id, as replays do.
   */
  public Uni<Boolean> insert(SqlClient tx, UUID id, String reference, NewAppointment hold, Instant now) {
    String sql = """
        WITH request AS (
          INSERT INTO booker_request (tenant, channel, external_id, owner, appointment_id)
          SELECT $2, $4, $5, $3, $1 WHERE $5::text IS NOT NULL
          ON CONFLICT DO NOTHING
          RETURNING appointment_id
        ), created AS (
          INSERT INTO appointment (id, tenant, owner, channel, external_id, request_hash, supplier_id,
            supplier_reference, branch_id, service_id, service_code, address_id, address_type, purpose,
            start_at, end_at, classification, standard, status, expires_at, reservations,
            requested_resource_id, notes, internal_notes, message_for_customer, created_at, created_by,
            created_by_type, created_from, updated_at, updated_by, updated_by_type, updated_from, customer, remote,
            meeting_type, hybrid, video_url, video_test_url, combination_id)
          SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
            $21, $22, $23, $24, $25, $26, $27, $28, $29, $26, $27, $28, $29, $31::jsonb, $32, $33, $34, $35, $36, $37
          WHERE $5::text IS NULL OR EXISTS (SELECT 1 FROM request)
          RETURNING id, owner, status, created_at, created_by, created_by_type, created_from
        ), event AS (
          INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status,
            to_status)
          SELECT id, owner, created_at, created_by, created_by_type, created_from, $30, NULL, status FROM created
        )
        SELECT count(*) AS created FROM created""";
    NewAppointment.Who who = hold.who();
    NewAppointment.What what = hold.what();
    NewAppointment.Where where = hold.where();
    NewAppointment.When when = hold.when();
    NewAppointment.Notes notes = hold.notes();
    Actor actor = who.actor();
    Meeting meeting = what.meeting().forAppointment(id);
    Tuple args = args(id, who.tenant(), who.owner(), who.channel().name(), who.externalId(), who.requestHash(),
        what.supplierId(), reference, what.branchId(), what.serviceId(), what.serviceCode(),
        where.addressId(), where.addressType(), where.purpose(), time(when.start()), time(when.end()),
        when.classification(), when.standard(), hold.status().name(), time(when.expiresAt()),
        hold.capacity().reservations(), hold.capacity().requestedResourceId(), notes.notes(), notes.internalNotes(),
        notes.messageForCustomer(), time(now), actor.id(), actor.type(), actor.source(),
        hold.status() == AppointmentStatus.RESERVED ? "hold" : "invite",
        notes.customer() == null ? null : records.write(notes.customer()), hold.capacity().pool() == null,
        meeting.type().name(), meeting.hybrid(), meeting.videoUrl(), meeting.videoTestUrl(),
        what.combination() == null ? null : what.combination().id());
    return tx.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getLong("created") == 1);
  }

  /** Stores a combination appointment's segments as claimed (after a hold's or a reschedule's claims). */
  public Uni<Void> segments(SqlClient tx, UUID id, List<Segment> segments) {
    return tx.preparedQuery("UPDATE appointment SET segments = $2::text::jsonb WHERE id = $1")
        .execute(args(id, records.write(segments))).replaceWithVoid();
  }

  /**
   * The owner's grant that lets a booker hold on another tenant's supplier, read in the hold's transaction: empty
   * when no grant covers the specification (revoked, or narrowed), else its cap (0: none). The row is share-locked
   * (FOR KEY SHARE), so a revoke's DELETE waits for holds already admitted and its release of in-flight holds, a
   * statement after it, sees them; holds under a cap lock it exclusively (FOR NO KEY UPDATE) so that counting the
   * booker's live holds and adding one is not raced by another hold of the same booker, on any instance.
   */
  public Uni<Optional<Integer>> grant(SqlClient tx, NewAppointment hold) {
    String sql = """
        SELECT coalesce(max_active_holds, 0) AS cap FROM supplier_grant
        WHERE supplier_tenant = $1 AND supplier_id = $2 AND tenant = $3 AND service_specifications::jsonb ? $4
        FOR KEY SHARE""";
    Tuple key = args(hold.who().owner(), hold.what().supplierId(), hold.who().tenant(), hold.what().serviceCode());
    return tx.preparedQuery(sql).execute(key).chain(rows -> {
      if (rows.size() == 0) {
        return Uni.createFrom().item(Optional.<Integer>empty());
      }
      int cap = rows.iterator().next().getInteger("cap");
      if (cap == 0) {
        return Uni.createFrom().item(Optional.of(0));
      }
      return tx.preparedQuery("""
              SELECT 1 FROM supplier_grant WHERE supplier_tenant = $1 AND supplier_id = $2 AND tenant = $3
              FOR NO KEY UPDATE""")
          .execute(args(hold.who().owner(), hold.what().supplierId(), hold.who().tenant())).replaceWith(Optional.of(cap));
    });
  }

  /** The booker's live holds (RESERVED, unexpired) on one supplier of one owner. */
  public Uni<Long> liveHolds(SqlClient tx, String tenant, String owner, String supplierId, Instant now) {
    return tx.preparedQuery("""
            SELECT count(*) AS live FROM appointment
            WHERE tenant = $1 AND owner = $2 AND supplier_id = $3 AND status = 'RESERVED' AND expires_at > $4""")
        .execute(args(tenant, owner, supplierId, time(now))).map(rows -> rows.iterator().next().getLong("live"));
  }

  /**
   * Moves one appointment by {@code action} in a single statement: the row is locked, the move
   * happens only if the current (effective) status allows it, the claims follow the new status, and
   * its event (history and what the hub publishes, one row) is written with it. With
   * {@code expectedVersion} the move also requires that nobody changed the appointment since the caller
   * read it, so of two concurrent moves exactly one wins even when both would be allowed one after the other.
   */
  public Uni<Moved> move(SqlClient client, AppointmentKey key, Action action, Actor actor, Instant now,
      Changes changes, Integer expectedVersion) {
    StringBuilder cases = new StringBuilder("CASE cur.status");
    for (AppointmentStatus from : action.from()) {
      cases.append(" WHEN '").append(from.name()).append("' THEN '").append(action.target(from).name()).append("'");
    }
    cases.append(" END");
    String freed = Arrays.stream(AppointmentStatus.values()).filter(s -> !s.occupying())
        .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
    List<Object> values = new ArrayList<>(List.of(time(now), actor.id(), actor.type(), actor.source(), action.label()));
    values.add(changes.orderReference());
    values.add(changes.customer() == null ? null : records.write(changes.customer()));
    values.add(changes.answers() == null ? null : records.write(changes.answers()));
    values.add(changes.start() == null ? null : time(changes.start()));
    values.add(changes.end() == null ? null : time(changes.end()));
    values.add(changes.classification());
    values.add(changes.standard());
    values.add(expectedVersion);
    String where = key.where(values, "");
    String sql = """
        WITH cur AS (
          SELECT id, status, expires_at, version FROM appointment WHERE %s FOR UPDATE
        ), moved AS (
          UPDATE appointment a
          SET status = %s, updated_at = $1, updated_by = $2, updated_by_type = $3, updated_from = $4,
              version = a.version + 1,
              expires_at = CASE WHEN %s = 'RESERVED' THEN a.expires_at ELSE NULL END,
              order_reference = COALESCE($6, a.order_reference),
              customer = COALESCE($7::jsonb, a.customer),
              answers = COALESCE($8::jsonb, a.answers),
              start_at = COALESCE($9, a.start_at),
              end_at = COALESCE($10, a.end_at),
              classification = COALESCE($11, a.classification),
              standard = COALESCE($12, a.standard)
          FROM cur
          WHERE a.id = cur.id AND (%s) IS NOT NULL
            AND NOT (cur.status = 'RESERVED' AND cur.expires_at <= $1)
            AND ($13::int IS NULL OR cur.version = $13::int)
          RETURNING a.id, a.owner, cur.status AS previous, a.status
        ), claims AS (
          UPDATE slot_claim c
          SET released = moved.status IN (%s), expires_at = CASE WHEN moved.status = 'RESERVED' THEN c.expires_at END
          FROM moved WHERE c.appointment_id = moved.id AND c.owner = moved.owner AND NOT c.released
        ), event AS (
          INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status,
            to_status)
          SELECT id, owner, $1, $2, $3, $4, $5, previous, status FROM moved
        )
        SELECT cur.id, cur.status AS current, cur.expires_at, cur.version, moved.status AS moved_to
        FROM cur LEFT JOIN moved ON moved.id = cur.id"""
        .formatted(where, cases, cases, cases, freed);
    return client.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> {
      if (rows.size() == 0) {
        return Moved.NOT_FOUND;
      }
      Row row = rows.iterator().next();
      AppointmentStatus current = Appointment.effective(AppointmentStatus.valueOf(row.getString("current")),
          instant(row, "expires_at"), now);
      String to = row.getString("moved_to");
      return new Moved(row.getUUID("id"), current, to == null ? null : AppointmentStatus.valueOf(to),
          row.getInteger("version"));
    });
  }

  /**
   * Removes a hold this instance just placed and could not complete at its supplier, with its claims
   * and event: the client was never told of it, and a retry must be able to start afresh.
   */
  public Uni<Void> forget(UUID id) {
    return pool.preparedQuery("""
            WITH claims AS (DELETE FROM slot_claim WHERE appointment_id = $1),
                 events AS (DELETE FROM appointment_event WHERE appointment_id = $1),
                 request AS (DELETE FROM booker_request r USING appointment a
                   WHERE a.id = $1 AND a.status = 'RESERVED' AND r.tenant = a.tenant AND r.channel = a.channel
                     AND r.external_id = a.external_id)
            DELETE FROM appointment WHERE id = $1 AND status = 'RESERVED'""")
        .execute(Tuple.of(id)).replaceWithVoid();
  }

  /** Locks and reads one appointment inside a transaction. */
  public Uni<Optional<Appointment>> lock(SqlClient tx, AppointmentKey key, Instant now) {
    return select(tx, key, now, " FOR UPDATE OF a");
  }

  public Uni<Optional<Appointment>> find(SqlClient client, AppointmentKey key, Instant now) {
    return select(client, key, now, "");
  }

  private Uni<Optional<Appointment>> select(SqlClient client, AppointmentKey key, Instant now, String suffix) {
    List<Object> values = new ArrayList<>();
    String sql = "SELECT " + AppointmentRows.COLUMNS + " FROM appointment a WHERE " + key.where(values, "a.") + suffix;
    return client.preparedQuery(sql).execute(Tuple.from(values)).map(rows -> records.first(rows, now));
  }

  /** Appointments by id, for slotgate's own background work (event publishing); no tenant wall applies. */
  public Uni<List<Appointment>> findAll(List<UUID> ids, Instant now) {
    return pool.preparedQuery("SELECT " + AppointmentRows.COLUMNS + " FROM appointment a WHERE a.id = ANY($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(rows -> stream(rows).map(row -> records.map(row, now)).toList());
  }

  public Uni<Optional<Appointment>> find(AppointmentKey key, Instant now) {
    return find(pool, key, now);
  }

  /**
   * Brings a hold's expiry forward to {@code expiresAt} when that is earlier (a remote supplier that
   * keeps it for less time than we would); answers whether it changed.
   */
  public Uni<Boolean> expireNoLaterThan(UUID id, Instant expiresAt) {
    return pool.preparedQuery("""
            UPDATE appointment SET expires_at = $2
            WHERE id = $1 AND status = 'RESERVED' AND (expires_at IS NULL OR expires_at > $2)""")
        .execute(args(id, time(expiresAt))).map(rows -> rows.rowCount() == 1);
  }

  /** Whether a live (not final) appointment holds this client id of the tenant on the face. */
  public Uni<Boolean> live(String tenant, Channel channel, String externalId, Instant now) {
    return pool.preparedQuery("""
            SELECT 1 FROM appointment WHERE tenant = $1 AND id = (SELECT appointment_id FROM booker_request
                WHERE tenant = $1 AND channel = $2 AND external_id = $3)
              AND (status IN ('INCOMING_REQUEST', 'ACCEPTED', 'ALTERNATIVE_DATE_REQUESTED')
                   OR status = 'RESERVED' AND expires_at > $4)""")
        .execute(args(tenant, channel.name(), externalId, time(now))).map(rows -> rows.size() > 0);
  }

  /**
   * Takes up to {@code limit} appointments of remote suppliers that are due for a comparison with
   * their supplier (live ones, and final ones changed in the last day), oldest check first, and marks
   * them checked now: several instances take different ones (SKIP LOCKED) and each comes round again.
   */
  public Uni<List<UUID>> dueForCheck(Instant now, Instant checkedBefore, Instant finalSince, int limit) {
    return pool.preparedQuery("""
            WITH due AS (
              SELECT id FROM appointment
              WHERE remote AND (checked_at IS NULL OR checked_at < $2)
                AND (status IN ('RESERVED', 'INCOMING_REQUEST', 'ACCEPTED')
                     OR status IN ('CANCELLED', 'EXPIRED') AND updated_at > $3)
              ORDER BY checked_at NULLS FIRST
              LIMIT $4
              FOR UPDATE SKIP LOCKED)
            UPDATE appointment a SET checked_at = $1 FROM due WHERE a.id = due.id RETURNING a.id""")
        .execute(args(time(now), time(checkedBefore), time(finalSince), limit))
        .map(rows -> stream(rows).map(row -> row.getUUID("id")).toList());
  }

  /**
   * The owner's appointments, newest first: optionally only those in {@code statuses} (effective
   * status, so a lapsed hold counts as EXPIRED) and starting in [from, to).
   */
  public Uni<List<Appointment>> ofOwner(String owner, List<AppointmentStatus> statuses, Instant from, Instant to,
      int offset, int limit, Instant now) {
    String sql = "SELECT " + AppointmentRows.COLUMNS + """
         FROM appointment a
        WHERE a.owner = $1
          AND ($2::text[] IS NULL OR (CASE WHEN a.status = 'RESERVED' AND a.expires_at <= $3 THEN 'EXPIRED'
               ELSE a.status END) = ANY($2::text[]))
          AND ($4::timestamptz IS NULL OR a.start_at >= $4) AND ($5::timestamptz IS NULL OR a.start_at < $5)
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT $6 OFFSET $7""";
    String[] wanted = statuses.isEmpty() ? null : statuses.stream().map(Enum::name).toArray(String[]::new);
    return pool.preparedQuery(sql).execute(args(owner, wanted, time(now), time(from), time(to), limit, offset))
        .map(rows -> stream(rows).map(row -> records.map(row, now)).toList());
  }

  public Uni<List<HistoryEntry>> history(UUID appointmentId) {
    return pool.preparedQuery("""
            SELECT at, actor, actor_type, face, action, from_status, to_status
            FROM appointment_event WHERE appointment_id = $1 ORDER BY id""")
        .execute(Tuple.of(appointmentId))
        .map(rows -> stream(rows).map(r -> new HistoryEntry(instant(r, "at"),
            new Actor(r.getString("actor"), r.getString("actor_type"), r.getString("face")), r.getString("action"),
            r.getString("from_status") == null ? null : AppointmentStatus.valueOf(r.getString("from_status")),
            AppointmentStatus.valueOf(r.getString("to_status")))).toList());
  }

  /**
   * What a move found: the appointment's id and effective status before the move (null id: no such
   * appointment for the tenant) and the status it moved to (null: the move was refused).
   */
  public record Moved(UUID id, AppointmentStatus current, AppointmentStatus to, Integer version) {
    static final Moved NOT_FOUND = new Moved(null, null, null, null);
  }

  /** Field changes that travel with a move; null leaves a field as it is. */
  public record Changes(String orderReference, Customer customer, List<Answer> answers, Instant start,
      Instant end, String classification, Boolean standard) {
    public static final Changes NONE = new Changes(null, null, null, null, null, null, null);
  }
}
