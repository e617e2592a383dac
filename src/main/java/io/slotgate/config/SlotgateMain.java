package io.slotgate.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar} serves; {@code java -jar quarkus-run.jar migrate} brings the database
 * schema up to date and exits (a deploy step or Kubernetes Job before instances start with
 * {@code SLOTGATE_MIGRATE_AT_START=false}). Migrating opens no port and runs no scheduler.
 */
@QuarkusMain
public class SlotgateMain {

  public static void main(String... args) {
    if (java.util.Arrays.asList(args).contains("migrate")) {
      System.setProperty("quarkus.flyway.migrate-at-start", "true");
      System.setProperty("quarkus.http.host-enabled", "false");
      System.setProperty("quarkus.scheduler.enabled", "false");
      System.setProperty("slotgate.demo.load-on-start", "false");
      Quarkus.run(Migrated.class, args);
    } else {
      Quarkus.run(args);
    }
  }

  /** Flyway ran during start (or the start failed and says why); nothing is left to do. */
  public static class Migrated implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Logger.getLogger(SlotgateMain.class).info("Database schema is up to date");
      return 0;
    }
  }
}
