package io.slotgate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct reads of the test database, to check what a request stored (or did not). */
public final class Db {

  private Db() {}

  /** Locks one row in an open transaction until released, to make two requests overlap for certain. */
  public static RowLock lockRow(String table, String id) throws SQLException {
    Connection connection = DriverManager.getConnection(PostgresResource.postgres().jdbcUrl(), EmbeddedPostgres.USER, "");
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1 FROM " + table + " WHERE id = '" + id + "' FOR UPDATE").close();
    }
    return new RowLock(connection);
  }

  /** A held row lock; {@link #releaseWhenWaiting} lets go once that many statements queue behind it. */
  public static final class RowLock implements AutoCloseable {
    private final Connection connection;

    RowLock(Connection connection) {
      this.connection = connection;
    }

    public void releaseWhenWaiting(int waiters) throws Exception {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") < waiters) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Fewer than " + waiters + " statements queued on the lock");
        }
        Thread.onSpinWait();
      }
      close();
    }

    @Override
    public void close() throws SQLException {
      if (!connection.isClosed()) {
        connection.commit();
        connection.close();
      }
    }
  }

  public static String text(String sql) {
    try (Connection connection = DriverManager.getConnection(PostgresResource.postgres().jdbcUrl(),
        EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(String sql) {
    try (Connection connection = DriverManager.getConnection(PostgresResource.postgres().jdbcUrl(),
        EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Guarantee 5's capacity half: every occupying appointment of local capacity (a branch booking, an
   * invitation, or a wholesale appointment of a calendar supplier) holds an unreleased claim for each
   * reservation, and a service combination's in every segment it claims (all of them, or the one stretch of a
   * same-resource combination). Answers the ids that do not; tests assert it is empty after their concurrency.
   */
  public static java.util.List<String> appointmentsWithoutClaims() {
    String sql = """
        SELECT a.id::text FROM appointment a
        WHERE (a.status IN ('INCOMING_REQUEST', 'ACCEPTED', 'OUTGOING_INVITE')
               OR (a.status = 'RESERVED' AND a.expires_at > now()))
          AND NOT a.remote
          AND (coalesce((SELECT min(n) FROM (SELECT count(*) AS n FROM slot_claim c
                 WHERE c.appointment_id = a.id AND NOT c.released GROUP BY c.segment) per_segment), 0) < a.reservations
               OR a.combination_id IS NOT NULL AND (SELECT count(DISTINCT c.segment) FROM slot_claim c
                 WHERE c.appointment_id = a.id AND NOT c.released) <> (SELECT CASE WHEN s.same_resource THEN 1
                 ELSE jsonb_array_length(a.segments) END FROM service_combination s WHERE s.id = a.combination_id))""";
    try (Connection connection = DriverManager.getConnection(PostgresResource.postgres().jdbcUrl(),
        EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      java.util.List<String> ids = new java.util.ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void assertCapacityIntact() {
    java.util.List<String> broken = appointmentsWithoutClaims();
    if (!broken.isEmpty()) {
      throw new AssertionError("Occupying appointments without their claims: " + broken);
    }
  }
}
