package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceInput;
import io.slotgate.api.admin.AdminDtos.ServiceView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import jakarta.ws.rs.Path;

/** Admin face: the services the tenant's branches offer. */
@Bounded
@Idempotent
@Path("/admin/v1/services")
public class CatalogueServicesResource extends CatalogueKindResource<ServiceInput, ServiceView> {

  public CatalogueServicesResource(AdminCrud crud) {
    super(crud, Kind.SERVICE, ServiceView.class);
  }
}
