package io.slotgate.core.wholesale;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Meeting;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentService.Reschedule;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.NewAppointment;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.slotgate.core.coverage.Coverage;
import io.slotgate.core.supplier.AvailabilityQuery;
import io.slotgate.core.supplier.Classification;
import io.slotgate.core.supplier.OfferedSlot;
import io.slotgate.core.supplier.RemoteHold;
import io.slotgate.core.supplier.SupplierAdapter;
import io.slotgate.core.supplier.SupplierRoute;
import io.slotgate.core.supplier.SupplierRouter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wholesale use cases: route a tenant's request to its supplier, then search, hold and run the appointment. */
@ApplicationScoped
public class WholesaleService {

  private final CatalogueRepository catalogue;
  private final SupplierRouter suppliers;
  private final AppointmentService appointments;
  private final RemoteSuppliers remoteSuppliers;
  private final Coverage coverage;

  public WholesaleService(CatalogueRepository catalogue, SupplierRouter suppliers, AppointmentService appointments,
      RemoteSuppliers remoteSuppliers, Coverage coverage) {
    this.catalogue = catalogue;
    this.coverage = coverage;
    this.suppliers = suppliers;
    this.appointments = appointments;
    this.remoteSuppliers = remoteSuppliers;
  }

  /** A wholesale search, already parsed. */
  public record Search(String tenant, String addressId, String addressType, String specification, String purpose,
      LocalDate fromDate, Set<Classification> classifications) {}

  /** A wholesale hold, already parsed; {@code requestHash} identifies the request for safe retries. */
  public record Hold(String tenant, String clientId, String requestHash, String addressId, String addressType,
      String specification, String purpose, Instant start, Instant end, Actor actor) {}

  /** Slots with free capacity, and the route that answered (for the service's name). */
  public record Availability(SupplierRoute route, List<OfferedSlot> slots) {}

  public Uni<Availability> search(Search search) {
    return route(search.tenant(), search.specification())
        .call(route -> covered(route, search.addressType(), search.addressId()))
        .chain(route -> suppliers.adapterFor(route)
        .availableSlots(route, new AvailabilityQuery(search.addressId(), search.addressType(), search.purpose(),
            search.fromDate(), search.classifications(), appointments.now()))
        .map(slots -> new Availability(route, slots)));
  }

  /**
   * Places the hold. A retry with the same id is recognised by the insert itself (the unique index),
   * so the common path reads nothing first; only when the request is refused as invalid (say its
   * slot has started since the first attempt) is an earlier identical hold looked up and returned.
   */
  public Uni<Appointment> hold(Hold hold) {
    return place(hold).onFailure(DomainFailure.class).recoverWithUni(failure ->
        ((DomainFailure) failure).kind() == DomainFailure.Kind.INVALID_REQUEST
            ? earlier(hold, (DomainFailure) failure)
            : Uni.createFrom().failure(failure));
  }

  private Uni<Appointment> earlier(Hold hold, DomainFailure refusal) {
    return appointments.get(AppointmentKey.byClientId(hold.tenant(), Channel.WHOLESALE, hold.clientId()))
        .map(existing -> existing.replayFor(hold.requestHash(), "id " + hold.clientId() + " was already used by "
            + "this tenant for a different request; reuse an id only to retry the identical request"))
        .onFailure(DomainFailure.class).transform(notFound -> refusal);
  }

  private Uni<Appointment> place(Hold hold) {
    Instant now = appointments.now();
    if (!hold.start().isAfter(now)) {
      return Uni.createFrom().failure(DomainFailure.invalid("timeslot.timeslotStartDateTime "
          + hold.start() + " is in the past; pick a future timeslot from available-appointments"));
    }
    return route(hold.tenant(), hold.specification())
        .call(route -> covered(route, hold.addressType(), hold.addressId()))
        .chain(route -> offered(route, hold.purpose(), hold.start(), hold.end(), now)
        .chain(slot -> appointments.place(NewAppointment.wholesaleHold(
            new NewAppointment.Who(hold.tenant(), route.ownerTenant(), Channel.WHOLESALE, hold.clientId(),
                hold.requestHash(), hold.actor()),
            new NewAppointment.What(route.supplierId(), route.branchId(), route.serviceId(), hold.specification(),
                null, Meeting.onLocation()),
            new NewAppointment.Where(hold.addressId(), hold.addressType(), hold.purpose()),
            new NewAppointment.When(slot.start(), slot.end(), slot.classification().name(), slot.standard(),
                expiry(now, route, slot)),
            new NewAppointment.Capacity(1, null, pool(route, slot), slot.trailingBuffer()))))
        .chain(held -> mirror(route, held)));
  }

  /**
   * For a supplier that keeps its own holds: the local record is written first, then the supplier is
   * asked under the id derived from the booker and its client id, so a retry (also of a hold we
   * answered 504 for) reaches the same appointment there; a replayed local hold asks again, which the
   * supplier answers idempotently. The local expiry is the earlier of ours and the supplier's. If the
   * supplier refuses or fails a new hold, the local record goes and the supplier is told to release it
   * (retried, since a slow supplier may still create it later, and stopped once a retry owns it).
   */
  private Uni<Appointment> mirror(SupplierRoute route, AppointmentService.Held held) {
    SupplierAdapter adapter = suppliers.adapterFor(route);
    Appointment appointment = held.appointment();
    if (!adapter.remote() || appointment.status() != AppointmentStatus.RESERVED) {
      return Uni.createFrom().item(appointment);
    }
    RemoteHold remote = new RemoteHold(RemoteSuppliers.remoteId(appointment), appointment.where().addressId(),
        appointment.where().addressType(), appointment.what().serviceCode(), appointment.where().purpose(),
        appointment.when().start(), appointment.when().end());
    return adapter.hold(route, remote)
        .chain(lapses -> appointments.expireNoLaterThan(appointment, lapses))
        .onFailure().call(failure -> !held.created() ? Uni.createFrom().voidItem()
            : appointments.forget(appointment).invoke(() -> remoteSuppliers.release(route, adapter,
                appointment.who().tenant(), appointment.who().externalId(), 0)));
  }

  /** Where the hold's capacity comes from: the offered slot's resources, or none here for a remote supplier. */
  private List<java.util.UUID> pool(SupplierRoute route, OfferedSlot slot) {
    return suppliers.adapterFor(route).remote() ? null : slot.pool();
  }

  /** now + the supplier's hold TTL, but never after the slot starts. */
  private static Instant expiry(Instant now, SupplierRoute route, OfferedSlot slot) {
    Instant ttl = now.plus(route.holdTtl());
    return ttl.isBefore(slot.start()) ? ttl : slot.start();
  }

  public Uni<Appointment> get(String tenant, String clientId) {
    return appointments.get(key(tenant, clientId));
  }

  /**
   * The order is placed: ACCEPTED, or INCOMING_REQUEST where the supplier must accept first. A remote
   * supplier confirms first; if it cannot, the hold stays as it is.
   */
  public Uni<Appointment> confirm(String tenant, String clientId, String orderReference, Actor actor) {
    return appointments.get(key(tenant, clientId)).call(appointment -> stillGranted(appointment,
            "this hold was released when the grant was withdrawn"))
        .chain(appointment -> remoteSuppliers.routeOf(appointment)
        .chain(route -> {
          SupplierAdapter adapter = suppliers.adapterFor(route);
          Uni<String> remote = adapter.remote() && appointment.status() == AppointmentStatus.RESERVED
              ? confirmRemotely(route, adapter, appointment, orderReference)
              : Uni.createFrom().item(route.requiresAcceptance() ? "INCOMING_REQUEST" : "ACCEPTED");
          return remote.chain(status -> appointments.move(appointment,
              "INCOMING_REQUEST".equals(status) || status == null && route.requiresAcceptance()
                  ? Action.CONFIRM_FOR_ACCEPTANCE : Action.CONFIRM, actor,
              new Changes(orderReference, null, null, null, null, null, null)));
        }));
  }

  /**
   * Confirms at the supplier, idempotently: when the confirm times out, fails or is refused, the
   * supplier's own record decides. If it already holds the appointment confirmed (an earlier confirm
   * whose answer was lost), the order was placed; otherwise the original failure stands.
   */
  private Uni<String> confirmRemotely(SupplierRoute route, SupplierAdapter adapter, Appointment appointment,
      String orderReference) {
    long id = RemoteSuppliers.remoteId(appointment);
    return adapter.confirm(route, id, orderReference)
        .onFailure(DomainFailure.class).recoverWithUni(failure -> adapter.status(route, id)
            .onFailure().recoverWithItem(java.util.Optional.empty())
            .map(status -> status.filter(s -> s.equals("ACCEPTED") || s.equals("INCOMING_REQUEST"))
                .orElseThrow(() -> (DomainFailure) failure)));
  }

  /** Releases the slot here at once; a remote supplier is told in the background (see {@link RemoteSuppliers}). */
  public Uni<Appointment> cancel(String tenant, String clientId, Actor actor) {
    return appointments.cancel(key(tenant, clientId), actor);
  }

  /** Another offered timeslot for the booker's appointment; the appointment is found first (404 before 422). */
  public Uni<Appointment> reschedule(String tenant, String clientId, Instant start, Instant end, Actor actor) {
    Instant now = appointments.now();
    return appointments.get(key(tenant, clientId)).invoke(() -> {
      if (!start.isAfter(now)) {
        throw DomainFailure.invalid("timeslot.timeslotStartDateTime " + start
            + " is in the past; pick a future timeslot from available-appointments");
      }
    }).call(appointment -> stillGranted(appointment, "the appointment keeps its timeslot and can still be cancelled"))
        .chain(appointment -> remoteSuppliers.routeOf(appointment)
        .invoke(route -> {
          if (suppliers.adapterFor(route).remote()) {
            throw new DomainFailure(DomainFailure.Kind.NOT_IMPLEMENTED, List.of("Rescheduling is not available for "
                + "appointments with remote supplier '" + route.supplierId() + "'; cancel and hold again"), Map.of());
          }
        })
        .chain(route -> offered(route, appointment.where().purpose(), start, end, now))
        .chain(slot -> appointments.reschedule(key(tenant, clientId), new Reschedule(slot.start(), slot.end(),
            slot.classification().name(), slot.standard(), slot.pool(), slot.trailingBuffer()), actor)));
  }

  /**
   * A booker may take new capacity on another owner's supplier (confirm a hold, move to another slot) only while the
   * owner's grant covers the appointment's specification; cancelling needs no grant.
   */
  private Uni<Void> stillGranted(Appointment appointment, String consequence) {
    return catalogue.granted(appointment.who().tenant(), appointment.who().owner(), appointment.what().supplierId(),
        appointment.what().serviceCode()).invoke(granted -> {
          if (!granted) {
            throw DomainFailure.invalid("The supplier's owner withdrew its grant of serviceSpecification '"
                + appointment.what().serviceCode() + "' to this tenant; " + consequence);
          }
        }).replaceWithVoid();
  }

  private Uni<OfferedSlot> offered(SupplierRoute route, String purpose, Instant start, Instant end, Instant now) {
    return suppliers.adapterFor(route).offeredSlot(route, purpose, start, end, now)
        .map(slot -> slot.orElseThrow(() -> DomainFailure.invalid("timeslot " + start + " - " + end
            + " is not offered by the supplier for serviceSpecification '" + route.specification()
            + "' and purpose " + purpose + "; use a timeslot returned by available-appointments for that purpose")));
  }

  /** 422 naming {@code address} when the route's supplier does not serve it (a supplier listing nothing serves all). */
  private Uni<Void> covered(SupplierRoute route, String addressType, String addressId) {
    return coverage.covers(route.ownerTenant(), route.supplierId(), addressType, addressId).invoke(covers -> {
      if (!covers) {
        throw DomainFailure.invalid("Field 'address' {\"id\": \"" + addressId + "\", \"type\": \"" + addressType
            + "\"} is not served by the supplier of serviceSpecification '" + route.specification() + "'; "
            + "GET serviceQualification lists the serviceSpecifications available at an address");
      }
    }).replaceWithVoid();
  }

  /**
   * Service qualification: the serviceSpecifications the booker may book at the address, each with the route that
   * answers it. Only its own routes count (a grant alone routes nothing), only while they lead somewhere (the grant
   * stands, the supplier is live), and only those whose supplier serves the address; sorted by specification.
   */
  public Uni<List<SupplierRoute>> qualify(String tenant, String addressType, String addressId) {
    return catalogue.routedSpecifications(tenant).chain(specifications -> {
      if (specifications.isEmpty()) {
        return Uni.createFrom().item(List.<SupplierRoute>of());
      }
      // One after the other: the catalogue's reads share the request's session.
      return io.smallrye.mutiny.Multi.createFrom().iterable(specifications.stream().sorted().toList())
          .onItem().transformToUniAndConcatenate(specification -> catalogue.route(tenant, specification)
              .chain(route -> route.isEmpty() ? Uni.createFrom().item(route)
                  : coverage.covers(route.get().ownerTenant(), route.get().supplierId(), addressType, addressId)
                      .map(covers -> covers ? route : java.util.Optional.<SupplierRoute>empty())))
          .collect().asList()
          .map(found -> found.stream().flatMap(java.util.Optional::stream).toList());
    });
  }

  private Uni<SupplierRoute> route(String tenant, String specification) {
    return catalogue.route(tenant, specification).map(route -> route.orElseThrow(() -> DomainFailure.invalid(
        "serviceSpecification.id '" + specification + "' is not offered to tenant '" + tenant + "': it has no route for "
        + "it, or the grant behind its route was withdrawn (see GET /admin/v1/routes and GET /admin/v1/grants)")));
  }

  /** The supplier's name for the appointment's service, e.g. "FTTP". */
  public Uni<String> serviceName(Appointment appointment) {
    return catalogue.supplier(appointment.who().tenant(), appointment.what().serviceCode(), appointment.who().owner(),
            appointment.what().supplierId())
        .map(route -> route.map(SupplierRoute::serviceName).orElse(appointment.what().serviceCode().toUpperCase()));
  }

  private static AppointmentKey key(String tenant, String clientId) {
    return AppointmentKey.byClientId(tenant, Channel.WHOLESALE, clientId);
  }
}
