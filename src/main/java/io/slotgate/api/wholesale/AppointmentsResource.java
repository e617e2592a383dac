package io.slotgate.api.wholesale;

import io.slotgate.api.error.WholesaleError;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.api.wholesale.WholesaleDtos.AppointmentView;
import io.slotgate.api.wholesale.WholesaleDtos.ConfirmRequest;
import io.slotgate.api.wholesale.WholesaleDtos.HoldRequest;
import io.slotgate.api.wholesale.WholesaleDtos.RescheduleRequest;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.wholesale.WholesaleService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Face 1: hold a slot, read it, confirm, cancel and reschedule (seed 000). */
@Bounded
@Idempotent
@Path("/WholesaleGateway/v1.0/gateway/appointments")
@RolesAllowed("appointments")
@Tag(name = "Wholesale")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentsResource {

  private static final String TYPE = "OTHER";
  private static final String SOURCE = "PARTNER_BOOKING_APP";

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;
  private final Caller caller;

  public AppointmentsResource(WholesaleService wholesale, WholesaleMapper mapper, Caller caller) {
    this.wholesale = wholesale;
    this.mapper = mapper;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reserve an appointment slot",
      description = "Holds a slot offered by available-appointments until expiryDateTime (the supplier's hold TTL, "
          + "default 15 minutes, never after the slot starts). Repeating the request with the same id and body "
          + "returns the same appointment; the same id with another body is 409 DUPLICATE_ID.")
  @RequestBody(content = @Content(schema = @Schema(implementation = HoldRequest.class), examples = @ExampleObject(
      name = "hold", value = """
          {"id": 159, "address": {"id": "10025559646", "type": "UPRN"}, "serviceSpecification": {"id": "fttp"},
           "purpose": "PROVIDE", "timeslot": {"timeslotStartDateTime": "2025-07-16T08:00:00.000Z",
           "timeslotEndDateTime": "2025-07-16T13:00:00.000Z"}}""")))
  @APIResponse(responseCode = "201", description = "Reserved", content = @Content(
      schema = @Schema(implementation = AppointmentView.class), examples = @ExampleObject(name = "reserved", value = """
          {"id": 159, "supplierReference": "APPT-2025-001", "address": {"id": "10025559646", "type": "UPRN"},
           "serviceSpecification": {"id": "fttp", "name": "FTTP"}, "purpose": "PROVIDE",
           "timeslot": {"timeslotStartDateTime": "2025-01-18T08:00:00.000Z", "timeslotEndDateTime": "2025-01-18T13:00:00.000Z",
           "classification": "WEEKDAY_AM", "standard": true}, "expiryDateTime": "2025-01-17T23:59:59.000Z"}""")))
  @APIResponse(responseCode = "409", description = "SLOT_UNAVAILABLE or DUPLICATE_ID",
      content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  @APIResponse(responseCode = "422", description = "INVALID_REQUEST", content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  public Uni<RestResponse<AppointmentView>> hold(@Parameter(in = ParameterIn.HEADER, required = true, example = "TENANT1")
      @HeaderParam("Tenant") String tenant, HoldRequest request) {
    WholesaleService.Hold hold = mapper.toHold(caller.actFor(tenant, "header Tenant"), request, actor());
    return view(wholesale.hold(hold), false).map(view -> RestResponse.status(Status.CREATED, view));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "Read an appointment", description = "The reservation representation plus its status.")
  @APIResponse(responseCode = "200", description = "The appointment", content = @Content(
      schema = @Schema(implementation = AppointmentView.class), examples = @ExampleObject(name = "reserved", value = """
          {"id": 159, "supplierReference": "APPT-2025-001", "address": {"id": "10025559646", "type": "UPRN"},
           "serviceSpecification": {"id": "fttp", "name": "FTTP"}, "purpose": "PROVIDE",
           "timeslot": {"timeslotStartDateTime": "2025-01-18T08:00:00.000Z", "timeslotEndDateTime": "2025-01-18T13:00:00.000Z",
           "classification": "WEEKDAY_AM", "standard": true}, "status": "RESERVED"}""")))
  @APIResponse(responseCode = "404", description = "NOT_FOUND (also for another tenant's appointment)",
      content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  public Uni<AppointmentView> get(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.get(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id)), true);
  }

  @POST
  @Path("/{id}/_actions/confirm")
  @Operation(summary = "Confirm a reservation: the order was placed",
      description = "RESERVED to ACCEPTED (or INCOMING_REQUEST where the supplier must accept). An expired hold "
          + "is 422 APPOINTMENT_STATUS_INVALID.")
  @APIResponse(responseCode = "422", description = "APPOINTMENT_STATUS_INVALID",
      content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  @APIResponse(responseCode = "200", description = "Confirmed", content = @Content(
      schema = @Schema(implementation = AppointmentView.class), examples = @ExampleObject(name = "accepted", value = """
          {"id": 159, "supplierReference": "APPT-2025-001", "address": {"id": "10025559646", "type": "UPRN"},
           "serviceSpecification": {"id": "fttp", "name": "FTTP"}, "purpose": "PROVIDE",
           "timeslot": {"timeslotStartDateTime": "2025-01-18T08:00:00.000Z", "timeslotEndDateTime": "2025-01-18T13:00:00.000Z",
           "classification": "WEEKDAY_AM", "standard": true}, "status": "ACCEPTED"}""")))
  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(implementation = ConfirmRequest.class),
      examples = @ExampleObject(name = "confirm", value = """
          {"orderReference": "ORD-1001"}""")))
  public Uni<AppointmentView> confirm(@HeaderParam("Tenant") String tenant, @PathParam("id") String id,
      String body) {
    String orderReference = mapper.toConfirm(body);
    return view(wholesale.confirm(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id),
        orderReference, actor()), true);
  }

  @POST
  @Path("/{id}/_actions/cancel")
  @Operation(summary = "Cancel an appointment and release its slot")
  public Uni<AppointmentView> cancel(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.cancel(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id), actor()), true);
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reschedule an appointment to another offered timeslot",
      description = "The new slot is taken and the old released in one transaction; if the new slot is taken the "
          + "answer is 409 and the old booking stands.")
  @RequestBody(content = @Content(schema = @Schema(implementation = RescheduleRequest.class), examples = @ExampleObject(
      name = "reschedule", value = """
          {"timeslot": {"timeslotStartDateTime": "2025-07-17T13:00:00.000Z", "timeslotEndDateTime": "2025-07-17T18:00:00.000Z"}}""")))
  @APIResponse(responseCode = "200", description = "Rescheduled", content = @Content(
      schema = @Schema(implementation = AppointmentView.class), examples = @ExampleObject(name = "rescheduled", value = """
          {"id": 159, "supplierReference": "APPT-2025-001", "address": {"id": "10025559646", "type": "UPRN"},
           "serviceSpecification": {"id": "fttp", "name": "FTTP"}, "purpose": "PROVIDE",
           "timeslot": {"timeslotStartDateTime": "2025-07-17T13:00:00.000Z", "timeslotEndDateTime": "2025-07-17T18:00:00.000Z",
           "classification": "WEEKDAY_PM", "standard": true}, "status": "ACCEPTED"}""")))
  public Uni<AppointmentView> reschedule(@HeaderParam("Tenant") String tenant, @PathParam("id") String id,
      RescheduleRequest request) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with a timeslot is required");
    }
    Instant[] slot = mapper.toReschedule(request.timeslot());
    return view(wholesale.reschedule(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id),
        slot[0], slot[1], actor()), true);
  }

  private Uni<AppointmentView> view(Uni<Appointment> appointment, boolean withStatus) {
    return appointment.chain(a -> wholesale.serviceName(a).map(name -> mapper.toView(a, name, withStatus)));
  }

  private Actor actor() {
    return caller.actor(TYPE, SOURCE);
  }
}
