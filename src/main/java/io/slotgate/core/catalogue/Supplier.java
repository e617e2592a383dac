package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A wholesale supplier of one owner tenant: which adapter answers for it and its hold policy. */
@Entity
@IdClass(Supplier.Key.class)
public class Supplier extends PanacheEntityBase {
  /** Owner tenant: the one whose catalogue (branch = service area) the calendar adapter reads. */
  @Id public String tenant;
  /** The owner's name for it, e.g. "openfibre": unique per owner, so owners never learn each other's ids. */
  @Id public String id;
  /** Adapter name: "calendar", or another registered SupplierAdapter. */
  public String adapter;
  /** Service area for the calendar adapter. */
  public UUID branchId;
  public int holdTtlSeconds;
  public int horizonDays;
  /** Confirmed appointments wait for acceptance (INCOMING_REQUEST) instead of being ACCEPTED. */
  public boolean requiresAcceptance;
  public Instant retiredAt;

  /** A supplier is named by its owner and the owner's id for it. */
  public static final class Key implements Serializable {
    public String tenant;
    public String id;

    public Key() {}

    public Key(String tenant, String id) {
      this.tenant = tenant;
      this.id = id;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(tenant, key.tenant) && Objects.equals(id, key.id);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenant, id);
    }
  }
}
