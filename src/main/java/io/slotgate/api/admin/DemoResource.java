package io.slotgate.api.admin;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.catalogue.DemoCatalogue;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Admin face: loads the demo catalogue. */
@Bounded
@Idempotent
@Path("/admin/v1/demo")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DemoResource {

  private final AdminCrud crud;
  private final DemoCatalogue demo;

  public DemoResource(AdminCrud crud, DemoCatalogue demo) {
    this.crud = crud;
    this.demo = demo;
  }

  @POST
  public Uni<Map<String, Object>> loadDemo(@HeaderParam("Tenant") String tenant) {
    crud.tenant(tenant);
    return demo.load().map(created -> Map.of("loaded", true, "created", created));
  }
}
