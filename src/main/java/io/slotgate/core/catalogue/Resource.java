package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Something with capacity 1 at any instant: a staff member, a room, an engineer crew. */
@Entity
public class Resource extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  public UUID branchId;
  public String name;
  /** Services this resource can serve. */
  @Convert(converter = JsonLists.Uuids.class) public List<UUID> serviceIds;
  public Instant retiredAt;
}
