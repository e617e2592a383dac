package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.BranchOffer;
import io.slotgate.api.booking.BookingDtos.ServiceGroups;
import io.slotgate.api.booking.BookingDtos.ServiceOffer;
import io.slotgate.api.booking.BookingDtos.Timeslot;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.booking.BookingService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face 2: what a booking page can offer: services, groups, branches and free timeslots (seed 003). */
@Bounded
@Path("/external/v1/services")
@RolesAllowed("appointments")
@Tag(name = "Booking", description = "Branch booking for booking pages and apps: services, timeslots, reservations and appointments at a tenant's branches")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

  private final BookingService booking;
  private final BookingMapper mapper;
  private final Caller caller;

  public ServicesResource(BookingService booking, BookingMapper mapper, Caller caller) {
    this.booking = booking;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "List active services per branch, with configuration, resources and questions",
      description = "Names in the Accept-Language (en_US, en_UK, fr_FR, nl_NL, de_DE, it_IT, ES_es); unknown or "
          + "missing falls back to the tenant's default locale.")
  public Uni<List<ServiceOffer>> services(
      @Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam("X-TENANT-ID") String tenant,
      @Parameter(in = ParameterIn.HEADER, schema = @Schema(enumeration = {"en_US", "en_UK", "fr_FR", "nl_NL", "de_DE",
          "it_IT", "ES_es"})) @HeaderParam("Accept-Language") String language) {
    return booking.offer(tenant(tenant)).map(offer -> mapper.toOffers(offer, BookingMapper.locale(language)));
  }

  @GET
  @Path("/groups")
  @Operation(summary = "Services organised in service groups")
  public Uni<ServiceGroups> groups(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language) {
    return booking.offer(tenant(tenant)).map(offer -> mapper.toGroups(offer, BookingMapper.locale(language)));
  }

  @GET
  @Path("/{serviceId}")
  @Operation(summary = "Branches (locations) offering a service")
  public Uni<List<BranchOffer>> branches(@HeaderParam("X-TENANT-ID") String tenant,
      @HeaderParam("Accept-Language") String language, @PathParam("serviceId") String serviceId) {
    String owner = tenant(tenant);
    UUID id = BookingMapper.id(serviceId, "Service");
    return booking.service(owner, id).chain(service -> booking.offer(owner).map(offer -> mapper.toBranches(offer, service)));
  }

  @GET
  @Path("/{serviceId}/timeslots")
  @Operation(summary = "Free timeslots of a service at a branch",
      description = "Consecutive slots from the branch's opening hours and the service's duration, in UTC; only "
          + "slots where numberOfReservations resources are free (only the requested one when given). from/to are "
          + "local dates (default: today and six days on), at most 62 days apart.")
  public Uni<List<Timeslot>> timeslots(@HeaderParam("X-TENANT-ID") String tenant,
      @PathParam("serviceId") String serviceId,
      @Parameter(required = true) @QueryParam("branchId") String branchId,
      @QueryParam("requestedResourceId") String requestedResourceId,
      @Parameter(schema = @Schema(defaultValue = "1")) @QueryParam("numberOfReservations") String numberOfReservations,
      @Parameter(example = "2026-12-01") @QueryParam("from") String from,
      @Parameter(example = "2026-12-07") @QueryParam("to") String to) {
    String owner = tenant(tenant);
    UUID service = BookingMapper.id(serviceId, "Service");
    if (branchId == null || branchId.isBlank()) {
      throw DomainFailure.malformed("Missing required query parameter: branchId");
    }
    UUID branch = uuidParam(branchId, "branchId");
    UUID resource = requestedResourceId == null || requestedResourceId.isBlank() ? null
        : uuidParam(requestedResourceId, "requestedResourceId");
    int need;
    try {
      need = numberOfReservations == null || numberOfReservations.isBlank() ? 1 : Integer.parseInt(numberOfReservations);
    } catch (NumberFormatException e) {
      throw DomainFailure.malformed("Query parameter 'numberOfReservations' must be a whole number, not '"
          + numberOfReservations + "'");
    }
    return booking.timeslots(owner, service, branch, resource, need, BookingMapper.date(from, "from"),
            BookingMapper.date(to, "to"))
        .map(mapper::toTimeslots);
  }

  private static UUID uuidParam(String value, String name) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw DomainFailure.malformed("Query parameter '" + name + "' must be a GUID, not '" + value + "'");
    }
  }

  private String tenant(String tenant) {
    return caller.actFor(tenant, "header X-TENANT-ID");
  }
}
