package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A wholesale supplier: which adapter answers for it and its hold policy. */
@Entity
public class Supplier extends PanacheEntityBase {
  /** Stable code, e.g. "openfibre". */
  @Id public String id;
  /** Owner tenant: the one whose catalogue (branch = service area) the calendar adapter reads. */
  public String tenant;
  /** Adapter name: "calendar", or another registered SupplierAdapter. */
  public String adapter;
  /** Service area for the calendar adapter. */
  public UUID branchId;
  public int holdTtlSeconds;
  public int horizonDays;
  /** Confirmed appointments wait for acceptance (INCOMING_REQUEST) instead of being ACCEPTED. */
  public boolean requiresAcceptance;
  public Instant retiredAt;
}
