package io.slotgate.api.wholesale;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.api.wholesale.WholesaleDtos.AppointmentView;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestResponse;

/** Face 1: hold a slot, read it, confirm, cancel and reschedule (seed 000). */
@Bounded
@Idempotent
@Path("/WholesaleGateway/v1.0/gateway/appointments")
@RolesAllowed("appointments")
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
  public Uni<RestResponse<AppointmentView>> hold(
      @HeaderParam("Tenant") String tenant, HoldRequest request) {
    WholesaleService.Hold hold = mapper.toHold(caller.actFor(tenant, "header Tenant"), request, actor());
    return view(wholesale.hold(hold), false).map(view -> RestResponse.status(Status.CREATED, view));
  }

  @GET
  @Path("/{id}")
  public Uni<AppointmentView> get(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.get(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id)), true);
  }

  @POST
  @Path("/{id}/_actions/confirm")
  @RequestBody(required = false)
  public Uni<AppointmentView> confirm(@HeaderParam("Tenant") String tenant, @PathParam("id") String id,
      String body) {
    String orderReference = mapper.toConfirm(body);
    return view(wholesale.confirm(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id),
        orderReference, actor()), true);
  }

  @POST
  @Path("/{id}/_actions/cancel")
  public Uni<AppointmentView> cancel(@HeaderParam("Tenant") String tenant, @PathParam("id") String id) {
    return view(wholesale.cancel(caller.actFor(tenant, "header Tenant"), WholesaleMapper.clientId(id), actor()), true);
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
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
