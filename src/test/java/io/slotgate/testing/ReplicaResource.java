package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A streaming standby of the test PostgreSQL ({@link StandbyPostgres}) as slotgate's read replica. */
public class ReplicaResource implements QuarkusTestResourceLifecycleManager {

  private static volatile StandbyPostgres standby;

  public static StandbyPostgres standby() {
    return standby;
  }

  @Override
  public Map<String, String> start() {
    standby = StandbyPostgres.start(PostgresResource.primary(), "test-standby");
    return Map.of("slotgate.read.url", standby.reactiveUrl());
  }

  @Override
  public void stop() {
    if (standby != null) {
      standby.stop();
      standby = null;
    }
  }
}
