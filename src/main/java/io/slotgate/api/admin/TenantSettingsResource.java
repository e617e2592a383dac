package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.TenantSettingsInput;
import io.slotgate.api.admin.AdminDtos.TenantSettingsView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.CatalogueAdmin;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Admin face: the tenant's booking defaults. */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/admin/v1/settings")
public class TenantSettingsResource {

  private final AdminCrud crud;
  private final CatalogueAdmin admin;

  public TenantSettingsResource(AdminCrud crud, CatalogueAdmin admin) {
    this.crud = crud;
    this.admin = admin;
  }

  @GET
  public Uni<TenantSettingsView> settings(@HeaderParam("Tenant") String tenant) {
    return admin.settings(crud.tenant(tenant)).map(settings -> crud.view(settings, TenantSettingsView.class));
  }

  @PUT
  public Uni<TenantSettingsView> putSettings(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull TenantSettingsInput input) {
    return admin.replaceSettings(crud.tenant(tenant), input.defaultLocale(), input.holdTtlSeconds())
        .map(settings -> crud.view(settings, TenantSettingsView.class));
  }
}
