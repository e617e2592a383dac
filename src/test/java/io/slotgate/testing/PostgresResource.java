package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one real embedded PostgreSQL for the test run and points the datasource at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private static EmbeddedPostgres postgres;

  @Override
  public synchronized Map<String, String> start() {
    if (postgres == null) {
      postgres = EmbeddedPostgres.startEphemeral("test");
    }
    return Map.of(
        "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
        "quarkus.datasource.username", EmbeddedPostgres.USER,
        "quarkus.datasource.password", "unused");
  }

  @Override
  public void stop() {
    // The server stops with the JVM (shutdown hook), so later test classes can reuse it.
  }

  public static EmbeddedPostgres postgres() {
    return postgres;
  }
}
