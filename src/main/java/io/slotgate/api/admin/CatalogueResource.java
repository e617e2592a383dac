package io.slotgate.api.admin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.slotgate.api.admin.AdminDtos.BranchInput;
import io.slotgate.api.admin.AdminDtos.BranchView;
import io.slotgate.api.admin.AdminDtos.GrantInput;
import io.slotgate.api.admin.AdminDtos.GrantView;
import io.slotgate.api.admin.AdminDtos.ResourceInput;
import io.slotgate.api.admin.AdminDtos.ResourceView;
import io.slotgate.api.admin.AdminDtos.RouteInput;
import io.slotgate.api.admin.AdminDtos.RouteView;
import io.slotgate.api.admin.AdminDtos.ScheduleRuleInput;
import io.slotgate.api.admin.AdminDtos.ScheduleRuleView;
import io.slotgate.api.admin.AdminDtos.ServiceGroupInput;
import io.slotgate.api.admin.AdminDtos.ServiceGroupView;
import io.slotgate.api.admin.AdminDtos.ServiceInput;
import io.slotgate.api.admin.AdminDtos.ServiceView;
import io.slotgate.api.admin.AdminDtos.SupplierCreate;
import io.slotgate.api.admin.AdminDtos.SupplierInput;
import io.slotgate.api.admin.AdminDtos.SupplierView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.catalogue.Branch;
import io.slotgate.core.catalogue.CatalogueAdmin;
import io.slotgate.core.catalogue.DemoCatalogue;
import io.slotgate.core.catalogue.Grant;
import io.slotgate.core.catalogue.Resource;
import io.slotgate.core.catalogue.Route;
import io.slotgate.core.catalogue.ScheduleRule;
import io.slotgate.core.catalogue.Service;
import io.slotgate.core.catalogue.ServiceGroup;
import io.slotgate.core.catalogue.Supplier;
import io.slotgate.core.catalogue.TenantSettings;
import io.slotgate.core.wholesale.Grants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Response.Status;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the operator's catalogue (branches, services, groups, resources, schedules) and wholesale routing. */
@Bounded
@Idempotent
@Path("/admin/v1")
@RolesAllowed("appointments:manage")
@Tag(name = "Admin", description = "Catalogue and routing administration of the Tenant")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {

  private final CatalogueAdmin admin;
  private final DemoCatalogue demo;
  private final Caller caller;
  private final Grants grants;

  public CatalogueResource(CatalogueAdmin admin, DemoCatalogue demo, Caller caller, Grants grants) {
    this.admin = admin;
    this.grants = grants;
    this.demo = demo;
    this.caller = caller;
  }

  // ---- branches

  @GET
  @Path("/branches")
  @Operation(summary = "List the tenant's branches (service areas)")
  public Uni<List<BranchView>> branches(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), Branch.class, retired).map(list -> views(list, BranchView.class));
  }

  @GET
  @Path("/branches/{id}")
  public Uni<BranchView> branch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.get(tenant(tenant), Branch.class, id).map(e -> admin.view(e, BranchView.class));
  }

  @POST
  @Path("/branches")
  @Operation(summary = "Create a branch")
  @RequestBody(content = @Content(schema = @Schema(implementation = BranchInput.class), examples = @ExampleObject(
      name = "branch", value = """
          {"name": "Gent Korenmarkt", "timeZone": "Europe/Brussels", "streetName": "Korenmarkt 1", "zipCode": "9000",
           "city": "Gent", "country": "BE", "latitude": 51.0547, "longitude": 3.7215, "requiresAcceptance": false}""")))
  public Uni<RestResponse<BranchView>> createBranch(@HeaderParam("Tenant") String tenant, @Valid @NotNull BranchInput input) {
    return created(admin.create(tenant(tenant), input, Branch.class, CatalogueAdmin.newId(), this::checkBranch), BranchView.class);
  }

  @PUT
  @Path("/branches/{id}")
  @Operation(summary = "Replace a branch")
  @RequestBody(content = @Content(schema = @Schema(implementation = BranchInput.class), examples = @ExampleObject(
      name = "branch", value = """
          {"name": "Gent Korenmarkt", "timeZone": "Europe/Brussels", "streetName": "Korenmarkt 1", "zipCode": "9000",
           "city": "Gent", "country": "BE", "latitude": 51.0547, "longitude": 3.7215, "requiresAcceptance": false}""")))
  public Uni<BranchView> replaceBranch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull BranchInput input) {
    return admin.replace(tenant(tenant), input, Branch.class, id, this::checkBranch).map(e -> admin.view(e, BranchView.class));
  }

  @DELETE
  @Path("/branches/{id}")
  @Operation(summary = "Retire a branch (appointments are kept)")
  public Uni<BranchView> retireBranch(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), Branch.class, id).map(e -> admin.view(e, BranchView.class));
  }

  // ---- service groups

  @GET
  @Path("/service-groups")
  public Uni<List<ServiceGroupView>> groups(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), ServiceGroup.class, retired).map(list -> views(list, ServiceGroupView.class));
  }

  @POST
  @Path("/service-groups")
  @RequestBody(content = @Content(schema = @Schema(implementation = ServiceGroupInput.class), examples = @ExampleObject(
      name = "group", value = """
          {"names": {"en_US": "Advice", "nl_NL": "Advies"}, "position": 1}""")))
  public Uni<RestResponse<ServiceGroupView>> createGroup(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull ServiceGroupInput input) {
    return created(admin.create(tenant(tenant), input, ServiceGroup.class, CatalogueAdmin.newId(), none()), ServiceGroupView.class);
  }

  @PUT
  @Path("/service-groups/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = ServiceGroupInput.class), examples = @ExampleObject(
      name = "group", value = """
          {"names": {"en_US": "Advice", "nl_NL": "Advies"}, "position": 1}""")))
  public Uni<ServiceGroupView> replaceGroup(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ServiceGroupInput input) {
    return admin.replace(tenant(tenant), input, ServiceGroup.class, id, none()).map(e -> admin.view(e, ServiceGroupView.class));
  }

  @DELETE
  @Path("/service-groups/{id}")
  public Uni<ServiceGroupView> retireGroup(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), ServiceGroup.class, id).map(e -> admin.view(e, ServiceGroupView.class));
  }

  // ---- services

  @GET
  @Path("/services")
  public Uni<List<ServiceView>> services(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), Service.class, retired).map(list -> views(list, ServiceView.class));
  }

  @POST
  @Path("/services")
  @RequestBody(content = @Content(schema = @Schema(implementation = ServiceInput.class), examples = @ExampleObject(
      name = "service", value = """
          {"code": "fttp", "names": {"en_US": "FTTP install", "en_UK": "FTTP install"}, "durationMinutes": 300,
           "onlineBookable": true, "maxNumberOfReservations": 1}""")))
  public Uni<RestResponse<ServiceView>> createService(@HeaderParam("Tenant") String tenant, @Valid @NotNull ServiceInput input) {
    return created(admin.create(tenant(tenant), input, Service.class, CatalogueAdmin.newId(), this::checkService), ServiceView.class);
  }

  @PUT
  @Path("/services/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = ServiceInput.class), examples = @ExampleObject(
      name = "service", value = """
          {"code": "fttp", "names": {"en_US": "FTTP install", "en_UK": "FTTP install"}, "durationMinutes": 300,
           "onlineBookable": true, "maxNumberOfReservations": 1}""")))
  public Uni<ServiceView> replaceService(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ServiceInput input) {
    return admin.replace(tenant(tenant), input, Service.class, id, this::checkService).map(e -> admin.view(e, ServiceView.class));
  }

  @DELETE
  @Path("/services/{id}")
  public Uni<ServiceView> retireService(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), Service.class, id).map(e -> admin.view(e, ServiceView.class));
  }

  // ---- resources

  @GET
  @Path("/resources")
  public Uni<List<ResourceView>> resources(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), Resource.class, retired).map(list -> views(list, ResourceView.class));
  }

  @POST
  @Path("/resources")
  @Operation(summary = "Create a resource: a staff member, room or engineer crew of a branch")
  @RequestBody(content = @Content(schema = @Schema(implementation = ResourceInput.class), examples = @ExampleObject(
      name = "resource", value = """
          {"branchId": "0f1b0000-0000-4000-8000-000000000001", "name": "Crew A",
           "serviceIds": ["0f1b0000-0000-4000-8000-000000000011"]}""")))
  public Uni<RestResponse<ResourceView>> createResource(@HeaderParam("Tenant") String tenant, @Valid @NotNull ResourceInput input) {
    return created(admin.create(tenant(tenant), input, Resource.class, CatalogueAdmin.newId(), this::checkResource), ResourceView.class);
  }

  @PUT
  @Path("/resources/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = ResourceInput.class), examples = @ExampleObject(
      name = "resource", value = """
          {"branchId": "0f1b0000-0000-4000-8000-000000000001", "name": "Crew A",
           "serviceIds": ["0f1b0000-0000-4000-8000-000000000011"]}""")))
  public Uni<ResourceView> replaceResource(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ResourceInput input) {
    return admin.replace(tenant(tenant), input, Resource.class, id, this::checkResource).map(e -> admin.view(e, ResourceView.class));
  }

  @DELETE
  @Path("/resources/{id}")
  public Uni<ResourceView> retireResource(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), Resource.class, id).map(e -> admin.view(e, ResourceView.class));
  }

  // ---- schedule rules

  @GET
  @Path("/schedule-rules")
  public Uni<List<ScheduleRuleView>> rules(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), ScheduleRule.class, retired).map(list -> list.stream().map(this::ruleView).toList());
  }

  @POST
  @Path("/schedule-rules")
  @Operation(summary = "Create a schedule rule: days, local start and end, slot length or whole window")
  @RequestBody(content = @Content(schema = @Schema(implementation = ScheduleRuleInput.class), examples = @ExampleObject(
      name = "rule", value = """
          {"branchId": "0f1b0000-0000-4000-8000-000000000001", "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
           "startTime": "08:00", "endTime": "13:00", "wholeWindow": true, "standard": true}""")))
  public Uni<RestResponse<ScheduleRuleView>> createRule(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull ScheduleRuleInput input) {
    return admin.create(tenant(tenant), rule(input), ScheduleRule.class, CatalogueAdmin.newId(), this::checkRule)
        .map(e -> RestResponse.status(Status.CREATED, ruleView(e)));
  }

  @PUT
  @Path("/schedule-rules/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = ScheduleRuleInput.class), examples = @ExampleObject(
      name = "rule", value = """
          {"branchId": "0f1b0000-0000-4000-8000-000000000001", "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
           "startTime": "08:00", "endTime": "13:00", "wholeWindow": true, "standard": true}""")))
  public Uni<ScheduleRuleView> replaceRule(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ScheduleRuleInput input) {
    return admin.replace(tenant(tenant), rule(input), ScheduleRule.class, id, this::checkRule).map(this::ruleView);
  }

  @DELETE
  @Path("/schedule-rules/{id}")
  public Uni<ScheduleRuleView> retireRule(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), ScheduleRule.class, id).map(this::ruleView);
  }

  // ---- suppliers, grants and routes

  @GET
  @Path("/suppliers")
  @Operation(summary = "List the tenant's own suppliers")
  public Uni<List<SupplierView>> suppliers(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return admin.list(tenant(tenant), Supplier.class, retired).map(list -> views(list, SupplierView.class));
  }

  @GET
  @Path("/suppliers/{id}")
  public Uni<SupplierView> supplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return admin.get(tenant(tenant), Supplier.class, id).map(e -> admin.view(e, SupplierView.class));
  }

  @POST
  @Path("/suppliers")
  @Operation(summary = "Create a wholesale supplier of the tenant: its adapter, service area and hold policy",
      description = "The id is the tenant's own name for it (ids of other tenants' suppliers are invisible). "
          + "409 CONFLICT when the tenant already has a supplier with this id.")
  @RequestBody(content = @Content(schema = @Schema(implementation = SupplierCreate.class), examples = @ExampleObject(
      name = "supplier", value = """
          {"id": "openfibre", "adapter": "calendar", "branchId": "0f1b0000-0000-4000-8000-000000000001",
           "holdTtlSeconds": 900, "horizonDays": 14, "requiresAcceptance": true}""")))
  public Uni<RestResponse<SupplierView>> createSupplier(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull SupplierCreate input) {
    String owner = tenant(tenant);
    return Panache.withSession(() -> Supplier.<Supplier>findById(new Supplier.Key(owner, input.id())))
        .chain(existing -> {
          if (existing != null) {
            throw DomainFailure.conflict("Supplier '" + input.id() + "' exists already; replace it with PUT "
                + "/admin/v1/suppliers/" + input.id());
          }
          return admin.create(owner, supplierValues(input.settings()), Supplier.class, input.id(), this::checkSupplier);
        })
        .map(e -> RestResponse.status(Status.CREATED, admin.view(e, SupplierView.class)));
  }

  @PUT
  @Path("/suppliers/{id}")
  @Operation(summary = "Replace one of the tenant's suppliers")
  @RequestBody(content = @Content(schema = @Schema(implementation = SupplierInput.class), examples = @ExampleObject(
      name = "supplier", value = """
          {"adapter": "calendar", "branchId": "0f1b0000-0000-4000-8000-000000000001", "holdTtlSeconds": 600,
           "horizonDays": 14, "requiresAcceptance": false}""")))
  public Uni<SupplierView> replaceSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull SupplierInput input) {
    return admin.replace(tenant(tenant), supplierValues(input), Supplier.class, id, this::checkSupplier)
        .map(e -> admin.view(e, SupplierView.class));
  }

  @DELETE
  @Path("/suppliers/{id}")
  @Operation(summary = "Retire a supplier: no new holds; its appointments keep running")
  public Uni<SupplierView> retireSupplier(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return admin.retire(tenant(tenant), Supplier.class, id).map(e -> admin.view(e, SupplierView.class));
  }

  @GET
  @Path("/suppliers/{id}/grants")
  @Operation(summary = "The booker tenants the supplier's capacity is offered to, with their serviceSpecifications")
  public Uni<List<GrantView>> grants(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id) {
    return grants.ofSupplier(tenant(tenant), id).map(list -> list.stream().map(CatalogueResource::grantView).toList());
  }

  @POST
  @Path("/suppliers/{id}/grants")
  @Operation(summary = "Offer the supplier's capacity to a booker tenant for some serviceSpecifications",
      description = "Only the supplier's owner can. A grant is an offer and routes nothing: the booker chooses its "
          + "route itself (POST /admin/v1/routes with supplierTenant and supplierId), and no grant ever changes a "
          + "tenant's routes. Any tenant name is accepted, also one that does not exist: the offer is kept under "
          + "that name and the answer says nothing about that tenant. Granting again replaces the offer (the "
          + "specifications and maxActiveHolds); live holds for specifications left out are released. "
          + "maxActiveHolds caps the booker's live holds on this supplier (409 HOLD_LIMIT_REACHED beyond it).")
  @RequestBody(content = @Content(schema = @Schema(implementation = GrantInput.class), examples = @ExampleObject(
      name = "grant", value = """
          {"tenant": "TENANT1", "serviceSpecifications": ["fttp", "ftthl2r"], "maxActiveHolds": 20}""")))
  public Uni<RestResponse<GrantView>> grant(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @Valid @NotNull GrantInput input) {
    return grants.offer(tenant(tenant), id, input.tenant(), input.serviceSpecifications(), input.maxActiveHolds())
        .map(grant -> RestResponse.status(Status.CREATED, grantView(grant)));
  }

  @DELETE
  @Path("/suppliers/{id}/grants/{tenant}")
  @Operation(summary = "Withdraw the offer of the supplier's capacity to a booker tenant",
      description = "The booker's route to the supplier stays its own but leads nowhere: it can no longer search, "
          + "hold, confirm a hold or reschedule there, and its live holds there are released at once (their "
          + "capacity is free again). Appointments confirmed before keep running and can still be cancelled by the "
          + "booker and the owner. 404 when the supplier has no grant to that tenant.")
  public Uni<GrantView> revoke(@HeaderParam("Tenant") String tenant, @PathParam("id") @Size(max = 64) String id,
      @PathParam("tenant") @Size(max = 64) String booker) {
    return grants.revoke(tenant(tenant), id, booker).map(CatalogueResource::grantView);
  }

  @GET
  @Path("/grants")
  @Operation(summary = "The suppliers other owners offer the tenant, to choose its routes from",
      description = "Each offer names the owner (supplierTenant), its supplier and the serviceSpecifications; route "
          + "to one with POST /admin/v1/routes.")
  public Uni<List<AdminDtos.OfferedGrantView>> offered(@HeaderParam("Tenant") String tenant) {
    return grants.offeredTo(tenant(tenant)).map(list -> list.stream().map(grant -> new AdminDtos.OfferedGrantView(
        grant.supplierTenant, grant.supplierId, grant.serviceSpecifications, grant.maxActiveHolds)).toList());
  }

  @GET
  @Path("/routes")
  @Operation(summary = "List the tenant's wholesale routes: serviceSpecification to supplier (its own, or offered to it)")
  public Uni<List<RouteView>> routes(@HeaderParam("Tenant") String tenant) {
    return admin.list(tenant(tenant), Route.class, true).map(list -> views(list, RouteView.class));
  }

  @POST
  @Path("/routes")
  @Operation(summary = "Choose the supplier for one of the tenant's serviceSpecifications",
      description = "supplierId names one of the tenant's own suppliers, or (with supplierTenant) a supplier another "
          + "owner offers the tenant for this serviceSpecification (GET /admin/v1/grants). A supplier that is not "
          + "the tenant's and not offered to it answers 404 exactly like one that does not exist. 409 CONFLICT "
          + "when the tenant already routes the serviceSpecification (delete that route first).")
  @RequestBody(content = @Content(schema = @Schema(implementation = RouteInput.class), examples = @ExampleObject(
      name = "route", value = """
          {"serviceSpecification": "fttp", "supplierId": "openfibre", "supplierTenant": "OPENFIBRE"}""")))
  public Uni<RestResponse<RouteView>> createRoute(@HeaderParam("Tenant") String tenant, @Valid @NotNull RouteInput input) {
    String booker = tenant(tenant);
    String owner = input.supplierTenant() == null ? booker : input.supplierTenant();
    return created(grants.route(booker, input.serviceSpecification(), owner, input.supplierId()), RouteView.class);
  }

  @DELETE
  @Path("/routes/{id}")
  @Operation(summary = "Remove one of the tenant's routes (also a route granted to it)")
  public Uni<RouteView> deleteRoute(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return admin.retire(tenant(tenant), Route.class, id).map(e -> admin.view(e, RouteView.class));
  }

  // ---- tenant settings

  @GET
  @Path("/settings")
  @Operation(summary = "The tenant's booking defaults: default locale and reservation hold time")
  public Uni<AdminDtos.TenantSettingsView> settings(@HeaderParam("Tenant") String tenant) {
    String owner = tenant(tenant);
    return Panache.withSession(
            () -> TenantSettings.<TenantSettings>findById(owner))
        .map(s -> s == null ? new AdminDtos.TenantSettingsView("en_US", 900)
            : new AdminDtos.TenantSettingsView(s.defaultLocale, s.holdTtlSeconds));
  }

  @PUT
  @Path("/settings")
  @Operation(summary = "Set the tenant's booking defaults")
  @RequestBody(content = @Content(schema = @Schema(implementation = AdminDtos.TenantSettingsInput.class), examples = @ExampleObject(
      name = "settings", value = """
          {"defaultLocale": "nl_NL", "holdTtlSeconds": 900}""")))
  public Uni<AdminDtos.TenantSettingsView> putSettings(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull AdminDtos.TenantSettingsInput input) {
    String owner = tenant(tenant);
    TenantSettings settings = new TenantSettings();
    settings.tenant = owner;
    settings.defaultLocale = input.defaultLocale() == null ? "en_US" : input.defaultLocale();
    settings.holdTtlSeconds = input.holdTtlSeconds() == null ? 900 : input.holdTtlSeconds();
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.merge(settings)))
        .map(s -> new AdminDtos.TenantSettingsView(s.defaultLocale, s.holdTtlSeconds));
  }

  // ---- demo

  @POST
  @Path("/demo")
  @Operation(summary = "Load the demo catalogue (idempotent)",
      description = "A wholesale supplier 'openfibre' offering fttp and ftthl2r at any UPRN in Europe/London, routed "
          + "for TENANT1, TENANT2 and TENANT-ID, plus a branch for the booking face. Needs a token for tenant DEMO.")
  public Uni<Map<String, Object>> loadDemo(@HeaderParam("Tenant") String tenant) {
    tenant(tenant);
    return demo.load().map(created -> Map.of("loaded", true, "created", created));
  }

  private Uni<Void> checkBranch(String tenant, Branch branch) {
    try {
      ZoneId.of(branch.timeZone);
      return Uni.createFrom().voidItem();
    } catch (DateTimeException e) {
      throw DomainFailure.invalid("Field 'timeZone' must be an IANA time zone such as Europe/London, not '"
          + branch.timeZone + "'");
    }
  }

  private Uni<Void> checkService(String tenant, Service service) {
    return admin.exists(tenant, ServiceGroup.class, service.groupId == null ? List.of() : List.of(service.groupId), "groupId");
  }

  private Uni<Void> checkResource(String tenant, Resource resource) {
    return admin.exists(tenant, Branch.class, List.of(resource.branchId), "branchId")
        .chain(() -> admin.exists(tenant, Service.class, resource.serviceIds, "serviceIds"));
  }

  private Uni<Void> checkRule(String tenant, ScheduleRule rule) {
    if (!rule.endTime.isAfter(rule.startTime)) {
      throw DomainFailure.invalid("Field 'endTime' must be after startTime");
    }
    return admin.exists(tenant, Branch.class, List.of(rule.branchId), "branchId")
        .chain(() -> admin.exists(tenant, Service.class, rule.serviceIds, "serviceIds"));
  }

  private Uni<Void> checkSupplier(String tenant, Supplier supplier) {
    return admin.exists(tenant, Branch.class, supplier.branchId == null ? List.of() : List.of(supplier.branchId),
        "branchId");
  }

  private static Map<String, Object> supplierValues(SupplierInput input) {
    Map<String, Object> values = new java.util.HashMap<>(Map.of("adapter", input.adapter(),
        "holdTtlSeconds", input.holdTtlSeconds() == null ? 900 : input.holdTtlSeconds(),
        "horizonDays", input.horizonDays() == null ? 14 : input.horizonDays(),
        "requiresAcceptance", input.requiresAcceptance()));
    values.put("branchId", input.branchId());
    return values;
  }

  private Map<String, Object> rule(ScheduleRuleInput input) {
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("branchId", input.branchId());
    values.put("serviceIds", input.serviceIds() == null ? List.of() : input.serviceIds());
    values.put("days", String.join(",", input.days()));
    values.put("startTime", input.startTime());
    values.put("endTime", input.endTime());
    values.put("slotMinutes", input.slotMinutes());
    values.put("wholeWindow", input.wholeWindow());
    values.put("classification", input.classification());
    values.put("standard", input.standard() == null || input.standard());
    return values;
  }

  private ScheduleRuleView ruleView(ScheduleRule rule) {
    return new ScheduleRuleView(rule.id, rule.branchId, rule.serviceIds, List.of(rule.days.split(",")), rule.startTime,
        rule.endTime, rule.slotMinutes, rule.wholeWindow, rule.classification, rule.standard, rule.retiredAt);
  }

  private static GrantView grantView(Grant grant) {
    return new GrantView(grant.tenant, grant.supplierId, grant.serviceSpecifications, grant.maxActiveHolds);
  }

  private <E, V> List<V> views(List<E> entities, Class<V> view) {
    List<V> views = new ArrayList<>();
    entities.forEach(e -> views.add(admin.view(e, view)));
    return views;
  }

  private <E, V> Uni<RestResponse<V>> created(Uni<E> entity, Class<V> view) {
    return entity.map(e -> RestResponse.status(Status.CREATED, admin.view(e, view)));
  }

  private static <E> CatalogueAdmin.Check<E> none() {
    return (tenant, entity) -> Uni.createFrom().voidItem();
  }

  private String tenant(String tenant) {
    return caller.actFor(tenant, "header Tenant");
  }
}
