package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one real embedded PostgreSQL for the test run and points the datasource at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private static volatile EmbeddedPostgres postgres;

  @Override
  public Map<String, String> start() {
    EmbeddedPostgres pg = primary();
    return Map.of(
        "quarkus.datasource.reactive.url", pg.reactiveUrl(),
        "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
        "quarkus.datasource.username", EmbeddedPostgres.USER,
        "quarkus.datasource.password", "unused");
  }

  @Override
  public void stop() {
    // The server stops with the JVM (shutdown hook), so later test classes can reuse it.
  }

  /** The test server, started here if no test resource has started it yet (a standby needs it first). */
  public static synchronized EmbeddedPostgres primary() {
    if (postgres == null) {
      postgres = EmbeddedPostgres.startEphemeral("test");
    }
    return postgres;
  }

  public static EmbeddedPostgres postgres() {
    return postgres;
  }
}
