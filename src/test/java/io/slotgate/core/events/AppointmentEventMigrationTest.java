package io.slotgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.AppointmentRepository;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.core.appointment.HistoryEntry;
import io.slotgate.core.events.EventRepository.Event;
import io.slotgate.testing.EmbeddedPostgres;
import io.slotgate.testing.Migrations;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 24: V11 folds appointment_history and outbox into appointment_event. A database filled by the old
 * statements (copied below from the code before V11) keeps every appointment's history as the lifecycle face
 * reads it, and its unpublished outbox rows are published once, in order, and nothing already published again.
 * The second test goes on from the first one's migrated database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppointmentEventMigrationTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  /** The old hold: the appointment with its history row and outbox row, one statement. */
  private static final String OLD_INSERT = """
      WITH created AS (
        INSERT INTO appointment (id, tenant, owner, channel, supplier_reference, start_at, end_at, status, expires_at,
          created_at, created_by, created_by_type, created_from, updated_at, updated_by, updated_by_type, updated_from)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        RETURNING id, tenant, status, created_at, created_by, created_by_type, created_from
      ), history AS (
        INSERT INTO appointment_history (appointment_id, at, actor, actor_type, face, action, from_status, to_status)
        SELECT id, created_at, created_by, created_by_type, created_from, ?, NULL, status FROM created
      ), event AS (
        INSERT INTO outbox (appointment_id, tenant, type, payload, created_at)
        SELECT id, tenant, 'appointment.status-changed',
          jsonb_build_object('id', id, 'from', NULL, 'to', status, 'action', ?::text), created_at
        FROM created
      )
      SELECT count(*) FROM created""";

  /** The old move, reduced to its status change, history row and outbox row. */
  private static final String OLD_MOVE = """
      WITH cur AS (
        SELECT id, status FROM appointment WHERE id = ? FOR UPDATE
      ), moved AS (
        UPDATE appointment a SET status = ?, updated_at = ?, updated_by = ?, updated_by_type = ?, updated_from = ?,
          version = a.version + 1
        FROM cur WHERE a.id = cur.id
        RETURNING a.id, a.tenant, cur.status AS previous, a.status
      ), history AS (
        INSERT INTO appointment_history (appointment_id, at, actor, actor_type, face, action, from_status, to_status)
        SELECT id, ?, ?, ?, ?, ?, previous, status FROM moved
      ), event AS (
        INSERT INTO outbox (appointment_id, tenant, type, payload, created_at)
        SELECT id, tenant, 'appointment.status-changed',
          jsonb_build_object('id', id, 'from', previous, 'to', status, 'action', ?::text), ?
        FROM moved
      )
      SELECT count(*) FROM moved""";

  /** The old sweep (HoldExpiry.expire before V11). */
  private static final String OLD_SWEEP = """
      WITH lapsed AS (
        SELECT id FROM appointment WHERE status = 'RESERVED' AND expires_at <= ? ORDER BY expires_at FOR UPDATE
      ), done AS (
        UPDATE appointment a
        SET status = 'EXPIRED', updated_at = ?, updated_by = 'slotgate-sweeper',
            updated_by_type = 'OTHER', updated_from = 'OTHER', version = a.version + 1
        WHERE a.id = ANY(ARRAY(SELECT id FROM lapsed))
        RETURNING a.id, a.tenant
      ), history AS (
        INSERT INTO appointment_history (appointment_id, at, actor, actor_type, face, action, from_status, to_status)
        SELECT id, ?, 'slotgate-sweeper', 'OTHER', 'OTHER', 'expire', 'RESERVED', 'EXPIRED' FROM done
      ), event AS (
        INSERT INTO outbox (appointment_id, tenant, type, payload, created_at)
        SELECT id, tenant, 'appointment.status-changed',
          jsonb_build_object('id', id, 'from', 'RESERVED', 'to', 'EXPIRED', 'action', 'expire'), ?
        FROM done
      )
      SELECT count(*) FROM done""";

  private static EmbeddedPostgres postgres;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.startEphemeral("event-migration");
    vertx = Vertx.vertx();
    PgConnectOptions connect = new PgConnectOptions().setHost("localhost").setPort(postgres.port())
        .setDatabase(EmbeddedPostgres.DATABASE).setUser(EmbeddedPostgres.USER);
    pool = Pool.newInstance(PgBuilder.pool().connectingTo(connect).with(new PoolOptions().setMaxSize(2))
        .using(vertx).build());
  }

  @AfterAll
  static void stop() {
    pool.closeAndAwait();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    postgres.stop();
  }

  @Test
  @Order(1)
  void historyIsUnchangedAndUnpublishedOutboxRowsArePublishedOnceInOrder() throws Exception {
    flyway("10").migrate();
    List<UUID> appointments = new ArrayList<>();
    try (Connection db = connect()) {
      // A hold confirmed and cancelled; a second hold confirmed at the very instant it was placed (two rows
      // alike but for their statuses); an invite accepted and rescheduled (ACCEPTED to ACCEPTED, twice at one
      // instant); three holds that lapse and are swept; one hold that stays.
      UUID a = hold(db, "B1", "O1", "WHOLESALE", "RESERVED", "hold", T0);
      move(db, a, "ACCEPTED", "confirm", T0.plusSeconds(60));
      move(db, a, "CANCELLED", "cancel", T0.plusSeconds(120));
      UUID b = hold(db, "B2", "O1", "BOOKING", "RESERVED", "hold", T0.plusSeconds(5));
      move(db, b, "INCOMING_REQUEST", "confirm", T0.plusSeconds(5));
      move(db, b, "ACCEPTED", "accept", T0.plusSeconds(300));
      UUID c = hold(db, "O1", "O1", "LIFECYCLE", "OUTGOING_INVITE", "invite", T0.plusSeconds(10));
      move(db, c, "ACCEPTED", "accept", T0.plusSeconds(20));
      move(db, c, "ACCEPTED", "reschedule", T0.plusSeconds(400));
      move(db, c, "ACCEPTED", "reschedule", T0.plusSeconds(400));
      List<UUID> lapsing = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        lapsing.add(hold(db, "B1", "O2", "WHOLESALE", "RESERVED", "hold", T0.plusSeconds(30 + i)));
      }
      UUID d = hold(db, "B3", "O2", "BOOKING", "RESERVED", "hold", T0.plusSeconds(2000));
      sweep(db, T0.plusSeconds(1000));
      appointments.addAll(List.of(a, b, c, d));
      appointments.addAll(lapsing);

      // The old publisher took outbox rows with SKIP LOCKED, so what it had published need not be a prefix:
      // the first six and the ninth are published, and the retention job already deleted the first two.
      try (Statement statement = db.createStatement()) {
        statement.execute("""
            UPDATE outbox SET published_at = '2026-12-01T09:00:00Z'
            WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 6) OR id = (SELECT id FROM outbox ORDER BY id OFFSET 8 LIMIT 1)""");
        statement.execute("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT 2)");
      }
    }
    Map<UUID, List<HistoryEntry>> before = new LinkedHashMap<>();
    for (UUID id : appointments) {
      before.put(id, oldHistory(id));
    }
    List<String> pending = oldPending();
    assertEquals(17, before.values().stream().mapToInt(List::size).sum());
    assertEquals(17 - 7, pending.size());

    flyway(null).migrate();

    AppointmentRepository repository = new AppointmentRepository(pool, new ObjectMapper());
    for (UUID id : appointments) {
      assertEquals(before.get(id), repository.history(id).await().indefinitely(), "history of " + id);
    }
    assertEquals(0, count("SELECT count(*) FROM pg_tables WHERE tablename IN ('appointment_history', 'outbox')"));
    EventRepository hub = new EventRepository(pool, null);
    List<String> published = publishAll(hub, 4);
    assertEquals(pending, published);
    assertEquals(List.of(), publishAll(hub, 200), "nothing is published twice");
  }

  @Test
  @Order(2)
  void anEventCommittedAfterALaterOneIsPublishedNotSkipped() throws Exception {
    flyway(null).migrate();
    EventRepository hub = new EventRepository(pool, null);
    publishAll(hub, 200);
    UUID first;
    UUID second;
    try (Connection db = connect()) {
      first = insertAppointment(db, "B9", "O9");
      second = insertAppointment(db, "B9", "O9");
    }
    try (Connection slow = connect(); Connection quick = connect()) {
      slow.setAutoCommit(false);
      quick.setAutoCommit(false);
      // The slow transaction draws the lower id, the quick one commits first and is published.
      event(slow, first, "hold", "RESERVED", T0);
      event(quick, second, "hold", "RESERVED", T0.plusSeconds(1));
      quick.commit();
      assertEquals(List.of(second + " hold RESERVED " + T0.plusSeconds(1) + " B9 O9 WHOLESALE"), publishAll(hub, 200));
      event(quick, second, "confirm", "ACCEPTED", T0.plusSeconds(2));
      slow.commit();
      assertEquals(List.of(first + " hold RESERVED " + T0 + " B9 O9 WHOLESALE"), publishAll(hub, 200),
          "the lower id, committed late, comes in the next round; the uncommitted one not yet");
      quick.commit();
      assertEquals(List.of(second + " confirm ACCEPTED " + T0.plusSeconds(2) + " B9 O9 WHOLESALE"),
          publishAll(hub, 200));
    }
    assertTrue(publishAll(hub, 200).isEmpty());
  }

  private static Flyway flyway(String target) {
    return Migrations.flyway(postgres, target);
  }

  private static Connection connect() throws SQLException {
    return Migrations.connect(postgres);
  }

  /** Publishes batch after batch until a round brings nothing; answers each event as one line. */
  private static List<String> publishAll(EventRepository hub, int batch) {
    List<String> seen = new ArrayList<>();
    while (hub.publish(batch, Instant.now(), events -> {
      events.forEach(e -> seen.add(line(e)));
      return Uni.createFrom().item(List.of());
    }).await().indefinitely() > 0) {
      // next batch
    }
    return seen;
  }

  private static String line(Event e) {
    return e.appointmentId() + " " + e.action() + " " + e.status() + " " + e.at() + " " + e.tenant() + " "
        + e.owner() + " " + e.channel();
  }

  private static UUID hold(Connection db, String tenant, String owner, String channel, String status, String action,
      Instant at) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert = db.prepareStatement(OLD_INSERT)) {
      Object[] values = {id, tenant, owner, channel, "REF-" + id, ts(at.plusSeconds(86_400)),
          ts(at.plusSeconds(90_000)), status, "RESERVED".equals(status) ? ts(at.plusSeconds(900)) : null, ts(at),
          "user-" + tenant, "USER", channel, ts(at), "user-" + tenant, "USER", channel, action, action};
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.executeQuery().close();
    }
    return id;
  }

  private static void move(Connection db, UUID id, String to, String action, Instant at) throws SQLException {
    try (PreparedStatement move = db.prepareStatement(OLD_MOVE)) {
      Object[] values = {id, to, ts(at), "back-office", "EMPLOYEE", "LIFECYCLE", ts(at), "back-office", "EMPLOYEE",
          "LIFECYCLE", action, action, ts(at)};
      for (int i = 0; i < values.length; i++) {
        move.setObject(i + 1, values[i]);
      }
      move.executeQuery().close();
    }
  }

  private static void sweep(Connection db, Instant now) throws SQLException {
    try (PreparedStatement sweep = db.prepareStatement(OLD_SWEEP)) {
      for (int i = 1; i <= 4; i++) {
        sweep.setObject(i, ts(now));
      }
      sweep.executeQuery().close();
    }
  }

  private static UUID insertAppointment(Connection db, String tenant, String owner) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert = db.prepareStatement("""
        INSERT INTO appointment (id, tenant, owner, channel, supplier_reference, start_at, end_at, status,
          created_at, created_by, created_by_type, created_from, updated_at, updated_by, updated_by_type, updated_from)
        VALUES (?, ?, ?, 'WHOLESALE', ?, ?, ?, 'RESERVED', ?, 'u', 'USER', 'WHOLESALE', ?, 'u', 'USER', 'WHOLESALE')""")) {
      Object[] values = {id, tenant, owner, "REF-" + id, ts(T0.plusSeconds(86_400)), ts(T0.plusSeconds(90_000)),
          ts(T0), ts(T0)};
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.executeUpdate();
    }
    return id;
  }

  private static void event(Connection db, UUID id, String action, String to, Instant at) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement("""
        INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status,
          to_status)
        VALUES (?, (SELECT owner FROM appointment WHERE id = ?), ?, 'u', 'USER', 'WHOLESALE', ?, NULL, ?)""")) {
      insert.setObject(1, id);
      insert.setObject(2, id);
      insert.setObject(3, ts(at));
      insert.setString(4, action);
      insert.setString(5, to);
      insert.executeUpdate();
    }
  }

  /** The history as the lifecycle face read it before V11. */
  private static List<HistoryEntry> oldHistory(UUID id) throws SQLException {
    List<HistoryEntry> entries = new ArrayList<>();
    try (Connection db = connect(); PreparedStatement select = db.prepareStatement("""
        SELECT at, actor, actor_type, face, action, from_status, to_status
        FROM appointment_history WHERE appointment_id = ? ORDER BY id""")) {
      select.setObject(1, id);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          entries.add(new HistoryEntry(r.getTimestamp("at").toInstant(),
              new Actor(r.getString("actor"), r.getString("actor_type"), r.getString("face")), r.getString("action"),
              r.getString("from_status") == null ? null : AppointmentStatus.valueOf(r.getString("from_status")),
              AppointmentStatus.valueOf(r.getString("to_status"))));
        }
      }
    }
    return entries;
  }

  /** What the old publisher would have published next, in its order, as the lines publishAll answers. */
  private static List<String> oldPending() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection db = connect(); Statement statement = db.createStatement(); ResultSet r = statement.executeQuery("""
        SELECT o.appointment_id, o.payload->>'action' AS action, o.payload->>'to' AS status, o.created_at,
          a.tenant, a.owner, a.channel
        FROM outbox o JOIN appointment a ON a.id = o.appointment_id
        WHERE o.published_at IS NULL ORDER BY o.id""")) {
      while (r.next()) {
        lines.add(r.getObject("appointment_id") + " " + r.getString("action") + " " + r.getString("status") + " "
            + r.getTimestamp("created_at").toInstant() + " " + r.getString("tenant") + " " + r.getString("owner")
            + " " + r.getString("channel"));
      }
    }
    return lines;
  }

  private static long count(String sql) throws SQLException {
    try (Connection db = connect(); Statement statement = db.createStatement(); ResultSet r = statement.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
