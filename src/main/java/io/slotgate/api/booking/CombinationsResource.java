package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.CombinationBranch;
import io.slotgate.api.booking.BookingDtos.CombinationReservationRequest;
import io.slotgate.api.booking.BookingDtos.CombinationTimeslot;
import io.slotgate.api.booking.BookingDtos.CustomerRequest;
import io.slotgate.api.booking.BookingDtos.Reservation;
import io.slotgate.api.booking.BookingDtos.TimeslotChange;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.booking.CombinationBooking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Face 2, several services in one appointment (seed 003's /external/v1/serviceCombination/ stack): the branches'
 * combinations, their start times, reserving every segment at once, confirming and moving them together. Cancel and
 * customer updates are the one-service endpoints (the seed says they serve both).
 */
@Bounded
@Idempotent
@Path("/external/v1/serviceCombination")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class CombinationsResource {

  private final CombinationBooking combinations;
  private final BookingService booking;
  private final BookingMapper mapper;
  private final Booker booker;

  public CombinationsResource(CombinationBooking combinations, BookingService booking, BookingMapper mapper,
      Booker booker) {
    this.combinations = combinations;
    this.booking = booking;
    this.mapper = mapper;
    this.booker = booker;
  }

  @GET
  @Path("/branch")
  public Uni<List<CombinationBranch>> branches(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language) {
    return combinations.listing(booker.tenant(tenant))
        .map(listing -> CombinationMapper.toBranches(listing, BookingMapper.locale(language)));
  }

  @GET
  @Path("/{serviceCombinationId}/timeslots")
  public Uni<RestResponse<List<CombinationTimeslot>>> timeslots(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("serviceCombinationId") String combinationId,
      @QueryParam("numberOfReservations") String numberOfReservations,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Context UriInfo request) {
    return combinations.timeslots(booker.tenant(tenant), BookingMapper.id(combinationId, "Service combination"),
            BookingMapper.count(numberOfReservations), BookingMapper.date(from, "from"), BookingMapper.date(to, "to"))
        .map(found -> BookingMapper.page(CombinationMapper.toTimeslots(found), found.next(), request));
  }

  @POST
  @Path("/reservations")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> reserve(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Idempotency-Key") String idempotencyKey, CombinationReservationRequest request) {
    CombinationBooking.Reserve reserve = CombinationMapper.toReserve(booker.tenant(tenant), idempotencyKey, request,
        booker.actor());
    return combinations.reserve(reserve).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @PUT
  @Path("/reservations/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Reservation>> confirm(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      CustomerRequest request) {
    return booking.confirm(booker.tenant(tenant), BookingMapper.id(id, "Reservation"), mapper.toCustomer(request),
        mapper.toAnswers(request), booker.actor()).map(a -> RestResponse.status(Status.CREATED, mapper.toView(a)));
  }

  @PUT
  @Path("/appointments/{id}/timeslot")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Reservation> reschedule(@HeaderParam("X-TENANT-ID") String tenant, @PathParam("id") String id,
      TimeslotChange change) {
    Instant[] slot = mapper.toTimeslot(change);
    return combinations.reschedule(booker.tenant(tenant), BookingMapper.id(id, "Appointment"), slot[0], slot[1],
            booker.actor())
        .map(mapper::toView);
  }
}
