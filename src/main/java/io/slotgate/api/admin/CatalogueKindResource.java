package io.slotgate.api.admin;

import io.slotgate.core.catalogue.CatalogueAdmin.Kind;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The list, create, replace and retire that every catalogue kind whose input is stored as it comes answers alike;
 * a kind's resource names only its path, kind, input and view. The role sits here, on the class that declares the
 * methods: Quarkus applies a security annotation of the class declaring the invoked method, not of a subclass.
 */
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class CatalogueKindResource<I, V> {

  private final AdminCrud crud;
  private final Kind kind;
  private final Class<V> view;

  protected CatalogueKindResource(AdminCrud crud, Kind kind, Class<V> view) {
    this.crud = crud;
    this.kind = kind;
    this.view = view;
  }

  @GET
  public Uni<List<V>> list(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, kind, retired, view);
  }

  @POST
  public Uni<RestResponse<V>> create(@HeaderParam("Tenant") String tenant, @Valid @NotNull I input) {
    return crud.create(tenant, kind, input, view);
  }

  @PUT
  @Path("/{id}")
  public Uni<V> replace(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id, @Valid @NotNull I input) {
    return crud.replace(tenant, kind, id, input, view);
  }

  @DELETE
  @Path("/{id}")
  public Uni<V> retire(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, kind, id, view);
  }

  /** One entry, for a kind whose resource also answers a GET by id. */
  protected Uni<V> entry(String tenant, UUID id) {
    return crud.get(tenant, kind, id, view);
  }
}
