package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceCombinationInput;
import io.slotgate.api.admin.AdminDtos.ServiceCombinationView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import jakarta.ws.rs.Path;

/** Admin face: services a branch books together, back to back (seed 003's service combinations). */
@Bounded
@Idempotent
@Path("/admin/v1/service-combinations")
public class ServiceCombinationsResource extends CatalogueKindResource<ServiceCombinationInput, ServiceCombinationView> {

  public ServiceCombinationsResource(AdminCrud crud) {
    super(crud, Kind.SERVICE_COMBINATION, ServiceCombinationView.class);
  }
}
