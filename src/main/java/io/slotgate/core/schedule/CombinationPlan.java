package io.slotgate.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything needed to answer "which start times of this service combination are free": the windows open to every
 * one of its services (cut into slots of the combination's whole length), and each service's part in order with the
 * resources that may serve it. With {@code sameResource} every part has the same pool: the resources serving all.
 */
public record CombinationPlan(
    UUID combinationId,
    UUID branchId,
    String owner,
    ZoneId zone,
    boolean sameResource,
    Duration trailingBuffer,
    List<WindowRule> rules,
    List<Part> parts,
    Map<UUID, String> resourceNames) {

  /** One service of the combination: how long it lasts and who may serve it. */
  public record Part(UUID serviceId, Duration length, List<UUID> resources) {}

  /** The whole stretch, every part back to back. */
  public Duration length() {
    return parts.stream().map(Part::length).reduce(Duration.ZERO, Duration::plus);
  }

  /** Where each part starts, from {@code start}. */
  public List<Instant> starts(Instant start) {
    List<Instant> starts = new ArrayList<>();
    Instant at = start;
    for (Part part : parts) {
      starts.add(at);
      at = at.plus(part.length());
    }
    return starts;
  }

  /** Every resource any part may take. */
  public List<UUID> resources() {
    return parts.stream().flatMap(part -> part.resources().stream()).distinct().toList();
  }

  /** Whether some resource may take every part (always true where parts have their own pools and none is empty). */
  public boolean bookable() {
    return parts.stream().noneMatch(part -> part.resources().isEmpty());
  }
}
