package io.slotgate.core.supplier;

import java.time.Duration;
import java.util.UUID;

/**
 * A tenant's route to a supplier for one serviceSpecification, with the supplier's policy: what an
 * adapter needs to answer for it. {@code branchId} and {@code serviceId} name the supplier's own
 * catalogue entries (used by the calendar adapter; null for a remote supplier).
 */
public record SupplierRoute(
    String tenant,
    String specification,
    String supplierId,
    String ownerTenant,
    String adapter,
    UUID branchId,
    UUID serviceId,
    String serviceName,
    Duration holdTtl,
    int horizonDays,
    boolean requiresAcceptance) {}
