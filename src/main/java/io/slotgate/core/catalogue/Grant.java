package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An owner's offer of one of its suppliers to a booker tenant for some serviceSpecifications. It routes nothing:
 * the booker routes a specification to the supplier itself ({@link Route}), and while this offer covers that
 * specification the route leads somewhere. It is keyed by the booker's name only, so offering to a tenant that
 * does not exist is harmless and tells the owner nothing.
 */
@Entity
@Table(name = "supplier_grant")
@IdClass(Grant.Key.class)
public class Grant extends PanacheEntityBase {
  /** The supplier's owner. */
  @Id public String supplierTenant;
  @Id public String supplierId;
  /** The booker offered the capacity. */
  @Id public String tenant;
  @Convert(converter = JsonLists.Strings.class) public List<String> serviceSpecifications;
  /** Most live holds (RESERVED, unexpired) the booker may have on this supplier at once; null: no cap. */
  public Integer maxActiveHolds;
  public Instant createdAt;

  public boolean covers(String specification) {
    return serviceSpecifications != null && serviceSpecifications.contains(specification);
  }

  /** A grant is named by the supplier (owner and id) and the booker. */
  public static final class Key implements Serializable {
    public String supplierTenant;
    public String supplierId;
    public String tenant;

    public Key() {}

    public Key(String supplierTenant, String supplierId, String tenant) {
      this.supplierTenant = supplierTenant;
      this.supplierId = supplierId;
      this.tenant = tenant;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Objects.equals(supplierTenant, key.supplierTenant)
          && Objects.equals(supplierId, key.supplierId) && Objects.equals(tenant, key.tenant);
    }

    @Override
    public int hashCode() {
      return Objects.hash(supplierTenant, supplierId, tenant);
    }
  }
}
