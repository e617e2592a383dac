package io.slotgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slotgate.core.supplier.SupplierUnavailable;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** Issue 23: every way our own database can be away is 503 SERVICE_UNAVAILABLE; nothing else is. */
class SqlStatesTest {

  @Test
  void ourDatabaseRefusingResettingClosingRestartingOrFullIsUnavailable() {
    List<Throwable> away = List.of(
        new ConnectException("Connection refused"),
        new SocketException("Connection reset"),
        // What the JDK's socket read throws when PostgreSQL restarts under a query (CI's db-stall run: a 500).
        new IOException("Connection reset by peer"),
        new IOException("Broken pipe"),
        new ClosedChannelException(),
        ClosedConnectionException.INSTANCE,
        new PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
        new PgException("the database system is starting up", "FATAL", "57P03", null),
        new PgException("connection failure", "FATAL", "08006", null),
        new PgException("sorry, too many clients already", "FATAL", "53300", null),
        new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
        new NoStackTraceThrowable("Pending requests failed to be sent due to connection has been closed."),
        new VertxException("Pending requests failed to be sent due to connection has been closed.",
            new SocketException("Connection reset")),
        new VertxException("Connection was closed", true),
        new VertxException("Timeout waiting for connection", true),
        new NoStackTraceThrowable("Timeout"),
        new io.vertx.core.http.ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 8"));
    for (Throwable failure : away) {
      // As the services see them: bare, or wrapped by Hibernate Reactive and the futures on the way.
      for (Throwable seen : List.of(failure, new HibernateException(new CompletionException(failure)))) {
        Throwable translated = SqlStates.translate(seen);
        assertTrue(translated instanceof DomainFailure domain && domain.kind() == DomainFailure.Kind.SERVICE_UNAVAILABLE
            && "5".equals(domain.arguments().get("retryAfterSeconds")), seen + " gave " + translated);
        assertTrue(SqlStates.databaseAway(seen), seen.toString());
      }
    }
  }

  @Test
  void aSuppliersFaultAndOurOwnBugsStayWhatTheyAre() {
    List<Throwable> others = List.of(
        SupplierUnavailable.fault("remote", "cannot be reached (ConnectException)"),
        SupplierUnavailable.timedOut("remote", java.time.Duration.ofSeconds(2)),
        new IllegalStateException("Connection is not active now"),
        new VertxException("Something else the client refused"),
        new IOException("Unexpected end of JSON input"),
        new PgException("deadlock detected", "ERROR", "40P01", null),
        new NullPointerException());
    for (Throwable failure : others) {
      assertSame(failure, SqlStates.translate(failure), failure.toString());
      assertFalse(SqlStates.databaseAway(failure), failure.toString());
    }
    assertEquals(DomainFailure.Kind.SUPPLIER_FAULT,
        ((DomainFailure) SqlStates.translate(SupplierUnavailable.fault("remote", "answered HTTP 500"))).kind());
  }
}
