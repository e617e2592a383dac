package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.BranchOffer;
import io.slotgate.api.booking.BookingDtos.CombinationBranch;
import io.slotgate.api.booking.BookingDtos.CombinationTimeslot;
import io.slotgate.api.booking.BookingDtos.ServiceGroups;
import io.slotgate.api.booking.BookingDtos.ServiceOffer;
import io.slotgate.api.booking.BookingDtos.Timeslot;
import io.slotgate.api.http.Bounded;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.booking.CombinationBooking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Face 2: what a booking page can offer (seed 003): services, groups, branches and free timeslots, and the branches'
 * service combinations (several services in one appointment) with their start times.
 */
@Bounded
@Path("/external/v1")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class OfferResource {

  private final BookingService booking;
  private final CombinationBooking combinations;
  private final BookingMapper mapper;
  private final Booker booker;

  public OfferResource(BookingService booking, CombinationBooking combinations, BookingMapper mapper, Booker booker) {
    this.booking = booking;
    this.combinations = combinations;
    this.mapper = mapper;
    this.booker = booker;
  }

  @GET
  @Path("/services")
  public Uni<List<ServiceOffer>> services(
      @HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language) {
    return booking.offer(booker.tenant(tenant)).map(offer -> mapper.toOffers(offer, BookingMapper.locale(language)));
  }

  @GET
  @Path("/services/groups")
  public Uni<ServiceGroups> groups(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language) {
    return booking.offer(booker.tenant(tenant)).map(offer -> mapper.toGroups(offer, BookingMapper.locale(language)));
  }

  @GET
  @Path("/services/{serviceId}")
  public Uni<List<BranchOffer>> branches(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language, @PathParam("serviceId") String serviceId) {
    String owner = booker.tenant(tenant);
    UUID id = BookingMapper.id(serviceId, "Service");
    return booking.service(owner, id).chain(service -> booking.offer(owner).map(offer -> mapper.toBranches(offer, service)));
  }

  @GET
  @Path("/services/{serviceId}/timeslots")
  public Uni<RestResponse<List<Timeslot>>> timeslots(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("serviceId") String serviceId,
      @QueryParam("branchId") String branchId,
      @QueryParam("requestedResourceId") String requestedResourceId,
      @QueryParam("numberOfReservations") String numberOfReservations,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Context UriInfo request) {
    String owner = booker.tenant(tenant);
    UUID service = BookingMapper.id(serviceId, "Service");
    if (branchId == null || branchId.isBlank()) {
      throw DomainFailure.malformed("Missing required query parameter: branchId");
    }
    UUID branch = uuidParam(branchId, "branchId");
    UUID resource = requestedResourceId == null || requestedResourceId.isBlank() ? null
        : uuidParam(requestedResourceId, "requestedResourceId");
    return booking.timeslots(owner, service, branch, resource, BookingMapper.count(numberOfReservations),
            BookingMapper.date(from, "from"), BookingMapper.date(to, "to"))
        .map(found -> BookingMapper.page(mapper.toTimeslots(found), found.next(), request));
  }

  @GET
  @Path("/serviceCombination/branch")
  public Uni<List<CombinationBranch>> combinationBranches(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language) {
    return combinations.listing(booker.tenant(tenant))
        .map(listing -> CombinationMapper.toBranches(listing, BookingMapper.locale(language)));
  }

  @GET
  @Path("/serviceCombination/{serviceCombinationId}/timeslots")
  public Uni<RestResponse<List<CombinationTimeslot>>> combinationTimeslots(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("serviceCombinationId") String combinationId,
      @QueryParam("numberOfReservations") String numberOfReservations,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @Context UriInfo request) {
    return combinations.timeslots(booker.tenant(tenant), BookingMapper.id(combinationId, "Service combination"),
            BookingMapper.count(numberOfReservations), BookingMapper.date(from, "from"), BookingMapper.date(to, "to"))
        .map(found -> BookingMapper.page(CombinationMapper.toTimeslots(found), found.next(), request));
  }

  private static UUID uuidParam(String value, String name) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw DomainFailure.malformed("Query parameter '" + name + "' must be a GUID, not '" + value + "'");
    }
  }
}
