package io.slotgate.api.lifecycle;

import io.slotgate.api.Caller;
import io.slotgate.api.lifecycle.LifecycleDtos.AppointmentData;
import io.slotgate.api.lifecycle.LifecycleDtos.Envelope;
import io.slotgate.api.lifecycle.LifecycleDtos.HistoryView;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.slotgate.core.appointment.AppointmentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face 3: back office and supplier systems run an appointment's life (seed 002). */
@Path("/enterprises/{enterprise}/appointments/{id}")
@RolesAllowed("appointments:manage")
@Tag(name = "Lifecycle", description = "Appointment lifecycle for back-office staff (seed 002)")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleResource {

  private static final Map<String, Action> ACTIONS = Map.of(
      "accept", Action.ACCEPT,
      "request-alternative-date", Action.REQUEST_ALTERNATIVE_DATE,
      "complete", Action.COMPLETE,
      "no-show", Action.NO_SHOW_,
      "cancel", Action.CANCEL);

  private final AppointmentService appointments;
  private final LifecycleMapper mapper;
  private final Caller caller;

  public LifecycleResource(AppointmentService appointments, LifecycleMapper mapper, Caller caller) {
    this.appointments = appointments;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  @Operation(summary = "Read an appointment", description = "404 for an unknown id or another enterprise's appointment.")
  public Uni<Envelope<AppointmentData>> get(@PathParam("enterprise") String enterprise, @PathParam("id") String id) {
    return view(appointments.get(key(enterprise, id)));
  }

  /** Office visits carry their branch's location; installs at an address carry none. */
  private Uni<Envelope<AppointmentData>> view(Uni<io.slotgate.core.appointment.Appointment> appointment) {
    return appointment.chain(a -> a.channel() == io.slotgate.core.appointment.Channel.WHOLESALE || a.branchId() == null
        ? Uni.createFrom().item(new Envelope<>(mapper.toView(a)))
        : io.quarkus.hibernate.reactive.panache.Panache.withSession(
                () -> io.slotgate.core.catalogue.Branch.<io.slotgate.core.catalogue.Branch>findById(a.branchId()))
            .map(branch -> new Envelope<>(mapper.toView(a, mapper.location(branch)))));
  }

  @GET
  @Path("/history")
  @Operation(summary = "The appointment's status changes: who, when, from which face, from and to status")
  public Uni<Envelope<List<HistoryView>>> history(@PathParam("enterprise") String enterprise, @PathParam("id") String id) {
    return appointments.get(key(enterprise, id))
        .chain(a -> appointments.history(a.id()))
        .map(entries -> new Envelope<>(entries.stream().map(mapper::toView).toList()));
  }

  @POST
  @Path("/_actions/{action}")
  @Operation(summary = "Move the appointment: accept, request-alternative-date, complete, no-show or cancel",
      description = "Refused moves answer 422 APPOINTMENT_STATUS_INVALID with arguments naming the current status "
          + "and the action, and change nothing.")
  public Uni<Envelope<AppointmentData>> act(@PathParam("enterprise") String enterprise, @PathParam("id") String id,
      @Parameter(schema = @Schema(enumeration = {"accept", "request-alternative-date", "complete", "no-show", "cancel"}))
      @PathParam("action") String action) {
    Action move = ACTIONS.get(action);
    if (move == null) {
      throw DomainFailure.notFound("Action '" + action + "' (accepted: " + ACTIONS.keySet() + ")");
    }
    return view(appointments.move(key(enterprise, id), move, caller.actor("EMPLOYEE", "BACKOFFICE_APP"), Changes.NONE));
  }

  private AppointmentKey key(String enterprise, String id) {
    String tenant = caller.actFor(enterprise, "path enterprise");
    try {
      return AppointmentKey.byId(tenant, UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw DomainFailure.notFound("Appointment " + id);
    }
  }
}
