package io.slotgate.config;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Makes the reactive pool that Hibernate Reactive, our repositories and readiness share: Quarkus' own, with its
 * settings, wrapped in {@link LeasingPool} so that our database restarting leaves nothing uncaught or unformatted.
 */
@Singleton
public class DatabasePool implements PgPoolCreator {

  // Quarkus 3 still types the pool bean as the deprecated PgPool (it casts what a creator returns to it).
  @SuppressWarnings("deprecation")
  @Override
  public Pool create(Input input) {
    return new LeasingPool(PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions()));
  }
}
