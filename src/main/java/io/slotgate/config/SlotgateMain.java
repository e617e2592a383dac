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
      Quarkus.run(Migrated.class, SlotgateMain::exit, args);
    } else {
      Quarkus.run(Served.class, SlotgateMain::exit, args);
    }
  }

  /**
   * A failed start ends with one line naming the innermost cause (a refused database connection, an
   * unreachable identity provider), which otherwise sits deep in the stack trace.
   */
  static void exit(int code, Throwable failure) {
    if (failure != null) {
      Logger log = Logger.getLogger(SlotgateMain.class);
      log.error("Failed to start application", failure);
      // The innermost cause first (the reason), then what it broke, one line each, without repeats.
      java.util.List<String> said = new java.util.ArrayList<>();
      for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        String text = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        if (!text.isBlank() && !text.equals("Failed to start quarkus") && said.stream().noneMatch(s -> s.contains(text))) {
          said.add(cause.getClass().getSimpleName() + ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
      }
      log.errorf("slotgate could not start: %s", String.join(", in: ", said.reversed()));
    }
    System.exit(code);
  }

  /** Serves until asked to stop. */
  public static class Served implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Quarkus.waitForExit();
      return 0;
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
