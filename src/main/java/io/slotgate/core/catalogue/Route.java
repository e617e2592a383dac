package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/**
 * Sends one booker tenant's wholesale requests for one serviceSpecification to a supplier. Only the
 * supplier's owner creates one (a grant; or a route to its own supplier), so a booker never reaches
 * capacity its owner did not open to it.
 */
@Entity
public class Route extends PanacheEntityBase {
  @Id public UUID id;
  /** The booker. */
  public String tenant;
  public String serviceSpecification;
  /** The supplier's owner. */
  public String supplierTenant;
  public String supplierId;
}
