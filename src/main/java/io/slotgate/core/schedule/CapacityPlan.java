package io.slotgate.core.schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything needed to answer "which slots of this service at this branch are free": rules and resources. */
public record CapacityPlan(
    UUID branchId,
    ZoneId zone,
    UUID serviceId,
    List<WindowRule> rules,
    List<UUID> resources,
    Map<UUID, String> resourceNames) {}
