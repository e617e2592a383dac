package io.slotgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slotgate.testing.EmbeddedPostgres;
import io.slotgate.testing.Migrations;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Issue 26: the schema Citus could shard by the capacity owner. Each table's role is declared once below
 * ({@link #ROLES}); the migrated catalog (pg_constraint, pg_indexes) is read and every primary key, unique and
 * exclusion constraint and unique index of a distributed table must include its distribution column (with
 * {@code =} in an exclusion constraint), and foreign keys may only join co-located tables on that column or point
 * at reference tables. No Citus package is reachable here, so this is as far as it is checked: the rules are
 * Citus's documented ones for {@code create_distributed_table}, not a run of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CitusReadySchemaTest {

  /** What Citus would make of a table. */
  sealed interface Role {}

  /** Sharded by {@code column}; tables of one {@code colocation} group keep equal values on one node. */
  record Distributed(String column, String colocation) implements Role {}

  /** Copied to every node: small, read everywhere, rarely written. */
  record Reference() implements Role {}

  /** Stays on the coordinator only (a Citus local table), for the reason given. */
  record Local(String why) implements Role {}

  private static final String OWNER = "owner";
  private static final String BOOKER = "booker";

  /** Every table of the schema and its role; a table missing here fails {@link #everyTableHasARole()}. */
  static final Map<String, Role> ROLES = roles();

  private static Map<String, Role> roles() {
    Map<String, Role> roles = new LinkedHashMap<>();
    // The capacity: an appointment, its claims and its events live on the owner's shard; a hold is one shard.
    roles.put("appointment", new Distributed("owner", OWNER));
    roles.put("slot_claim", new Distributed("owner", OWNER));
    roles.put("appointment_event", new Distributed("owner", OWNER));
    // Coverage lists can be long (every UPRN a supplier serves); tenant is the supplier's owner.
    roles.put("supplier_coverage", new Distributed("tenant", OWNER));
    // The booker's replay store for Idempotency-Key (issue 23), keyed by the booker.
    roles.put("idempotency_key", new Distributed("tenant", BOOKER));
    // The booker's client ids (wholesale id, branch Idempotency-Key): one appointment each, whichever owner's.
    roles.put("booker_request", new Distributed("tenant", BOOKER));
    // The catalogue and routing: small, read by every search and hold, written by administrators.
    for (String table : List.of("tenant_settings", "branch", "service_group", "service", "service_combination",
        "resource", "schedule_rule", "supplier", "route", "supplier_grant")) {
      roles.put(table, new Reference());
    }
    String publisher = "the publisher's snapshot rounds (event_cursor) are one node's transaction ids; sharded"
        + " publishing is per-shard cursors or change data capture, not built";
    roles.put("event_cursor", new Local(publisher));
    roles.put("hub_subscription", new Local(publisher + "; the hub's subscriptions and queue stay beside it"));
    roles.put("hub_delivery", new Local(publisher + "; its size is the undelivered backlog plus retention"));
    roles.put("flyway_schema_history", new Local("Flyway's own bookkeeping"));
    return roles;
  }

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = EmbeddedPostgres.startEphemeral("citus-schema");
  }

  @AfterAll
  static void stop() {
    postgres.stop();
  }

  /** Rows written before V18 get their owner from their appointment; client ids move to booker_request. */
  @Test
  @Order(1)
  void existingRowsGetTheOwnerOfTheirAppointment() throws SQLException {
    flyway("17").migrate();
    UUID appointment = UUID.randomUUID();
    UUID resource = UUID.randomUUID();
    Timestamp start = Timestamp.from(Instant.parse("2026-12-07T09:00:00Z"));
    Timestamp end = Timestamp.from(Instant.parse("2026-12-07T10:00:00Z"));
    try (Connection db = connect()) {
      insert(db, """
          INSERT INTO appointment (id, tenant, owner, channel, external_id, supplier_reference, start_at, end_at,
            status, created_at, created_by, created_by_type, created_from, updated_at, updated_by, updated_by_type,
            updated_from)
          VALUES (?, 'booker-a', 'owner-b', 'WHOLESALE', 'client-1', 'ref-1', ?, ?, 'CONFIRMED', ?, 'u', 'USER',
            'WHOLESALE', ?, 'u', 'USER', 'WHOLESALE')""", appointment, start, end, start, start);
      insert(db, """
          INSERT INTO slot_claim (appointment_id, resource_id, during) VALUES (?, ?, tstzrange(?, ?, '[)'))""",
          appointment, resource, start, end);
      insert(db, """
          INSERT INTO appointment_event (appointment_id, at, actor, actor_type, face, action, to_status)
          VALUES (?, ?, 'u', 'USER', 'WHOLESALE', 'hold', 'RESERVED')""", appointment, start);
    }

    flyway(null).migrate();

    try (Connection db = connect(); Statement read = db.createStatement()) {
      for (String table : List.of("slot_claim", "appointment_event")) {
        try (ResultSet rows = read.executeQuery("SELECT DISTINCT owner FROM " + table)) {
          assertTrue(rows.next(), table);
          assertEquals("owner-b", rows.getString(1), table);
        }
      }
      // The booker's client id moved to booker_request, naming the appointment and its owner.
      try (ResultSet rows = read.executeQuery("SELECT tenant, channel, external_id, owner, appointment_id "
          + "FROM booker_request")) {
        assertTrue(rows.next(), "booker_request");
        assertEquals("booker-a|WHOLESALE|client-1|owner-b|" + appointment, rows.getString(1) + "|"
            + rows.getString(2) + "|" + rows.getString(3) + "|" + rows.getString(4) + "|" + rows.getString(5));
      }
    }
  }

  @Test
  @Order(2)
  void everyTableHasARole() throws SQLException {
    flyway(null).migrate();
    List<String> tables = tables();
    List<String> undeclared = tables.stream().filter(t -> !ROLES.containsKey(t)).toList();
    List<String> gone = ROLES.keySet().stream().filter(t -> !tables.contains(t)).toList();
    System.out.println(listing());
    assertEquals(List.of(), undeclared, "tables without a role in CitusReadySchemaTest.ROLES");
    assertEquals(List.of(), gone, "roles declared for tables the schema no longer has");
  }

  @Test
  @Order(3)
  void everyKeyOfADistributedTableIncludesItsDistributionColumn() throws SQLException {
    assertNoViolations("keys Citus would refuse", (db, violations) -> {
      for (var entry : ROLES.entrySet()) {
        if (!(entry.getValue() instanceof Distributed distributed) || !tables().contains(entry.getKey())) {
          continue;
        }
        String table = entry.getKey();
        String column = distributed.column();
        if (!notNullColumn(db, table, column)) {
          violations.add(table + ": no NOT NULL distribution column " + column);
          continue;
        }
        // Primary key, unique and exclusion constraints; in an exclusion constraint the column must be compared
        // with =, or rows of one value on two shards could still conflict.
        eachRow(db, """
            SELECT c.conname, c.contype,
              ARRAY(SELECT a.attname::text || CASE WHEN c.contype = 'x' THEN ' ' || o.oprname ELSE '' END
                    FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                    LEFT JOIN pg_operator o ON o.oid = c.conexclop[k.n]
                    ORDER BY k.n) AS columns
            FROM pg_constraint c
            WHERE c.conrelid = ?::regclass AND c.contype IN ('p', 'u', 'x')""", rows -> {
          List<String> columns = strings(rows.getArray("columns"));
          String wanted = rows.getString("contype").equals("x") ? column + " =" : column;
          if (!columns.contains(wanted)) {
            violations.add(table + ": constraint " + rows.getString("conname") + " " + columns + " lacks " + wanted);
          }
        }, table);
        // Unique indexes, constraint-backed or not (CREATE UNIQUE INDEX makes no constraint), read from pg_indexes.
        eachRow(db, """
            SELECT x.indexname, x.indexdef,
              ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k(attnum)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS columns
            FROM pg_indexes x
            JOIN pg_class ic ON ic.relname = x.indexname
            JOIN pg_namespace n ON n.oid = ic.relnamespace AND n.nspname = x.schemaname
            JOIN pg_index i ON i.indexrelid = ic.oid
            WHERE x.schemaname = 'public' AND x.tablename = ? AND i.indisunique""", rows -> {
          if (!strings(rows.getArray("columns")).contains(column)) {
            violations.add(table + ": unique index " + rows.getString("indexdef") + " lacks " + column);
          }
        }, table);
      }
    });
  }

  @Test
  @Order(4)
  void foreignKeysJoinCoLocatedTablesOnTheirDistributionColumnOrPointAtReferenceTables() throws SQLException {
    assertNoViolations("foreign keys Citus would refuse", (db, violations) -> {
      eachRow(db, """
        SELECT c.conname, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
          ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS child_columns,
          ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS parent_columns
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'""", rows -> {
        String name = rows.getString("child") + "." + rows.getString("conname") + " -> " + rows.getString("parent");
        Role child = ROLES.get(rows.getString("child"));
        Role parent = ROLES.get(rows.getString("parent"));
        List<String> childColumns = strings(rows.getArray("child_columns"));
        List<String> parentColumns = strings(rows.getArray("parent_columns"));
        if (parent instanceof Reference) {
          return;
        }
        if (child instanceof Distributed c && parent instanceof Distributed p) {
          int at = childColumns.indexOf(c.column());
          if (!c.colocation().equals(p.colocation())) {
            violations.add(name + ": not co-located (" + c.colocation() + ", " + p.colocation() + ")");
          } else if (at < 0 || !parentColumns.get(at).equals(p.column())) {
            violations.add(name + ": " + childColumns + " -> " + parentColumns + " does not pair " + c.column()
                + " with " + p.column());
          }
        } else if (!(child instanceof Local && parent instanceof Local)) {
          violations.add(name + ": a " + kind(child) + " table may not reference a " + kind(parent) + " one");
        }
      });
    });
  }

  /** Each table's role, one line each, grouped by role. */
  static String listing() {
    StringBuilder out = new StringBuilder("Citus roles (CitusReadySchemaTest.ROLES):\n");
    ROLES.forEach((table, role) -> out.append(String.format("  %-22s %s%n", table, switch (role) {
      case Distributed d -> "distributed by " + d.column() + ", co-location group " + d.colocation();
      case Reference r -> "reference";
      case Local l -> "local (coordinator): " + l.why();
    })));
    return out.toString();
  }

  private static String kind(Role role) {
    return role == null ? "undeclared" : role.getClass().getSimpleName().toLowerCase();
  }

  private static List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection db = connect()) {
      eachRow(db, """
          SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname""", rows -> tables.add(rows.getString(1)));
    }
    return tables;
  }

  /** A rule over the migrated schema: adds each breach it finds on {@code db} to {@code violations}. */
  private interface Rule {
    void check(Connection db, List<String> violations) throws SQLException;
  }

  /** Migrates to the latest schema and asserts that {@code rule} finds no breach; {@code what} names the breaches. */
  private static void assertNoViolations(String what, Rule rule) throws SQLException {
    flyway(null).migrate();
    List<String> violations = new ArrayList<>();
    try (Connection db = connect()) {
      rule.check(db, violations);
    }
    assertEquals(List.of(), violations, what);
  }

  /** Runs the insert {@code sql} on {@code db} with {@code values} bound in order. */
  private static void insert(Connection db, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  /** One row of a catalog query, read as JDBC reads: it may throw. */
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /**
   * Runs {@code sql} with {@code parameters} bound in order and hands each row to {@code reader}: every catalog read
   * above is a query and a loop over its rows, written once here.
   */
  private static void eachRow(Connection db, String sql, RowReader reader, String... parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }

  private static boolean notNullColumn(Connection db, String table, String column) throws SQLException {
    try (PreparedStatement read = db.prepareStatement("""
        SELECT attnotnull FROM pg_attribute WHERE attrelid = ?::regclass AND attname = ? AND NOT attisdropped""")) {
      read.setString(1, table);
      read.setString(2, column);
      try (ResultSet rows = read.executeQuery()) {
        return rows.next() && rows.getBoolean(1);
      }
    }
  }

  private static List<String> strings(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  private static Flyway flyway(String target) {
    return Migrations.flyway(postgres, target);
  }

  private static Connection connect() throws SQLException {
    return Migrations.connect(postgres);
  }
}
