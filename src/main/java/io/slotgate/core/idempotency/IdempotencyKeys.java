package io.slotgate.core.idempotency;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

import io.quarkus.scheduler.Scheduled;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.SqlStates;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Idempotency-Key records: who claimed a key, for which request, and the answer it got. A key is claimed by one
 * statement the database decides (the primary key), so of two concurrent requests with one key exactly one runs.
 */
@ApplicationScoped
public class IdempotencyKeys {

  private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

  /** What a key holds: the request it was first used for and, once answered, the answer. */
  public record Record(String requestHash, Integer status, Map<String, String> headers, String body) {
    public boolean answered() {
      return status != null;
    }
  }

  /** Outcome of a claim: ours to run, or the key's record as another request left it. */
  public sealed interface Claim {
    record Mine() implements Claim {}

    record Taken(Record record) implements Claim {}
  }

  private final Pool pool;
  private final Clock clock;
  private final SlotgateConfig config;

  public IdempotencyKeys(Pool pool, Clock clock, SlotgateConfig config) {
    this.pool = pool;
    this.clock = clock;
    this.config = config;
  }

  /**
   * Claims {@code key} for this request: new keys, and keys whose earlier claim for the same request lapsed unanswered
   * (its instance died before storing the answer), are ours; otherwise answers the record as it stands.
   */
  public Uni<Claim> claim(String tenant, String key, String requestHash) {
    // The lease runs on the database's clock from when the claim is written, not from when the request arrived: a
    // request that waited out a stall for its claim still has its whole lease to store its answer.
    return pool.preparedQuery("""
            INSERT INTO idempotency_key (tenant, key, request_hash, claimed_until, created_at)
            VALUES ($1, $2, $3, clock_timestamp() + $4 * interval '1 millisecond', $5)
            ON CONFLICT (tenant, key) DO UPDATE SET claimed_until = EXCLUDED.claimed_until, created_at = EXCLUDED.created_at
              WHERE idempotency_key.status IS NULL AND idempotency_key.claimed_until < clock_timestamp()
                AND idempotency_key.request_hash = $3
            RETURNING true AS mine""")
        .execute(Tuple.of(tenant, key, requestHash, config.idempotency().lease().toMillis(), time(clock.instant())))
        .chain(rows -> rows.size() == 1
            ? Uni.createFrom().item((Claim) new Claim.Mine())
            : read(tenant, key).map(record -> record.<Claim>map(Claim.Taken::new)
                // The other claim went away between the two statements (its request failed): a retry may claim it.
                .orElseThrow(SqlStates::unavailable)));
  }

  /** Stores the answer the claimed request got. */
  public Uni<Void> answer(String tenant, String key, int status, Map<String, String> headers, String body) {
    return pool.preparedQuery("UPDATE idempotency_key SET status = $3, headers = $4, body = $5 WHERE tenant = $1 AND key = $2")
        .execute(Tuple.of(tenant, key, status, new JsonObject(Map.copyOf(headers)), body)).replaceWithVoid();
  }

  /** Gives the key up unanswered: the request changed nothing (it was refused), so a retry runs it afresh. */
  public Uni<Void> release(String tenant, String key) {
    return pool.preparedQuery("DELETE FROM idempotency_key WHERE tenant = $1 AND key = $2 AND status IS NULL")
        .execute(Tuple.of(tenant, key)).replaceWithVoid();
  }

  private Uni<Optional<Record>> read(String tenant, String key) {
    return pool.preparedQuery("SELECT request_hash, status, headers, body FROM idempotency_key WHERE tenant = $1 AND key = $2")
        .execute(Tuple.of(tenant, key))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(record(rows.iterator().next())));
  }

  private static Record record(Row row) {
    JsonObject headers = row.getJsonObject("headers");
    Map<String, String> copied = new java.util.LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(entry -> copied.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return new Record(row.getString("request_hash"), row.getInteger("status"), copied, row.getString("body"));
  }

  /** Forgets keys older than {@code slotgate.idempotency.retention}, a bounded batch per tick. */
  @Scheduled(every = "10m", delayed = "1m", concurrentExecution = SKIP, identity = "idempotency-retention")
  Uni<Void> prune() {
    Instant before = clock.instant().minus(config.idempotency().retention());
    return pool.preparedQuery("""
            DELETE FROM idempotency_key WHERE ctid = ANY(ARRAY(
              SELECT ctid FROM idempotency_key WHERE created_at < $1 LIMIT 10000))""")
        .execute(Tuple.of(time(before)))
        .invoke(rows -> {
          if (rows.rowCount() > 0) {
            LOG.infof("Forgot %d idempotency keys older than %s", rows.rowCount(), config.idempotency().retention());
          }
        })
        .replaceWithVoid()
        .onFailure(SqlStates::databaseAway).recoverWithUni(failure -> {
          LOG.warnf("Idempotency key retention skipped, the database is unavailable (%s)", failure.getMessage());
          return Uni.createFrom().voidItem();
        });
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
