package io.slotgate.api.wholesale;

import io.slotgate.api.error.WholesaleError;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.wholesale.WholesaleDtos.AvailableAppointments;
import io.slotgate.core.wholesale.WholesaleService;
import io.slotgate.core.wholesale.WholesaleService.Search;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face 1: which appointment slots are free for an address and service (seed 001). */
@Bounded
@Path("/WholesaleGateway/v1.0/gateway/available-appointments")
@RolesAllowed("appointments")
@Tag(name = "Wholesale", description = "Wholesale gateway for retail ISPs: available appointments, holds, confirm, cancel and reschedule")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AvailableAppointmentsResource {

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;
  private final Caller caller;

  public AvailableAppointmentsResource(WholesaleService wholesale, WholesaleMapper mapper, Caller caller) {
    this.wholesale = wholesale;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Retrieve available appointment slots for a given address and service specification",
      description = "Only slots with free capacity, sorted by start, from appointmentFromDate (default today) up "
          + "to the supplier's horizon (default 14 days from today).")
  @APIResponse(responseCode = "200", description = "Available timeslots", content = @Content(
      schema = @Schema(implementation = AvailableAppointments.class), examples = @ExampleObject(name = "slots", value = """
          {"address": {"id": "10025559646", "type": "UPRN"}, "serviceSpecification": {"id": "fttp", "name": "FTTP"},
           "availableTimeslots": [{"timeslotStartDateTime": "2025-01-18T08:00:00.000Z",
             "timeslotEndDateTime": "2025-01-18T13:00:00.000Z", "classification": "WEEKDAY_AM", "standard": true}]}""")))
  @APIResponse(responseCode = "400", description = "MALFORMED_REQUEST", content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  @APIResponse(responseCode = "401", description = "NOT_AUTHORISED", content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  @APIResponse(responseCode = "422", description = "INVALID_REQUEST", content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  public Uni<AvailableAppointments> search(
      @Parameter(in = ParameterIn.HEADER, required = true, example = "qwerty") @HeaderParam("X-Request-ID") String requestId,
      @Parameter(in = ParameterIn.HEADER, required = true, example = "abcde") @HeaderParam("X-Conversation-ID") String conversationId,
      @Parameter(in = ParameterIn.HEADER, required = true, example = "TENANT1") @HeaderParam("Tenant") String tenant,
      @Parameter(required = true, description = "URL-encoded JSON", example = "{\"id\":\"10025559646\",\"type\":\"UPRN\"}")
      @QueryParam("address") String address,
      @Parameter(required = true, schema = @Schema(enumeration = {"PROVIDE", "REPAIR", "MODIFY"}))
      @QueryParam("appointmentPurpose") String purpose,
      @Parameter(required = true, description = "URL-encoded JSON", example = "{\"id\":\"fttp\",\"name\":\"FTTP\"}")
      @QueryParam("serviceSpecification") String serviceSpecification,
      @Parameter(description = "ISO 8601 date", example = "2025-01-25") @QueryParam("appointmentFromDate") String fromDate,
      @Parameter(description = "One classification or a comma-separated list", example = "WEEKDAY_AM",
          style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = SchemaType.ARRAY, implementation = String.class,
          enumeration = {"WEEKDAY", "WEEKDAY_AM", "WEEKDAY_PM", "WEEKDAY_EARLY", "WEEKDAY_EVENING", "SATURDAY",
              "SATURDAY_AM", "SATURDAY_PM", "SATURDAY_EARLY", "SATURDAY_EVENING", "SUNDAY", "SUNDAY_AM", "SUNDAY_PM",
              "SUNDAY_EARLY", "SUNDAY_EVENING"}))
      @QueryParam("classifications") String classifications) {
    Search search = mapper.toSearch(caller.actFor(tenant, "header Tenant"), address, serviceSpecification, purpose,
        fromDate, classifications);
    return wholesale.search(search).map(availability -> mapper.toView(search, availability));
  }
}
