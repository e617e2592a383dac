package io.slotgate.core.appointment;

import static io.slotgate.core.appointment.AppointmentRows.args;
import static io.slotgate.core.appointment.AppointmentRows.time;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Holds ending without a client's word: lapsed holds expired in bulk (the sweeper, or on the spot when one is in
 * a claim's way) and holds a withdrawn grant no longer covers, each with its event (history and hub, one row).
 */
@ApplicationScoped
public class HoldExpiry {

  private final Pool pool;

  public HoldExpiry(Pool pool) {
    this.pool = pool;
  }

  /**
   * Cancels the booker's live holds on a supplier whose grant no longer covers them ({@code keep}: the
   * specifications still offered), releasing their capacity, with an event each; answers how many.
   * Confirmed appointments stay. Runs in its own statement after the grant changed, so it sees every hold the
   * grant admitted (see {@link AppointmentRepository#grant}).
   */
  public Uni<Long> releaseHolds(String tenant, String owner, String supplierId, List<String> keep, Instant now) {
    String ungranted = """
        SELECT id FROM appointment
        WHERE tenant = $2 AND owner = $3 AND supplier_id = $4 AND status = 'RESERVED' AND expires_at > $1
          AND NOT (service_code = ANY($5::text[]))
        ORDER BY id
        FOR UPDATE""";
    return end(pool, ungranted, Ending.GRANT_WITHDRAWN,
        args(time(now), tenant, owner, supplierId, keep.toArray(String[]::new)));
  }

  /**
   * Expires the lapsed holds that claim any of {@code pool} during the interval. They are locked in id order
   * (two holds expiring the same ones wait for each other instead of deadlocking) and checked again once locked.
   */
  Uni<Long> expireLapsedOn(SqlClient tx, String owner, UUID[] pool, Instant start, Instant end, Instant now) {
    String lapsed = """
        SELECT a.id FROM appointment a
        WHERE a.id = ANY(ARRAY(
            SELECT c.appointment_id FROM slot_claim c
            WHERE c.resource_id = ANY($2::uuid[]) AND c.owner = $5 AND NOT c.released AND c.expires_at <= $1
              AND c.during && tstzrange($3, $4, '[)')))
          AND a.owner = $5 AND a.status = 'RESERVED' AND a.expires_at <= $1
        ORDER BY a.id
        FOR UPDATE""";
    return end(tx, lapsed, Ending.LAPSED, args(time(now), pool, time(start), time(end), owner));
  }

  /**
   * Expires up to {@code batchSize} lapsed holds, oldest first. SKIP LOCKED lets several instances
   * sweep at once, each taking different rows; a hold being confirmed right now is skipped too.
   */
  public Uni<Long> expireLapsedHolds(Instant now, int batchSize) {
    String lapsed = """
        SELECT id FROM appointment
        WHERE status = 'RESERVED' AND expires_at <= $1
        ORDER BY expires_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED""";
    return end(pool, lapsed, Ending.LAPSED, args(time(now), batchSize));
  }

  /**
   * Why a hold ends without a client's word, and the statement's steps after {@code held}: the status it ends in,
   * what else changes, who and which action; written once per ending.
   */
  private enum Ending {
    /** Expired: expires_at stays, as when it lapsed. */
    LAPSED("EXPIRED", "", "slotgate-sweeper", "expire"),
    /** Cancelled: like any cancelled appointment, it no longer expires. */
    GRANT_WITHDRAWN("CANCELLED", ", expires_at = NULL", "slotgate-grant-revoked", "cancel");

    private final String steps;

    Ending(String status, String alsoSet, String actor, String action) {
      this.steps = """
          done AS (
            UPDATE appointment a
            SET status = '%1$s'%2$s, updated_at = $1, updated_by = '%3$s',
                updated_by_type = 'OTHER', updated_from = 'OTHER', version = a.version + 1
            WHERE a.id = ANY(ARRAY(SELECT id FROM held))
            RETURNING a.id, a.owner
          ), freed AS (
            UPDATE slot_claim c SET released = true
            WHERE c.appointment_id = ANY(ARRAY(SELECT id FROM done))
          ), event AS (
            INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status,
              to_status)
            SELECT id, owner, $1, '%3$s', 'OTHER', 'OTHER', '%4$s', 'RESERVED', '%1$s' FROM done
          )
          SELECT count(*) AS ended FROM done""".formatted(status, alsoSet, actor, action);
    }
  }

  /**
   * Ends the holds {@code heldSql} selects as {@code ending} says, frees their claims, records their events; answers
   * how many. {@code heldSql} locks the live holds it answers ({@code FOR UPDATE}, which checks its conditions
   * again on the locked row), so both updates find their rows by primary key alone ({@code = ANY(ARRAY(...))}), a
   * plan that holds with fresh, stale or generic statistics. Conditions beside the key let stale statistics pick
   * another plan: with {@code status = 'RESERVED' AND expires_at <= now} in the appointment update, statistics from
   * before 100,000 lapsed holds arrived made the planner scan the partial live-holds index and test each entry
   * against the 5,000 ids (3.6-4.2 s per batch until autovacuum analysed the table); with {@code NOT released} in
   * the claims' update, it walked the whole partial GiST index (3.2 s per 5,000). Joining to the CTE instead of
   * {@code ANY} hash-joined over every live hold. This shape takes 150-500 ms per 5,000 lapsed holds (bench/run).
   */
  private Uni<Long> end(SqlClient client, String heldSql, Ending ending, Tuple args) {
    String sql = "WITH held AS (" + heldSql + "), " + ending.steps;
    return client.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getLong("ended"));
  }
}
