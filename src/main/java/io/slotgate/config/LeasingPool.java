package io.slotgate.config;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;
import org.jboss.logging.Logger;

/**
 * The reactive pool with two defects of the Vert.x 4.5 SQL client (4.5.25 here, unfixed up to 4.5.28) worked around,
 * each of which a PostgreSQL restart under load showed (issue 23, DatabaseRestartTest).
 *
 * <p>A statement run on the pool itself ({@code pool.query(…)}, {@code pool.preparedQuery(…)}) arms a timer for the
 * pool's connection timeout (30 s) that is not cancelled when getting a connection fails; a refused connection
 * completes the statement, and 30 s later the timer completes it again: "IllegalStateException: Result is already
 * complete", uncaught, once per statement tried while the database was away
 * (SqlConnectionPool#execute; https://github.com/eclipse-vertx/vertx-sql-client/issues/1706). Here every such
 * statement runs on a leased connection instead ({@link Pool#withConnection}), whose acquisition cancels its timer
 * on failure; the statements and their results are the same.
 *
 * <p>A leased connection without an exception handler prints what breaks it (the 57P01 a restarting database sends
 * every backend, a reset) with {@code printStackTrace}, outside our JSON log (SqlConnectionBase#handleException).
 * Every connection leased here, by Hibernate Reactive too, reports it to the log instead. The statement running on
 * it fails as well and is answered by whoever ran it (503, SqlStates).
 */
@SuppressWarnings("deprecation") // PgPool: the type Quarkus 3 gives the pool bean
final class LeasingPool implements PgPool {

  private static final Logger LOG = Logger.getLogger(LeasingPool.class);

  private final PgPool pool;

  LeasingPool(PgPool pool) {
    this.pool = pool;
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return pool.getConnection().map(LeasingPool::reporting);
  }

  @Override
  public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
    getConnection().onComplete(handler);
  }

  private static SqlConnection reporting(SqlConnection connection) {
    return connection.exceptionHandler(failure -> LOG.warnf("A database connection in use failed: %s", failure));
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new LeasedQuery<>(this, connection -> connection.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new LeasedPreparedQuery<>(this, connection -> connection.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new LeasedPreparedQuery<>(this, connection -> connection.preparedQuery(sql, options));
  }

  @Override
  public PgPool connectHandler(Handler<SqlConnection> handler) {
    pool.connectHandler(handler);
    return this;
  }

  @Override
  public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
    pool.connectionProvider(provider);
    return this;
  }

  @Override
  public int size() {
    return pool.size();
  }

  @Override
  public void close(Handler<AsyncResult<Void>> handler) {
    pool.close(handler);
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** A query run on a connection leased for it alone. */
  private record LeasedQuery<T>(Pool pool, Function<SqlConnection, Query<T>> query) implements Query<T> {

    @Override
    public Future<T> execute() {
      return pool.withConnection(connection -> query.apply(connection).execute());
    }

    @Override
    public void execute(Handler<AsyncResult<T>> handler) {
      execute().onComplete(handler);
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new LeasedQuery<>(pool, connection -> query.apply(connection).collecting(collector));
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new LeasedQuery<>(pool, connection -> query.apply(connection).mapping(mapper));
    }
  }

  /** A prepared query run on a connection leased for it alone. */
  private record LeasedPreparedQuery<T>(Pool pool, Function<SqlConnection, PreparedQuery<T>> query)
      implements PreparedQuery<T> {

    @Override
    public Future<T> execute() {
      return pool.withConnection(connection -> query.apply(connection).execute());
    }

    @Override
    public void execute(Handler<AsyncResult<T>> handler) {
      execute().onComplete(handler);
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return pool.withConnection(connection -> query.apply(connection).execute(tuple));
    }

    @Override
    public void execute(Tuple tuple, Handler<AsyncResult<T>> handler) {
      execute(tuple).onComplete(handler);
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return pool.withConnection(connection -> query.apply(connection).executeBatch(batch));
    }

    @Override
    public void executeBatch(List<Tuple> batch, Handler<AsyncResult<T>> handler) {
      executeBatch(batch).onComplete(handler);
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new LeasedPreparedQuery<>(pool, connection -> query.apply(connection).collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new LeasedPreparedQuery<>(pool, connection -> query.apply(connection).mapping(mapper));
    }
  }
}
