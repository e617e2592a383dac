package io.slotgate.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything needed to answer "which slots of this service at this branch are free": rules and resources, and
 * the buffer after each appointment during which its resources stay taken (it is part of their claims).
 */
public record CapacityPlan(
    UUID branchId,
    ZoneId zone,
    UUID serviceId,
    Duration trailingBuffer,
    List<WindowRule> rules,
    List<UUID> resources,
    Map<UUID, String> resourceNames) {}
