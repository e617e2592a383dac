package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A test profile that is only config overrides and, at most, one test resource of its own: each profile states what
 * it changes in its constructor instead of repeating the overriding methods. Quarkus tells profiles apart by class, so
 * each is still a class of its own with a no-argument constructor.
 */
public abstract class ConfigProfile implements QuarkusTestProfile {

  private final Map<String, String> overrides;
  private final List<TestResourceEntry> resources;

  protected ConfigProfile(Map<String, String> overrides) {
    this.overrides = overrides;
    this.resources = List.of();
  }

  protected ConfigProfile(Map<String, String> overrides, Class<? extends QuarkusTestResourceLifecycleManager> resource) {
    this.overrides = overrides;
    this.resources = List.of(new TestResourceEntry(resource));
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return overrides;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return resources;
  }
}
