package io.slotgate.api.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.slotgate.api.admin.AdminDtos.ScheduleRuleInput;
import io.slotgate.api.admin.AdminDtos.ScheduleRuleView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
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
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/** Admin face: the tenant's schedule rules (days, local start and end, slot length or whole window). */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Path("/admin/v1/schedule-rules")
public class ScheduleRulesResource {

  /** A rule as stored: its days are one comma-separated string. */
  @RegisterForReflection
  public record StoredRule(UUID id, UUID branchId, List<UUID> serviceIds, String days, LocalTime startTime, LocalTime endTime,
      Integer slotMinutes, boolean wholeWindow, String classification, boolean standard, List<String> purposes,
      Instant retiredAt) {

    ScheduleRuleView view() {
      return new ScheduleRuleView(id, branchId, serviceIds, List.of(days.split(",")), startTime, endTime, slotMinutes,
          wholeWindow, classification, standard, purposes == null ? List.of() : purposes, retiredAt);
    }
  }

  private final AdminCrud crud;

  public ScheduleRulesResource(AdminCrud crud) {
    this.crud = crud;
  }

  @GET
  public Uni<List<ScheduleRuleView>> rules(@HeaderParam("Tenant") String tenant, @QueryParam("includeRetired") boolean retired) {
    return crud.list(tenant, Kind.SCHEDULE_RULE, retired, StoredRule.class)
        .map(list -> list.stream().map(StoredRule::view).toList());
  }

  @POST
  public Uni<RestResponse<ScheduleRuleView>> createRule(@HeaderParam("Tenant") String tenant,
      @Valid @NotNull ScheduleRuleInput input) {
    return crud.add(tenant, Kind.SCHEDULE_RULE, rule(input), StoredRule.class)
        .map(rule -> RestResponse.status(Status.CREATED, rule.view()));
  }

  @PUT
  @Path("/{id}")
  public Uni<ScheduleRuleView> replaceRule(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id,
      @Valid @NotNull ScheduleRuleInput input) {
    return crud.replace(tenant, Kind.SCHEDULE_RULE, id, rule(input), StoredRule.class).map(StoredRule::view);
  }

  @DELETE
  @Path("/{id}")
  public Uni<ScheduleRuleView> retireRule(@HeaderParam("Tenant") String tenant, @PathParam("id") UUID id) {
    return crud.retire(tenant, Kind.SCHEDULE_RULE, id, StoredRule.class).map(StoredRule::view);
  }

  private static Map<String, Object> rule(ScheduleRuleInput input) {
    Map<String, Object> values = new HashMap<>();
    values.put("branchId", input.branchId());
    values.put("serviceIds", input.serviceIds() == null ? List.of() : input.serviceIds());
    values.put("days", String.join(",", input.days()));
    values.put("startTime", input.startTime());
    values.put("endTime", input.endTime());
    values.put("slotMinutes", input.slotMinutes());
    values.put("wholeWindow", input.wholeWindow());
    values.put("classification", input.classification());
    values.put("standard", input.standard() == null || input.standard());
    values.put("purposes", input.purposes() == null ? List.of() : input.purposes().stream().distinct().toList());
    return values;
  }
}
