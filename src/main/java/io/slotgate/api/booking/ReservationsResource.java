package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.CombinationReservationRequest;
import io.slotgate.api.booking.BookingDtos.CustomerRequest;
import io.slotgate.api.booking.BookingDtos.Reservation;
import io.slotgate.api.booking.BookingDtos.ReservationRequest;
import io.slotgate.api.booking.BookingDtos.TimeslotChange;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.booking.CombinationBooking;
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
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Face 2: reserve, confirm with the customer's details, cancel, update and reschedule (seed 003); a service combination
 * (seed 003's /external/v1/serviceCombination/ stack) is reserved, confirmed and moved with all its segments at once,
 * and cancelled or updated through the one-service endpoints (the seed says they serve both).
 */
@Bounded
@Idempotent
@Path("/external/v1")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class ReservationsResource {

  private final BookingService booking;
  private final CombinationBooking combinations;
  private final BookingMapper mapper;
  private final Booker booker;

  public ReservationsResource(BookingService booking, CombinationBooking combinations, BookingMapper mapper,
      Booker booker) {
    this.booking = booking;
    this.combinations = combinations;
    this.mapper = mapper;
    this.booker = booker;
  }

  @POST
  @Path("/reservations")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> reserve(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      ReservationRequest request) {
    BookingService.Reserve reserve = mapper.toReserve(booker.tenant(tenant), idempotencyKey, request, booker.actor());
    return booking.reserve(reserve).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @GET
  @Path("/reservations/{id}")
  public Uni<Reservation> get(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id) {
    return booking.get(booker.tenant(tenant), BookingMapper.id(id, "Reservation")).map(mapper::toView);
  }

  @PUT
  @Path("/reservations/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> confirm(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      CustomerRequest request) {
    return booking.confirm(booker.tenant(tenant), BookingMapper.id(id, "Reservation"), mapper.toCustomer(request),
        mapper.toAnswers(request), booker.actor()).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @DELETE
  @Path("/appointments/{id}")
  public Uni<Reservation> cancel(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id) {
    return booking.cancel(booker.tenant(tenant), BookingMapper.id(id, "Appointment"), booker.actor())
        .map(mapper::toView);
  }

  @PUT
  @Path("/appointments/{id}/customer")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Reservation> updateCustomer(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      CustomerRequest request) {
    return booking.updateCustomer(booker.tenant(tenant), BookingMapper.id(id, "Appointment"),
        mapper.toCustomer(request), mapper.toAnswers(request), booker.actor()).map(mapper::toView);
  }

  @PUT
  @Path("/appointments/{id}/timeslot")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Reservation> reschedule(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      TimeslotChange change) {
    return move(tenant, id, change, booking::reschedule);
  }

  @POST
  @Path("/serviceCombination/reservations")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> reserveCombination(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Idempotency-Key") String idempotencyKey, CombinationReservationRequest request) {
    CombinationBooking.Reserve reserve = CombinationMapper.toReserve(booker.tenant(tenant), idempotencyKey, request,
        booker.actor());
    return combinations.reserve(reserve).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  /** A combination's reservation is confirmed as a one-service one is: the customer, and every service's answers. */
  @PUT
  @Path("/serviceCombination/reservations/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> confirmCombination(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("id") String id, CustomerRequest request) {
    return confirm(tenant, id, request);
  }

  @PUT
  @Path("/serviceCombination/appointments/{id}/timeslot")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Reservation> rescheduleCombination(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      TimeslotChange change) {
    return move(tenant, id, change, combinations::reschedule);
  }

  /** A move to another timeslot: one service's or a whole combination's, as the core's {@code reschedule} says. */
  private Uni<Reservation> move(String tenant, String id, TimeslotChange change, Reschedule reschedule) {
    Instant[] slot = mapper.toTimeslot(change);
    return reschedule.to(booker.tenant(tenant), BookingMapper.id(id, "Appointment"), slot[0], slot[1], booker.actor())
        .map(mapper::toView);
  }

  @FunctionalInterface
  private interface Reschedule {
    Uni<Appointment> to(String owner, UUID id, Instant start, Instant end, Actor actor);
  }
}
