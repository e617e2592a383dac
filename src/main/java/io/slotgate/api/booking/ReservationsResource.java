package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.CustomerRequest;
import io.slotgate.api.booking.BookingDtos.Reservation;
import io.slotgate.api.booking.BookingDtos.ReservationRequest;
import io.slotgate.api.booking.BookingDtos.TimeslotChange;
import io.slotgate.api.error.WholesaleError;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.booking.BookingService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Face 2: reserve, confirm with the customer's details, cancel, update and reschedule (seed 003). */
@Bounded
@Idempotent
@Path("/external/v1")
@RolesAllowed("appointments")
@Tag(name = "Booking")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationsResource {

  private final BookingService booking;
  private final BookingMapper mapper;
  private final Caller caller;

  public ReservationsResource(BookingService booking, BookingMapper mapper, Caller caller) {
    this.booking = booking;
    this.mapper = mapper;
    this.caller = caller;
  }

  @POST
  @Path("/reservations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a temporary reservation",
      description = "Holds numberOfReservations resources at once (all or nothing) for the tenant's hold time "
          + "(15 minutes by default); confirm it with PUT /reservations/{id}. An Idempotency-Key header makes "
          + "retries return the same reservation.")
  @RequestBody(content = @Content(schema = @Schema(implementation = ReservationRequest.class), examples = @ExampleObject(
      name = "reserve", value = """
          {"serviceId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "branchId": "3fa85f64-5717-4562-b3fc-2c963f66afa7",
           "startTime": "2026-12-01T08:00:00.000Z", "endTime": "2026-12-01T09:00:00.000Z", "numberOfReservations": 1}""")))
  @APIResponse(responseCode = "201", description = "Reservation is created",
      content = @Content(schema = @Schema(implementation = Reservation.class)))
  @APIResponse(responseCode = "409", description = "SLOT_UNAVAILABLE: not enough free resources",
      content = @Content(schema = @Schema(implementation = WholesaleError.class)))
  public Uni<RestResponse<Reservation>> reserve(@HeaderParam("X-TENANT-ID") String tenant,
      @Parameter(in = ParameterIn.HEADER) @HeaderParam("Idempotency-Key") String idempotencyKey,
      ReservationRequest request) {
    BookingService.Reserve reserve = mapper.toReserve(tenant(tenant), idempotencyKey, request, actor());
    return booking.reserve(reserve).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @GET
  @Path("/reservations/{id}")
  @Operation(summary = "Read a reservation or appointment")
  public Uni<Reservation> get(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id) {
    return booking.get(tenant(tenant), BookingMapper.id(id, "Reservation")).map(mapper::toView);
  }

  @PUT
  @Path("/reservations/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Confirm a reservation with the customer's details",
      description = "personalIdentifier 10-48 of A-Z a-z 0-9; first and last name up to 255; email 1-255 and well "
          + "formed; dateOfBirth and answers where the service requires them; answers up to 2048. 201: ACCEPTED, "
          + "or INCOMING_REQUEST where the branch must accept. An expired or cancelled reservation: 422.")
  @APIResponse(responseCode = "201", description = "Appointment confirmed",
      content = @Content(schema = @Schema(implementation = Reservation.class)))
  @RequestBody(content = @Content(schema = @Schema(implementation = CustomerRequest.class), examples = @ExampleObject(
      name = "customer", value = """
          {"personalIdentifier": "CUST1234567890", "firstName": "Els", "lastName": "Peeters", "email": "els@example.com",
           "phoneNumber": "+32 9 123 45 67", "dateOfBirth": "1990-05-01",
           "answers": [{"questionId": "purpose", "value": "Salary"}]}""")))
  public Uni<RestResponse<Reservation>> confirm(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      CustomerRequest request) {
    String owner = tenant(tenant);
    return booking.confirm(owner, BookingMapper.id(id, "Reservation"), mapper.toCustomer(request),
        mapper.toAnswers(request), actor()).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @DELETE
  @Path("/appointments/{id}")
  @Operation(summary = "Cancel an appointment (or a reservation) and free its resources")
  public Uni<Reservation> cancel(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id) {
    return booking.cancel(tenant(tenant), BookingMapper.id(id, "Appointment"), actor()).map(mapper::toView);
  }

  @PUT
  @Path("/appointments/{id}/customer")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Update the customer's details on an appointment")
  @RequestBody(content = @Content(schema = @Schema(implementation = CustomerRequest.class), examples = @ExampleObject(
      name = "customer", value = """
          {"personalIdentifier": "CUST1234567890", "firstName": "Els", "lastName": "Peeters", "email": "els@example.com",
           "phoneNumber": "+32 9 123 45 67", "dateOfBirth": "1990-05-01",
           "answers": [{"questionId": "purpose", "value": "Salary"}]}""")))
  public Uni<Reservation> updateCustomer(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      CustomerRequest request) {
    return booking.updateCustomer(tenant(tenant), BookingMapper.id(id, "Appointment"), mapper.toCustomer(request),
        mapper.toAnswers(request), actor()).map(mapper::toView);
  }

  @PUT
  @Path("/appointments/{id}/timeslot")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reschedule an appointment",
      description = "The new slot is taken and the old released in one transaction; 409 and the old booking "
          + "stands when the new slot is taken.")
  @RequestBody(content = @Content(schema = @Schema(implementation = TimeslotChange.class), examples = @ExampleObject(
      name = "timeslot", value = """
          {"startTime": "2026-12-02T09:00:00.000Z", "endTime": "2026-12-02T10:00:00.000Z"}""")))
  public Uni<Reservation> reschedule(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      TimeslotChange change) {
    Instant[] slot = mapper.toTimeslot(change);
    return booking.reschedule(tenant(tenant), BookingMapper.id(id, "Appointment"), slot[0], slot[1], actor())
        .map(mapper::toView);
  }

  private String tenant(String tenant) {
    return caller.actFor(tenant, "header X-TENANT-ID");
  }

  private Actor actor() {
    return caller.actor("CUSTOMER", "PLUGIN");
  }
}
