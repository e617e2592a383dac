package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Services shown together on a booking page, e.g. "Building services". */
@Entity
public class ServiceGroup extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  /** Name per locale (en_US, nl_NL, ...). */
  @JdbcTypeCode(SqlTypes.JSON) public Map<String, String> names;
  public int position;
  public Instant retiredAt;
}
