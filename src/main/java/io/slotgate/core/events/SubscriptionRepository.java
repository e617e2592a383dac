package io.slotgate.core.events;

import static io.slotgate.core.events.EventRepository.instant;
import static io.slotgate.core.events.EventRepository.time;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** The SQL of event subscriptions (webhooks): storing, finding and changing them, their secrets sealed. */
@ApplicationScoped
public class SubscriptionRepository {

  private static final String SUBSCRIPTION = """
      SELECT s.*, (SELECT count(*) FROM hub_delivery d WHERE d.subscription_id = s.id AND d.delivered_at IS NULL
          AND d.unrendered IS NULL)
        AS pending FROM hub_subscription s""";

  private final Pool pool;
  private final SecretBox secrets;

  public SubscriptionRepository(Pool pool, SecretBox secrets) {
    this.pool = pool;
    this.secrets = secrets;
  }

  /**
   * Stores a subscription (its secret sealed) unless the tenant already has {@code max} live ones on the face:
   * answers false then. Subscribes of one tenant and face take turns (an advisory lock), so racing requests
   * cannot pass the count together.
   */
  public Uni<Boolean> insert(Subscription s, int max) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1 || '/' || $2))")
        .execute(Tuple.of(s.tenant(), s.face().name()))
        .chain(() -> tx.preparedQuery("""
            INSERT INTO hub_subscription (id, tenant, face, callback, query, event_types, secret, created_at, timeout_ms)
            SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text[], $7::text, $8::timestamptz, $9::integer
            WHERE (SELECT count(*) FROM hub_subscription
                   WHERE tenant = $2::text AND face = $3::text AND deleted_at IS NULL) < $10::integer""")
            .execute(Tuple.from(Arrays.asList(s.id(), s.tenant(), s.face().name(), s.callback(), s.query(),
                s.eventTypes().isEmpty() ? null : s.eventTypes().toArray(String[]::new), secrets.seal(s.secret()),
                time(s.createdAt()), s.timeoutSeconds() == null ? null : s.timeoutSeconds() * 1000, max))))
        .map(rows -> rows.rowCount() == 1));
  }

  /**
   * Gives a live subscription a new secret; the old one goes on signing until {@code overlapUntil}. Answers
   * false for another tenant's or face's id.
   */
  public Uni<Boolean> rotate(String tenant, Subscription.Face face, UUID id, String secret, Instant overlapUntil) {
    return pool.preparedQuery("""
            UPDATE hub_subscription SET previous_secret = secret, previous_secret_until = $5, secret = $4
            WHERE id = $1 AND tenant = $2 AND face = $3 AND deleted_at IS NULL""")
        .execute(Tuple.of(id, tenant, face.name(), secrets.seal(secret), time(overlapUntil)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Seals up to {@code limit} secrets stored before encryption; answers how many. */
  public Uni<Integer> sealPlainSecrets(int limit) {
    return pool.preparedQuery("SELECT id, secret FROM hub_subscription WHERE secret NOT LIKE 'v1:%' LIMIT $1")
        .execute(Tuple.of(limit))
        .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(0)
            : pool.preparedQuery("UPDATE hub_subscription SET secret = $2 WHERE id = $1 AND secret = $3")
                .executeBatch(StreamSupport.stream(rows.spliterator(), false).map(r -> Tuple.of(r.getUUID("id"),
                    secrets.seal(r.getString("secret")), r.getString("secret"))).toList())
                .replaceWith(rows.size()));
  }

  /** A live subscription of the tenant on the face; empty for another tenant's or face's id. */
  public Uni<Optional<Subscription>> find(String tenant, Subscription.Face face, UUID id) {
    return pool.preparedQuery(SUBSCRIPTION + " WHERE s.id = $1 AND s.tenant = $2 AND s.face = $3 AND s.deleted_at IS NULL")
        .execute(Tuple.of(id, tenant, face.name()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(subscription(rows.iterator().next())));
  }

  public Uni<Boolean> delete(String tenant, Subscription.Face face, UUID id, Instant now) {
    return pool.preparedQuery("""
            UPDATE hub_subscription SET deleted_at = $4
            WHERE id = $1 AND tenant = $2 AND face = $3 AND deleted_at IS NULL""")
        .execute(Tuple.of(id, tenant, face.name(), time(now))).map(rows -> rows.rowCount() == 1);
  }

  /** Un-parks a subscription: everything pending is due now. */
  public Uni<Boolean> resume(String tenant, Subscription.Face face, UUID id, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            UPDATE hub_subscription SET parked_at = NULL, failing_since = NULL
            WHERE id = $1 AND tenant = $2 AND face = $3 AND deleted_at IS NULL""")
        .execute(Tuple.of(id, tenant, face.name()))
        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
            : tx.preparedQuery("UPDATE hub_delivery SET next_attempt_at = $2 WHERE subscription_id = $1 AND delivered_at IS NULL")
                .execute(Tuple.of(id, time(now))).replaceWith(true)));
  }

  /** The live subscriptions that listen to a change of an appointment of these tenants. */
  public Uni<List<Subscription>> listeners(String tenant, String channel, String owner) {
    return pool.preparedQuery(SUBSCRIPTION
            + " WHERE s.deleted_at IS NULL AND ((s.tenant = $1 AND s.face = $2) OR (s.tenant = $3 AND s.face = 'OWNER'))")
        .execute(Tuple.of(tenant, channel, owner))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(SubscriptionRepository::subscription).toList());
  }

  private static Subscription subscription(Row r) {
    String[] types = r.getArrayOfStrings("event_types");
    return new Subscription(r.getUUID("id"), r.getString("tenant"), Subscription.Face.valueOf(r.getString("face")),
        r.getString("callback"), r.getString("query"), types == null ? List.of() : List.of(types), r.getString("secret"),
        r.getInteger("timeout_ms") == null ? null : r.getInteger("timeout_ms") / 1000, instant(r, "created_at"), instant(r, "failing_since"), r.getString("last_error"), instant(r, "parked_at"),
        r.getLong("pending"));
  }
}
