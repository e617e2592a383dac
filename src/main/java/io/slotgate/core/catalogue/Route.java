package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/**
 * Sends one booker tenant's wholesale requests for one serviceSpecification to a supplier. Only the booker writes
 * it, to its own supplier or to one another owner offers it ({@link Grant}); while no grant covers it a route to
 * another owner's supplier leads nowhere, so a booker never reaches capacity its owner did not open to it.
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
