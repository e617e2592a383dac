package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Services a branch books together (seed 003's service combinations): one start time, the services back to back
 * in {@code serviceIds}' order, then the combination's own trailing buffer.
 */
@Entity
public class ServiceCombination extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  public UUID branchId;
  @JdbcTypeCode(SqlTypes.JSON) public Map<String, String> names;
  /** The services in the order they follow each other (2 to 5, each once). */
  @Convert(converter = JsonLists.Uuids.class) public List<UUID> serviceIds;
  /** One resource that serves every service takes the whole stretch; false: each segment any resource serving it. */
  public boolean sameResource = true;
  /** How long the resources stay taken after the last segment ends (the services' own buffers do not apply). */
  public int trailingBufferMinutes;
  public boolean onlineBookable = true;
  public int position;
  public Instant retiredAt;
}
