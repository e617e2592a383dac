package io.slotgate.api.http;

import io.slotgate.config.SlotgateConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while our database answers {@code SELECT 1} within {@code slotgate.readiness-timeout}; DOWN
 * (with the reason) as soon as it does not, so a probe never hangs on a stalled database.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

  private final Pool pool;
  private final Duration timeout;

  public DatabaseReadiness(Pool pool, SlotgateConfig config) {
    this.pool = pool;
    this.timeout = config.readinessTimeout();
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return pool.query("SELECT 1").execute()
        .map(rows -> HealthCheckResponse.named("database").up().build())
        .ifNoItem().after(timeout).recoverWithItem(() -> down("no answer within " + timeout.toMillis() + " ms"))
        .onFailure().recoverWithItem(failure -> down(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
  }

  private static HealthCheckResponse down(String reason) {
    return HealthCheckResponse.named("database").down().withData("reason", reason).build();
  }
}
