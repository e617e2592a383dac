package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Per-tenant defaults for the branch booking face. */
@Entity
public class TenantSettings extends PanacheEntityBase {
  @Id public String tenant;
  public String defaultLocale;
  public int holdTtlSeconds;
}
