package io.slotgate.core.booking;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentService.Reschedule;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.Combination;
import io.slotgate.core.appointment.Meeting;
import io.slotgate.core.appointment.NewAppointment;
import io.slotgate.core.catalogue.Branch;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.slotgate.core.catalogue.Service;
import io.slotgate.core.catalogue.ServiceCombination;
import io.slotgate.core.schedule.CombinationCalendar;
import io.slotgate.core.schedule.CombinationCalendar.FreeStart;
import io.slotgate.core.schedule.CombinationPlan;
import io.slotgate.core.schedule.Slot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service combinations on the branch face (seed 003's /external/v1/serviceCombination/): one start time, the
 * services back to back, every segment held or none. Confirming, cancelling and the customer's details go through
 * {@link BookingService} like any appointment's; only the listing, timeslots, reservation and reschedule differ.
 */
@ApplicationScoped
public class CombinationBooking {

  private final CatalogueRepository catalogue;
  private final CombinationCalendar calendar;
  private final AppointmentService appointments;
  private final BookingService booking;

  public CombinationBooking(CatalogueRepository catalogue, CombinationCalendar calendar,
      AppointmentService appointments, BookingService booking) {
    this.catalogue = catalogue;
    this.calendar = calendar;
    this.appointments = appointments;
    this.booking = booking;
  }

  /** The tenant's live combinations with their branches and services, as the booking pages list them. */
  public record Listing(List<ServiceCombination> combinations, Map<UUID, Branch> branches, Map<UUID, Service> services,
      String defaultLocale) {}

  public Uni<Listing> listing(String tenant) {
    return booking.offer(tenant).chain(offer -> catalogue.combinations(tenant).map(combinations -> new Listing(
        combinations.stream().filter(c -> offer.branches().stream().anyMatch(b -> b.id.equals(c.branchId))
            && offer.services().stream().map(s -> s.id).toList().containsAll(c.serviceIds)).toList(),
        offer.branches().stream().collect(java.util.stream.Collectors.toMap(b -> b.id, b -> b)),
        offer.services().stream().collect(java.util.stream.Collectors.toMap(s -> s.id, s -> s)),
        offer.defaultLocale())));
  }

  /** Whether a booking page may book the combination: it, and every one of its services, is bookable online. */
  public static boolean onlineBookable(ServiceCombination combination, Map<UUID, Service> services) {
    return combination.onlineBookable && combination.serviceIds.stream()
        .allMatch(id -> services.containsKey(id) && services.get(id).onlineBookable);
  }

  /** A live combination of the tenant, or 404. */
  public Uni<ServiceCombination> combination(String tenant, UUID id) {
    return catalogue.combination(id).map(combination -> {
      if (combination == null || combination.retiredAt != null || !combination.tenant.equals(tenant)) {
        throw DomainFailure.notFound("Service combination " + id);
      }
      return combination;
    });
  }

  /** Free start times and the resource names they mention; {@code next} as in {@link BookingService.Timeslots}. */
  public record Timeslots(CombinationPlan plan, List<FreeStart> starts, LocalDate next) {}

  public Uni<Timeslots> timeslots(String tenant, UUID id, int need, LocalDate from, LocalDate to) {
    return offered(tenant, id, need).chain(plan -> {
      BookingService.Window window = booking.window(plan.zone(), from, to);
      return calendar.freeStarts(plan, window.start(), window.end().plusDays(1), need, appointments.now())
          .map(starts -> new Timeslots(plan, starts, window.next()));
    });
  }

  /** A reservation of a combination, already parsed. */
  public record Reserve(String tenant, String idempotencyKey, String requestHash, UUID combinationId, Instant start,
      Instant end, String notes, int numberOfReservations, Actor actor) {}

  /** A temporary hold of every segment at once, or 409 when any segment has no free resource left. */
  public Uni<Appointment> reserve(Reserve reserve) {
    return booking.replayOr(reserve.tenant(), reserve.idempotencyKey(), reserve.requestHash(), () -> place(reserve));
  }

  private Uni<Appointment> place(Reserve reserve) {
    Instant now = appointments.now();
    if (!reserve.start().isAfter(now)) {
      return Uni.createFrom().failure(DomainFailure.invalid("Field 'startTime' " + reserve.start()
          + " is in the past; pick a timeslot from GET /serviceCombination/{serviceCombinationId}/timeslots"));
    }
    return combination(reserve.tenant(), reserve.combinationId()).chain(combination -> {
      if (!combination.onlineBookable) {
        throw DomainFailure.invalid("Service combination " + combination.id + " is not bookable online");
      }
      return offered(reserve.tenant(), combination.id, reserve.numberOfReservations()).chain(plan -> {
        Slot slot = slot(plan, reserve.start(), reserve.end());
        return catalogue.branch(plan.branchId()).chain(branch -> catalogue.service(combination.serviceIds.getFirst())
            .chain(first -> booking.holdTtl(reserve.tenant()).chain(ttl -> {
              Instant expires = now.plus(ttl).isBefore(slot.start()) ? now.plus(ttl) : slot.start();
              Combination parts = parts(plan, slot.start());
              return appointments.hold(NewAppointment.reservation(
                  new NewAppointment.Who(reserve.tenant(), reserve.tenant(), Channel.BOOKING, reserve.idempotencyKey(),
                      reserve.requestHash(), reserve.actor()),
                  new NewAppointment.What(null, plan.branchId(), first.id, first.code, parts,
                      new Meeting(Meeting.Type.valueOf(first.meetingType), first.hybrid, branch.videoUrlTemplate,
                          branch.videoTestUrl)),
                  new NewAppointment.When(slot.start(), slot.end(), slot.classification().name(), slot.standard(),
                      expires),
                  new NewAppointment.Capacity(reserve.numberOfReservations(), null, parts.parts().getFirst().pool(),
                      plan.trailingBuffer()),
                  reserve.notes()));
            })));
      });
    });
  }

  /** Moves every segment to another offered start time at once; if any is taken, the appointment keeps its own. */
  public Uni<Appointment> reschedule(String tenant, UUID id, Instant start, Instant end, Actor actor) {
    AppointmentKey key = AppointmentKey.byId(tenant, id);
    return appointments.get(key).chain(appointment -> {
      if (appointment.what().combinationId() == null) {
        throw DomainFailure.invalid("Appointment " + id + " is of one service; move it with "
            + "PUT /external/v1/appointments/" + id + "/timeslot");
      }
      if (!start.isAfter(appointments.now())) {
        throw DomainFailure.invalid("Field 'startTime' " + start + " is in the past");
      }
      return offered(tenant, appointment.what().combinationId(), appointment.capacity().reservations()).chain(plan -> {
        Slot slot = slot(plan, start, end);
        Combination parts = parts(plan, slot.start());
        return appointments.reschedule(key, new Reschedule(slot.start(), slot.end(), slot.classification().name(),
            slot.standard(), parts.parts().getFirst().pool(), plan.trailingBuffer(), parts), actor);
      });
    });
  }

  /** The combination's plan at its branch; 422 when one of its services is gone or nothing can serve it. */
  private Uni<CombinationPlan> offered(String tenant, UUID id, int need) {
    if (need < 1) {
      return Uni.createFrom().failure(DomainFailure.invalid("Field 'numberOfReservations' must be at least 1"));
    }
    return combination(tenant, id).chain(combination -> catalogue.services(combination.serviceIds)
        .invoke(services -> services.forEach(service -> {
          if (!service.onlineBookable) {
            throw DomainFailure.invalid("Service combination " + id + " is not bookable online: its service "
                + service.id + " is not (onlineBookable is false)");
          }
          if (need > service.maxNumberOfReservations) {
            throw DomainFailure.invalid("Field 'numberOfReservations' is " + need + " but service " + service.id
                + " takes at most " + service.maxNumberOfReservations);
          }
        }))
        .chain(() -> catalogue.combinationPlan(combination))
        .map(plan -> plan.filter(CombinationPlan::bookable).orElseThrow(() -> DomainFailure.invalid(
            "Service combination " + id + " is not offered: a service is retired, or no resource at its branch "
                + (combination.sameResource ? "serves all of its services" : "serves one of its services")))));
  }

  private Slot slot(CombinationPlan plan, Instant start, Instant end) {
    return calendar.offered(plan, start, end).filter(offered -> booking.withinHorizon(plan.zone(), offered.start()))
        .orElseThrow(() -> DomainFailure.invalid("Timeslot " + start + " - " + end + " is not offered for this "
            + "service combination; use one from GET /serviceCombination/{serviceCombinationId}/timeslots"));
  }

  /** The segments from {@code start}: each service's stretch, back to back, with the pool it is claimed from. */
  static Combination parts(CombinationPlan plan, Instant start) {
    List<Instant> starts = plan.starts(start);
    List<Combination.Part> parts = new ArrayList<>();
    for (int i = 0; i < plan.parts().size(); i++) {
      CombinationPlan.Part part = plan.parts().get(i);
      parts.add(new Combination.Part(part.serviceId(), starts.get(i), starts.get(i).plus(part.length()),
          part.resources()));
    }
    return new Combination(plan.combinationId(), plan.sameResource(), parts, plan.trailingBuffer());
  }
}
