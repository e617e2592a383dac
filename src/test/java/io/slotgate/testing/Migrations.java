package io.slotgate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/** The app's migrations on a database of a test's own, for tests of the schema itself (its keys, its upgrades). */
public final class Migrations {

  private Migrations() {}

  /** Flyway on {@code postgres} with the app's migrations, up to {@code target} (all of them when null). */
  public static Flyway flyway(EmbeddedPostgres postgres, String target) {
    var config = Flyway.configure().dataSource(postgres.jdbcUrl(), EmbeddedPostgres.USER, "")
        .locations("classpath:db/migration");
    return (target == null ? config : config.target(target)).load();
  }

  public static Connection connect(EmbeddedPostgres postgres) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgres.USER, "");
  }
}
