package io.slotgate.core;

import java.util.List;
import java.util.Map;

/**
 * Turns what PostgreSQL refused into the domain's words, by SQLSTATE and exception type (message text only
 * where the Vert.x client gives a failure no type): a unique or exclusion violation is a conflict with what
 * exists, bad data is invalid input, a lost or refused connection means our database is unavailable. Anything
 * else stays what it was.
 */
public final class SqlStates {

  /**
   * How the Vert.x SQL client (4.5) fails a statement whose connection is gone or never came: with exceptions of
   * no type of their own, known here by their fixed texts (io.vertx.sqlclient.impl.SocketConnectionBase and
   * pool.SqlConnectionPool, io.vertx.core.net.impl.ConnectionBase), and only on its untyped exception classes.
   */
  private static final List<String> CONNECTION_GONE = List.of(
      "Connection is not active now", // a statement sent on a connection that has closed (a restart's 57P01)
      "Pending requests failed to be sent due to connection has been closed",
      "Connection was closed",
      "Timeout waiting for connection"); // none free within the pool's connection timeout
  /** A connection not leased within the pool's connection timeout (SqlConnectionPool#acquire). */
  private static final String ACQUISITION_TIMED_OUT = "Timeout";

  /** Friendlier words for the constraints a client can run into; others are named as they are. */
  private static final Map<String, String> CONSTRAINTS = Map.of(
      "service_code", "the tenant already has a live service with this code",
      "supplier_pkey", "the tenant already has a supplier with this id",
      "route_tenant_service_specification_key", "the tenant already routes this serviceSpecification",
      "tenant_settings_pkey", "the tenant's settings were written concurrently; read them and try again");

  private SqlStates() {}

  /** The domain failure for {@code failure}'s SQLSTATE anywhere in its cause chain, or {@code failure} itself. */
  public static Throwable translate(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (connectionFailed(cause)) {
        return unavailable();
      }
      String state = state(cause);
      if (state == null) {
        continue;
      }
      if (state.equals("23505") || state.equals("23P01")) {
        String constraint = constraint(cause);
        return DomainFailure.conflict("The change conflicts with what exists: "
            + CONSTRAINTS.getOrDefault(constraint, "constraint " + constraint));
      }
      if (state.startsWith("22")) {
        return DomainFailure.invalid("A value is not acceptable to the database (SQLSTATE " + state
            + "); check text fields for control characters and numbers and dates for their ranges");
      }
      if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
          || state.equals("53300")) {
        return unavailable();
      }
    }
    return failure;
  }

  /**
   * Whether {@code cause} is the connection to our database failing rather than a statement: refused, reset or
   * closed under it (a restart closes every connection), or none free in time. A remote supplier's transport
   * failures never reach here raw: its client turns each into SUPPLIER_FAULT or SUPPLIER_TIMED_OUT where it happens.
   */
  private static boolean connectionFailed(Throwable cause) {
    if (cause instanceof java.net.SocketException // refused (ConnectException), reset, broken pipe
        || cause instanceof java.nio.channels.ClosedChannelException // written after it closed (netty)
        || cause instanceof io.vertx.sqlclient.ClosedConnectionException
        // The pool's wait queue is full (Vert.x's generic connection pool names it after HTTP).
        || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
      return true;
    }
    if (cause.getClass() == java.io.IOException.class && cause.getMessage() != null) {
      // The JDK's socket read and write on Linux throw plain IOExceptions for a reset or a broken pipe.
      return cause.getMessage().startsWith("Connection reset") || cause.getMessage().startsWith("Broken pipe");
    }
    if (cause.getClass() != io.vertx.core.VertxException.class
        && cause.getClass() != io.vertx.core.impl.NoStackTraceThrowable.class || cause.getMessage() == null) {
      return false;
    }
    String message = cause.getMessage();
    return message.equals(ACQUISITION_TIMED_OUT) || CONNECTION_GONE.stream().anyMatch(message::startsWith);
  }

  /**
   * Whether {@code failure} says our own database is away or stalled (refused, closed, restarting, no connection
   * free in time): background jobs then try again at their next tick, and say so at WARN, not ERROR.
   */
  public static boolean databaseAway(Throwable failure) {
    if (translate(failure) instanceof DomainFailure domain && domain.kind() == DomainFailure.Kind.SERVICE_UNAVAILABLE) {
      return true;
    }
    // Beyond what translate() names: any timeout on the way (a stalled database answers nothing at all).
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.util.concurrent.TimeoutException
          || cause.getMessage() != null && cause.getMessage().startsWith("Timeout")) {
        return true;
      }
    }
    return false;
  }

  public static DomainFailure unavailable() {
    return new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE,
        List.of("slotgate's database is unavailable; retry shortly"), Map.of("retryAfterSeconds", "5"));
  }

  private static String state(Throwable cause) {
    if (cause instanceof io.vertx.pgclient.PgException pg) {
      return pg.getSqlState();
    }
    if (cause instanceof java.sql.SQLException sql) {
      return sql.getSQLState();
    }
    if (cause instanceof org.hibernate.JDBCException jdbc) {
      return jdbc.getSQLState();
    }
    return null;
  }

  private static String constraint(Throwable cause) {
    if (cause instanceof io.vertx.pgclient.PgException pg && pg.getConstraint() != null) {
      return pg.getConstraint();
    }
    if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
        && violation.getConstraintName() != null) {
      return violation.getConstraintName();
    }
    return "unknown";
  }
}
