package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ServiceGroupInput;
import io.slotgate.api.admin.AdminDtos.ServiceGroupView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import jakarta.ws.rs.Path;

/** Admin face: the groups services are listed under. */
@Bounded
@Idempotent
@Path("/admin/v1/service-groups")
public class ServiceGroupsResource extends CatalogueKindResource<ServiceGroupInput, ServiceGroupView> {

  public ServiceGroupsResource(AdminCrud crud) {
    super(crud, Kind.SERVICE_GROUP, ServiceGroupView.class);
  }
}
