package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.ResourceInput;
import io.slotgate.api.admin.AdminDtos.ResourceView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import jakarta.ws.rs.Path;

/** Admin face: the staff members, rooms and crews of the tenant's branches. */
@Bounded
@Idempotent
@Path("/admin/v1/resources")
public class ResourcesResource extends CatalogueKindResource<ResourceInput, ResourceView> {

  public ResourcesResource(AdminCrud crud) {
    super(crud, Kind.RESOURCE, ResourceView.class);
  }
}
