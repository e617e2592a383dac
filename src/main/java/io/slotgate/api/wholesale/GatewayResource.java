package io.slotgate.api.wholesale;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.api.wholesale.WholesaleDtos.Address;
import io.slotgate.api.wholesale.WholesaleDtos.AppointmentView;
import io.slotgate.api.wholesale.WholesaleDtos.AvailableAppointments;
import io.slotgate.api.wholesale.WholesaleDtos.HoldRequest;
import io.slotgate.api.wholesale.WholesaleDtos.RescheduleRequest;
import io.slotgate.api.wholesale.WholesaleDtos.ServiceQualification;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.wholesale.WholesaleService;
import io.slotgate.core.wholesale.WholesaleService.Search;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Face 1, the wholesale gateway: which services an address can have (seed 001's quick start step 1, "Check Service
 * Availability", shaped after TMF645 Service Qualification: a GET that stores nothing), which appointment slots are free
 * (seed 001), and holding a slot, reading it, confirming, cancelling and rescheduling it (seed 000).
 */
@Bounded
@Idempotent
@Path("/WholesaleGateway/v1.0/gateway")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayResource {

  private static final String TYPE = "OTHER";
  private static final String SOURCE = "PARTNER_BOOKING_APP";

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;
  private final Caller caller;

  public GatewayResource(WholesaleService wholesale, WholesaleMapper mapper, Caller caller) {
    this.wholesale = wholesale;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  @Path("/serviceQualification")
  public Uni<ServiceQualification> qualify(@HeaderParam("Tenant") String tenant, @QueryParam("address") String address) {
    String booker = booker(tenant);
    Address where = mapper.toQualification(address);
    return wholesale.qualify(booker, where.type(), where.id()).map(routes -> mapper.toView(where, routes));
  }

  @GET
  @Path("/available-appointments")
  public Uni<AvailableAppointments> search(
      @HeaderParam("Tenant") String tenant,
      @QueryParam("address") String address,
      @QueryParam("appointmentPurpose") String purpose,
      @QueryParam("serviceSpecification") String serviceSpecification,
      @QueryParam("appointmentFromDate") String fromDate,
      @QueryParam("classifications") String classifications) {
    Search search = mapper.toSearch(booker(tenant), address, serviceSpecification, purpose, fromDate, classifications);
    return wholesale.search(search).map(availability -> mapper.toView(search, availability));
  }

  @POST
  @Path("/appointments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<AppointmentView>> hold(@HeaderParam("Tenant") String tenant, HoldRequest request) {
    WholesaleService.Hold hold = mapper.toHold(booker(tenant), request, actor());
    return view(wholesale.hold(hold), false).map(view -> RestResponse.status(Status.CREATED, view));
  }

  @GET
  @Path("/appointments/{id}")
  public Uni<AppointmentView> get(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.get(booker(tenant), WholesaleMapper.clientId(id)), true);
  }

  @POST
  @Path("/appointments/{id}/_actions/confirm")
  @RequestBody(required = false)
  public Uni<AppointmentView> confirm(@HeaderParam("Tenant") String tenant, @PathParam("id") String id,
      String body) {
    String orderReference = mapper.toConfirm(body);
    return view(wholesale.confirm(booker(tenant), WholesaleMapper.clientId(id), orderReference, actor()), true);
  }

  @POST
  @Path("/appointments/{id}/_actions/cancel")
  public Uni<AppointmentView> cancel(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.cancel(booker(tenant), WholesaleMapper.clientId(id), actor()), true);
  }

  @PATCH
  @Path("/appointments/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<AppointmentView> reschedule(@HeaderParam("Tenant") String tenant, @PathParam("id") String id,
      RescheduleRequest request) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with a timeslot is required");
    }
    Instant[] slot = mapper.toReschedule(request.timeslot());
    return view(wholesale.reschedule(booker(tenant), WholesaleMapper.clientId(id), slot[0], slot[1], actor()), true);
  }

  /** The booker the Tenant header names, once checked against the token (403 if the token may not act for it). */
  private String booker(String tenant) {
    return caller.actFor(tenant, "header Tenant");
  }

  private Uni<AppointmentView> view(Uni<Appointment> appointment, boolean withStatus) {
    return appointment.chain(a -> wholesale.serviceName(a).map(name -> mapper.toView(a, name, withStatus)));
  }

  private Actor actor() {
    return caller.actor(TYPE, SOURCE);
  }
}
