package io.slotgate.core.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The SQL of event delivery: turning appointment events into one delivery per subscriber (and into the Kafka
 * stream), and claiming deliveries so that several instances never send one at the same time, in order per
 * appointment and subscription. The subscriptions themselves: {@link SubscriptionRepository}.
 */
@ApplicationScoped
public class EventRepository {

  private final Pool pool;
  private final SecretBox secrets;

  public EventRepository(Pool pool, SecretBox secrets) {
    this.pool = pool;
    this.secrets = secrets;
  }

  /** An event being published, with the appointment's two tenants and face. */
  public record Event(long id, UUID appointmentId, String action, String status, Instant at, String tenant,
      String owner, String channel) {}

  /**
   * A publish cursor over appointment_event: the hub's (webhooks), and the external stream's (Kafka), each with its
   * own rounds and its own lock, so a stream that is away holds back only its own cursor.
   */
  public enum Cursor {
    HUB(1, "slotgate-hub-publish"), STREAM(2, "slotgate-stream-publish");

    final int id;
    final String lock;

    Cursor(int id, String lock) {
      this.id = id;
      this.lock = lock;
    }
  }

  /**
   * In one transaction: takes up to {@code limit} events of the hub cursor's round (oldest first), lets
   * {@code fanOut} turn them into deliveries inserted with the same transaction, and moves the cursor past them.
   * Events without any subscriber are passed over the same way, so nothing is left unread. A round is the events
   * visible in one snapshot and not in the round before (V11__appointment_event.sql says why not an id).
   */
  public Uni<Integer> publish(int limit, Instant now, Function<List<Event>, Uni<List<NewDelivery>>> fanOut) {
    return publish(Cursor.HUB, limit, (tx, events) -> fanOut.apply(events).chain(deliveries -> insertDeliveries(tx,
        deliveries, now)));
  }

  /**
   * The external stream's cursor, as {@link #publish(int, Instant, Function)} for the hub: up to {@code limit}
   * events of its round go to {@code send}, and the cursor moves past them only once {@code send} succeeded (the
   * broker acknowledged them). A failure leaves the cursor where it was, so the same events are sent again next
   * time: at least once. The transaction stays open while {@code send} waits; it has written nothing by then, so it
   * holds no transaction id (nothing for VACUUM or the hub's rounds to wait on), only one pooled connection.
   */
  public Uni<Integer> stream(int limit, Function<List<Event>, Uni<Void>> send) {
    return publish(Cursor.STREAM, limit, (tx, events) -> send.apply(events));
  }

  /**
   * Starts the stream's cursor if it has none yet: it publishes what commits from now on (not the history before it
   * was first turned on). A cursor that exists is kept, so a stream turned off and on again sends what happened
   * meanwhile.
   */
  public Uni<Void> openStream() {
    return pool.preparedQuery("""
            INSERT INTO event_cursor (id, published, round, last_id, round_done)
            SELECT $1, s, s, 0, true FROM (SELECT pg_current_snapshot() AS s) now
            ON CONFLICT (id) DO NOTHING""")
        .execute(Tuple.of(Cursor.STREAM.id)).replaceWithVoid();
  }

  private Uni<Integer> publish(Cursor cursor, int limit, BiFunction<SqlClient, List<Event>, Uni<Void>> handle) {
    // One publisher per cursor at a time across instances: two would split one appointment's events between them
    // and could commit the later ones first (measured: CANCELLED delivered before RESERVED). Sending
    // stays parallel; publishing is one cheap statement per batch.
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS mine")
        .execute(Tuple.of(cursor.lock))
        .chain(lock -> !lock.iterator().next().getBoolean("mine") ? Uni.createFrom().item(0)
            : publish(tx, cursor, limit, handle)));
  }

  private Uni<Integer> publish(SqlClient tx, Cursor cursor, int limit,
      BiFunction<SqlClient, List<Event>, Uni<Void>> handle) {
    // A finished round is published: the next one is what committed since, up to this statement's snapshot. Read
    // here and written back at the end (the advisory lock keeps other publishers of this cursor out meanwhile), so
    // that the transaction writes nothing before the batch is handled.
    return tx.preparedQuery("""
            SELECT CASE WHEN round_done THEN round ELSE published END::text AS published,
              CASE WHEN round_done THEN pg_current_snapshot() ELSE round END::text AS round,
              CASE WHEN round_done THEN 0 ELSE last_id END AS last_id,
              pg_snapshot_xmin(CASE WHEN round_done THEN round ELSE published END)::text AS since
            FROM event_cursor WHERE id = $1""")
        .execute(Tuple.of(cursor.id))
        .map(rows -> rows.iterator().next())
        .chain(position -> {
          String published = position.getString("published");
          String round = position.getString("round");
          long after = position.getLong("last_id");
          // A round's first batch finds its events by transaction (once per round); the next ones go on by id.
          return tx.preparedQuery("""
                  SELECT e.id, e.appointment_id, e.action, e.to_status, e.at, a.tenant, a.owner, a.channel
                  FROM appointment_event e JOIN appointment a ON a.id = e.appointment_id AND a.owner = e.owner
                  WHERE %s
                    AND pg_visible_in_snapshot(e.xid, $3::text::pg_snapshot)
                    AND NOT pg_visible_in_snapshot(e.xid, $2::text::pg_snapshot)
                  ORDER BY e.id LIMIT $4""".formatted(after == 0 ? "e.xid >= $1::text::xid8" : "e.id > $1::bigint"))
              .execute(Tuple.of(after == 0 ? position.getString("since") : after, published, round, limit))
              .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Event(r.getLong("id"),
                  r.getUUID("appointment_id"), r.getString("action"), r.getString("to_status"), instant(r, "at"),
                  r.getString("tenant"), r.getString("owner"), r.getString("channel"))).toList())
              .chain(events -> (events.isEmpty() ? Uni.createFrom().voidItem() : handle.apply(tx, events))
                  .chain(() -> tx.preparedQuery("""
                          UPDATE event_cursor SET published = $2::text::pg_snapshot, round = $3::text::pg_snapshot,
                            last_id = $4, round_done = $5
                          WHERE id = $1""")
                      .execute(Tuple.of(cursor.id, published, round, events.isEmpty() ? after : events.getLast().id(),
                          events.size() < limit)))
                  .replaceWith(events.size()));
        });
  }

  /**
   * One event for one subscriber, rendered in the subscriber's face; or, when it could not be rendered,
   * {@code unrendered} says why and the delivery is parked (never sent, never blocking later events).
   */
  public record NewDelivery(UUID subscriptionId, UUID appointmentId, UUID eventId, String eventType, String body,
      Instant createdAt, String unrendered) {}

  private Uni<Void> insertDeliveries(SqlClient tx, List<NewDelivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<NewDelivery> unrendered = deliveries.stream().filter(d -> d.unrendered() != null).toList();
    return tx.preparedQuery("""
            INSERT INTO hub_delivery (subscription_id, appointment_id, event_id, event_type, body, created_at,
              next_attempt_at, unrendered)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (subscription_id, event_id) DO NOTHING""")
        .executeBatch(deliveries.stream().map(d -> Tuple.from(Arrays.asList(d.subscriptionId(), d.appointmentId(),
            d.eventId(), d.eventType(), d.body(), time(d.createdAt()), time(now), d.unrendered()))).toList())
        // The subscriber's owner sees why an event never came (GET .../hub/{id} lastError).
        .chain(() -> unrendered.isEmpty() ? Uni.createFrom().voidItem()
            : tx.preparedQuery("UPDATE hub_subscription SET last_error = $2 WHERE id = $1")
                .executeBatch(unrendered.stream().map(d -> Tuple.of(d.subscriptionId(), "Event " + d.eventId()
                    + " could not be rendered and will not be sent: " + d.unrendered())).toList())
                .replaceWithVoid());
  }

  /**
   * A delivery claimed for sending, with where to send it; {@code redelivery} when an earlier claim's lease
   * ran out without an outcome (an instance died or stalled mid-send), so the receiver may have it already.
   */
  public record Claimed(long id, UUID subscriptionId, UUID eventId, String body, Instant createdAt, int attempts,
      String callback, String secret, String previousSecret, Integer timeoutMs, boolean redelivery) {}

  /**
   * Claims up to {@code limit} due deliveries: only the oldest undelivered one of each appointment and
   * subscription (order), of live unparked subscriptions, and at most {@code perSubscription} in flight
   * per subscription across instances (one slow receiver never takes every sender), each leased until
   * {@code leaseUntil} so that no other instance sends it meanwhile.
   */
  public Uni<List<Claimed>> claim(int limit, int perSubscription, Instant now, Instant leaseUntil) {
    return pool.preparedQuery("""
            WITH due AS (
              SELECT d.id FROM hub_subscription s CROSS JOIN LATERAL (
                SELECT d.id FROM hub_delivery d
                WHERE d.subscription_id = s.id AND d.delivered_at IS NULL AND d.unrendered IS NULL
                  AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until < $1)
                  AND NOT EXISTS (SELECT 1 FROM hub_delivery e WHERE e.subscription_id = d.subscription_id
                    AND e.appointment_id = d.appointment_id AND e.delivered_at IS NULL AND e.unrendered IS NULL
                    AND e.id < d.id)
                ORDER BY d.id
                LIMIT greatest(0, $4 - (SELECT count(*) FROM hub_delivery f WHERE f.subscription_id = s.id
                  AND f.delivered_at IS NULL AND f.leased_until >= $1))) d
              WHERE s.deleted_at IS NULL AND s.parked_at IS NULL
            ), next AS (
              SELECT d.id, d.leased_until IS NOT NULL AS redelivery FROM hub_delivery d
              WHERE d.id IN (SELECT id FROM due)
                -- Again at the level that locks: a row another instance claimed meanwhile is re-checked
                -- against these (READ COMMITTED re-evaluates only this level's conditions on the new version).
                AND d.delivered_at IS NULL AND d.next_attempt_at <= $1 AND (d.leased_until IS NULL OR d.leased_until < $1)
              ORDER BY d.id LIMIT $2
              FOR UPDATE OF d SKIP LOCKED)
            UPDATE hub_delivery d SET leased_until = $3, attempts = d.attempts + 1
            FROM next, hub_subscription s
            WHERE d.id = next.id AND s.id = d.subscription_id
            RETURNING d.id, d.subscription_id, d.event_id, d.body, d.created_at, d.attempts, s.callback, s.secret,
              CASE WHEN s.previous_secret_until > $1 THEN s.previous_secret END AS previous_secret, s.timeout_ms,
              next.redelivery""")
        .execute(Tuple.of(time(now), limit, time(leaseUntil), perSubscription))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> new Claimed(r.getLong("id"),
            r.getUUID("subscription_id"), r.getUUID("event_id"), r.getString("body"), instant(r, "created_at"),
            r.getInteger("attempts"), r.getString("callback"), secrets.open(r.getString("secret")),
            secrets.open(r.getString("previous_secret")), r.getInteger("timeout_ms"), r.getBoolean("redelivery")))
            .toList());
  }

  /** Extends the leases of deliveries still being sent by this instance (its heartbeat). */
  public Uni<Void> renew(List<Long> ids, Instant leaseUntil) {
    return pool.preparedQuery("UPDATE hub_delivery SET leased_until = $2 WHERE id = ANY($1) AND delivered_at IS NULL")
        .execute(Tuple.of(ids.toArray(Long[]::new), time(leaseUntil)))
        .replaceWithVoid();
  }

  /** Gives back the leases of deliveries this instance will not finish (it is stopping): due again at once. */
  public Uni<Void> release(List<Long> ids) {
    return pool.preparedQuery("UPDATE hub_delivery SET leased_until = NULL WHERE id = ANY($1) AND delivered_at IS NULL")
        .execute(Tuple.of((Object) ids.toArray(Long[]::new)))
        .replaceWithVoid();
  }

  public Uni<Void> delivered(List<Claimed> deliveries, Instant now) {
    return pool.preparedQuery("""
            WITH done AS (
              UPDATE hub_delivery SET delivered_at = $2, leased_until = NULL, last_error = NULL WHERE id = ANY($1)
            )
            UPDATE hub_subscription SET failing_since = NULL, last_error = NULL
            WHERE id = ANY($3) AND failing_since IS NOT NULL""")
        .execute(Tuple.of(deliveries.stream().map(Claimed::id).toArray(Long[]::new), time(now),
            deliveries.stream().map(Claimed::subscriptionId).distinct().toArray(UUID[]::new)))
        .replaceWithVoid();
  }

  /**
   * Records a failed attempt: the delivery is due again at {@code retryAt}; the subscription is failing
   * since its first failure and is parked once an undelivered event is older than {@code parkBefore}.
   * Answers whether the subscription was parked now.
   */
  public Uni<Boolean> failed(Claimed delivery, String error, Instant now, Instant retryAt, Instant parkBefore) {
    return pool.preparedQuery("""
            WITH retry AS (
              UPDATE hub_delivery SET leased_until = NULL, next_attempt_at = $2, last_error = $3 WHERE id = $1
            )
            UPDATE hub_subscription s SET failing_since = COALESCE(s.failing_since, $4), last_error = $3,
              parked_at = CASE WHEN s.parked_at IS NULL AND EXISTS (SELECT 1 FROM hub_delivery d WHERE
                d.subscription_id = s.id AND d.delivered_at IS NULL AND d.unrendered IS NULL AND d.created_at < $6)
                THEN $4 ELSE s.parked_at END
            WHERE s.id = $5
            RETURNING s.parked_at = $4 AS parked""")
        .execute(Tuple.from(Arrays.asList(delivery.id(), time(retryAt), error, time(now), delivery.subscriptionId(),
            time(parkBefore))))
        .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("parked")));
  }

  /**
   * Drops delivered (or parked, or deleted subscriptions') deliveries older than {@code before}; answers how many.
   * Events stay: they are the appointments' history.
   */
  public Uni<Long> prune(Instant before) {
    return pool.preparedQuery("""
            WITH deliveries AS (
              DELETE FROM hub_delivery d WHERE (d.delivered_at < $1) OR (d.created_at < $1 AND EXISTS
                (SELECT 1 FROM hub_subscription s WHERE s.id = d.subscription_id AND s.deleted_at IS NOT NULL))
                OR (d.unrendered IS NOT NULL AND d.created_at < $1)
              RETURNING 1
            )
            SELECT count(*) AS pruned FROM deliveries""")
        .execute(Tuple.of(time(before))).map(rows -> rows.iterator().next().getLong("pruned"));
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
