package io.slotgate.api.lifecycle;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.http.Idempotent;
import io.slotgate.api.http.RequestHash;
import io.slotgate.api.http.Times;
import io.slotgate.api.lifecycle.LifecycleDtos.AppointmentData;
import io.slotgate.api.lifecycle.LifecycleDtos.Envelope;
import io.slotgate.api.lifecycle.LifecycleDtos.HistoryView;
import io.slotgate.api.lifecycle.LifecycleDtos.InviteRequest;
import io.slotgate.api.lifecycle.LifecycleDtos.Page;
import io.slotgate.api.lifecycle.LifecycleDtos.PageMeta;
import io.slotgate.api.lifecycle.LifecycleDtos.ParticipantInput;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.owner.OwnerService;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Face 3: the back office of the capacity's owner (seed 002). {@code {enterprise}} is the owner; it
 * reads and moves every appointment on its capacity, whoever booked it. A booker that is not the
 * owner finds nothing here (404).
 */
@Bounded
@Idempotent
@Path("/enterprises/{enterprise}/appointments")
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleResource {

  private final AppointmentService appointments;
  private final OwnerService owners;
  private final LifecycleMapper mapper;
  private final Caller caller;
  private final CatalogueRepository catalogue;
  /** The request being answered (a request-scoped proxy): its Accept-Language picks the location's texts. */
  private final HttpServerRequest request;

  public LifecycleResource(AppointmentService appointments, OwnerService owners, LifecycleMapper mapper,
      Caller caller, CatalogueRepository catalogue, HttpServerRequest request) {
    this.request = request;
    this.appointments = appointments;
    this.owners = owners;
    this.mapper = mapper;
    this.caller = caller;
    this.catalogue = catalogue;
  }

  @GET
  public Uni<Page<AppointmentData>> list(@PathParam("enterprise") String enterprise,
      @QueryParam("status") @Size(max = 256) String status,
      @QueryParam("from") @Size(max = 64) String from,
      @QueryParam("to") @Size(max = 64) String to,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
      @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(100) int pageSize) {
    String owner = owner(enterprise);
    // One more than a page tells whether another page follows, without counting them all.
    return owners.list(owner, statuses(status), instant(from, "from"), instant(to, "to"), page * pageSize,
            pageSize + 1)
        .chain(found -> views(found.size() > pageSize ? found.subList(0, pageSize) : found)
            .map(views -> new Page<>(views, new PageMeta(page, pageSize, found.size() > pageSize))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<Envelope<AppointmentData>>> invite(@PathParam("enterprise") String enterprise,
      @Valid @NotNull InviteRequest request) {
    String owner = owner(enterprise);
    Instant start = Times.parse(request.start(), "start");
    Instant end = Times.parse(request.end(), "end");
    if (!end.isAfter(start)) {
      throw DomainFailure.invalid("Field 'end' must be after start");
    }
    String customer = participant(request.appointmentParticipants(), "CUSTOMER");
    if (customer == null) {
      throw DomainFailure.invalid("Field 'appointmentParticipants' must name the CUSTOMER being invited");
    }
    String employee = participant(request.appointmentParticipants(), "EMPLOYEE");
    OwnerService.Invite invite = new OwnerService.Invite(owner, request.externalId(),
        hash(request, customer, employee),
        uuid(request.subject().id(), "subject.id"), uuid(request.office().id(), "office.id"),
        employee == null ? null : uuid(employee, "appointmentParticipants.participant.id (EMPLOYEE)"), start, end,
        request.meetingType(), request.hybrid(), new Customer(customer, null, null, null, null, null), request.internalNotes(), request.messageForCustomer(),
        caller.actor("EMPLOYEE", "BACKOFFICE_APP"));
    return view(owners.invite(invite)).map(view -> RestResponse.status(Status.CREATED, view));
  }

  /** What makes two invitations the same request (an invitation made before meeting types hashes as it did). */
  private static String hash(InviteRequest request, String customer, String employee) {
    List<String> parts = new java.util.ArrayList<>(List.of(request.start(), request.end(), request.subject().id(),
        request.office().id(), customer, String.valueOf(employee), String.valueOf(request.internalNotes()),
        String.valueOf(request.messageForCustomer())));
    if (request.meetingType() != null || request.hybrid() != null) {
      parts.addAll(List.of(String.valueOf(request.meetingType()), String.valueOf(request.hybrid())));
    }
    return RequestHash.of(parts.toArray(String[]::new));
  }

  @GET
  @Path("/{id}")
  public Uni<Envelope<AppointmentData>> get(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return view(appointments.get(key(enterprise, id)));
  }

  @GET
  @Path("/{id}/history")
  public Uni<Envelope<List<HistoryView>>> history(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return appointments.get(key(enterprise, id))
        .chain(a -> appointments.history(a.id()))
        .map(entries -> new Envelope<>(entries.stream().map(mapper::toView).toList()));
  }

  @POST
  @Path("/{id}/_actions/confirm")
  public Uni<Envelope<AppointmentData>> confirm(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.CONFIRM);
  }

  @POST
  @Path("/{id}/_actions/accept")
  public Uni<Envelope<AppointmentData>> accept(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.ACCEPT);
  }

  @POST
  @Path("/{id}/_actions/request-alternative-date")
  public Uni<Envelope<AppointmentData>> requestAlternativeDate(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.REQUEST_ALTERNATIVE_DATE);
  }

  @POST
  @Path("/{id}/_actions/complete")
  public Uni<Envelope<AppointmentData>> complete(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.COMPLETE);
  }

  @POST
  @Path("/{id}/_actions/no-show")
  public Uni<Envelope<AppointmentData>> noShow(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.NO_SHOW_);
  }

  @POST
  @Path("/{id}/_actions/cancel")
  public Uni<Envelope<AppointmentData>> cancel(@PathParam("enterprise") String enterprise,
      @PathParam("id") @Size(max = 64) String id) {
    return act(enterprise, id, Action.CANCEL);
  }

  private Uni<Envelope<AppointmentData>> act(String enterprise, String id, Action move) {
    AppointmentKey key = key(enterprise, id);
    var actor = caller.actor("EMPLOYEE", "BACKOFFICE_APP");
    return view(move == Action.CANCEL ? appointments.cancel(key, actor)
        : appointments.move(key, move, actor, Changes.NONE));
  }

  /** Office visits carry their branch's location; installs at an address carry none. */
  private Uni<Envelope<AppointmentData>> view(Uni<Appointment> appointment) {
    return appointment.chain(a -> views(List.of(a))).map(views -> new Envelope<>(views.getFirst()));
  }

  /** Seed 002 views, with the branches of office visits read in one query. */
  private Uni<List<AppointmentData>> views(List<Appointment> found) {
    List<UUID> branches = found.stream().filter(a -> a.who().channel() != Channel.WHOLESALE)
        .map(a -> a.what().branchId())
        .filter(Objects::nonNull).distinct().toList();
    List<String> languages = LifecycleMapper.languages(request.getHeader("Accept-Language"));
    return catalogue.branches(branches).map(byId -> mapper.toViews(found, byId, languages));
  }

  private String owner(String enterprise) {
    return caller.actFor(enterprise, "path enterprise");
  }

  private AppointmentKey key(String enterprise, String id) {
    return AppointmentKey.ofOwner(owner(enterprise), id);
  }

  private static List<AppointmentStatus> statuses(String status) {
    if (status == null || status.isBlank()) {
      return List.of();
    }
    List<AppointmentStatus> statuses = new ArrayList<>();
    for (String value : status.split(",")) {
      try {
        statuses.add(AppointmentStatus.valueOf(value.trim()));
      } catch (IllegalArgumentException e) {
        throw DomainFailure.invalid("Invalid value '" + value.trim() + "' for status - accepted values are "
            + Arrays.toString(AppointmentStatus.values()));
      }
    }
    return statuses;
  }

  private static Instant instant(String value, String field) {
    return value == null || value.isBlank() ? null : Times.parse(value, field);
  }

  private static String participant(List<ParticipantInput> participants, String type) {
    return participants.stream().filter(p -> p.type().equals(type)).map(p -> p.participant().id()).findFirst()
        .orElse(null);
  }

  private static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw DomainFailure.invalid("Field '" + field + "' must be a uuid, not '" + value + "'");
    }
  }
}
