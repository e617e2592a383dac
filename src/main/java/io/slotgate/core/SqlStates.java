package io.slotgate.core;

import java.util.List;
import java.util.Map;

/**
 * Turns what PostgreSQL refused into the domain's words, by SQLSTATE (never by message text): a unique
 * or exclusion violation is a conflict with what exists, bad data is invalid input, a lost or refused
 * connection means our database is unavailable. Anything else stays what it was.
 */
public final class SqlStates {

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
      if (cause instanceof java.net.ConnectException || cause instanceof io.vertx.sqlclient.ClosedConnectionException) {
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
   * Whether {@code failure} says our own database is away or stalled (refused, closed, restarting, no connection
   * free in time): background jobs then try again at their next tick, and say so at WARN, not ERROR.
   */
  public static boolean databaseAway(Throwable failure) {
    if (translate(failure) instanceof DomainFailure domain && domain.kind() == DomainFailure.Kind.SERVICE_UNAVAILABLE) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof java.net.SocketException
          || cause instanceof io.vertx.core.http.ConnectionPoolTooBusyException
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
