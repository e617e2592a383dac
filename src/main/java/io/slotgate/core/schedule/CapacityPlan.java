package io.slotgate.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything needed to answer "which slots of this service at this branch are free": rules and resources, and
 * the buffer after each appointment during which its resources stay taken (it is part of their claims). {@code purpose}
 * is the wholesale purpose whose rules these are (null: every rule, as the branch face asks). {@code owner} is the
 * branch's tenant, whose claims these are (a search reads one owner's claims: one shard on Citus).
 */
public record CapacityPlan(
    UUID branchId,
    String owner,
    ZoneId zone,
    UUID serviceId,
    String purpose,
    Duration trailingBuffer,
    List<WindowRule> rules,
    List<UUID> resources,
    Map<UUID, String> resourceNames) {}
