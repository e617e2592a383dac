package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Sends one tenant's wholesale requests for one serviceSpecification to a supplier. */
@Entity
public class Route extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  public String serviceSpecification;
  public String supplierId;
}
