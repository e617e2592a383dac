package io.slotgate.core.booking;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Meeting;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Answer;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentService.Reschedule;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.appointment.NewAppointment;
import io.slotgate.core.catalogue.Branch;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.slotgate.core.catalogue.Resource;
import io.slotgate.core.catalogue.Service;
import io.slotgate.core.catalogue.ServiceGroup;
import io.slotgate.core.schedule.CapacityCalendar;
import io.slotgate.core.schedule.CapacityCalendar.FreeSlot;
import io.slotgate.core.schedule.CapacityPlan;
import io.slotgate.core.schedule.Slot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Branch booking use cases: what can be booked where, free timeslots, reservations and their confirmation. */
@ApplicationScoped
public class BookingService {

  /** Longest window one timeslots query may cover. */
  public static final int MAX_DAYS = 62;
  /** Days of one page of timeslots when the client gives no end date (seed 003's queries give none). */
  public static final int PAGE_DAYS = 31;

  private final CatalogueRepository catalogue;
  private final CapacityCalendar calendar;
  private final AppointmentService appointments;
  private final SlotgateConfig config;

  public BookingService(CatalogueRepository catalogue, CapacityCalendar calendar, AppointmentService appointments,
      SlotgateConfig config) {
    this.catalogue = catalogue;
    this.calendar = calendar;
    this.appointments = appointments;
    this.config = config;
  }

  /** The tenant's live catalogue as the booking pages see it. */
  public record Offer(List<Branch> branches, List<Service> services, List<ServiceGroup> groups,
      List<Resource> resources, String defaultLocale) {

    /** Branches with at least one resource serving the service. */
    public List<Branch> branchesFor(UUID serviceId) {
      return branches.stream().filter(b -> resources.stream()
          .anyMatch(r -> r.branchId.equals(b.id) && r.serviceIds.contains(serviceId))).toList();
    }

    public List<Resource> resourcesFor(UUID branchId, UUID serviceId) {
      return resources.stream().filter(r -> r.branchId.equals(branchId) && r.serviceIds.contains(serviceId)).toList();
    }
  }

  public Uni<Offer> offer(String tenant) {
    return catalogue.listing(tenant).map(l -> new Offer(l.branches(), l.services(), l.groups(), l.resources(),
        l.settings() == null || l.settings().defaultLocale == null ? "en_US" : l.settings().defaultLocale));
  }

  /** A service of the tenant, or 404. */
  public Uni<Service> service(String tenant, UUID serviceId) {
    return catalogue.service(serviceId).map(service -> {
      if (service == null || service.retiredAt != null || !service.tenant.equals(tenant)) {
        throw DomainFailure.notFound("Service " + serviceId);
      }
      return service;
    });
  }

  /**
   * Free timeslots and the names of the resources they mention; {@code next} is the first date of the following
   * page (null on the last page, and when the client chose the window).
   */
  public record Timeslots(List<FreeSlot> slots, Map<UUID, String> resourceNames, LocalDate next) {}

  /**
   * Free timeslots of a service at a branch on local dates [from, to], for {@code need} resources at once. Without
   * {@code to} they are answered a page of {@link #PAGE_DAYS} at a time, from {@code from} (or today) to the
   * booking horizon.
   */
  public Uni<Timeslots> timeslots(String tenant, UUID serviceId, UUID branchId, UUID requestedResource, int need,
      LocalDate from, LocalDate to) {
    return service(tenant, serviceId).chain(service -> {
      checkReservations(service, need);
      return plan(tenant, branchId, serviceId).chain(plan -> {
        Window window = window(plan.zone(), from, to);
        requireResource(plan, requestedResource);
        return calendar.freeSlots(plan, window.start(), window.end().plusDays(1), need, requestedResource,
                appointments.now())
            .map(slots -> new Timeslots(slots, plan.resourceNames(), window.next()));
      });
    });
  }

  /** The local dates [start, end] one timeslots query covers, and the next page's first date (null: none). */
  public record Window(LocalDate start, LocalDate end, LocalDate next) {}

  /**
   * The dates a query for [from, to] answers in {@code zone}: from today at the earliest, to the booking horizon at
   * the latest; without {@code to}, a page of {@link #PAGE_DAYS} with the next page's first date.
   */
  public Window window(java.time.ZoneId zone, LocalDate from, LocalDate to) {
    LocalDate today = appointments.now().atZone(zone).toLocalDate();
    LocalDate horizon = today.plusDays(config.booking().horizonDays());
    LocalDate start = from == null || from.isBefore(today) ? today : from;
    if (start.isAfter(horizon)) {
      throw DomainFailure.invalid("Query parameter 'from' " + from + " is beyond the booking horizon ("
          + config.booking().horizonDays() + " days, until " + horizon + ")");
    }
    LocalDate end = to == null ? start.plusDays(PAGE_DAYS - 1) : to;
    end = end.isAfter(horizon) ? horizon : end;
    if (end.isBefore(start)) {
      throw DomainFailure.invalid("Query parameter 'to' must not be before 'from'");
    }
    if (end.isAfter(start.plusDays(MAX_DAYS))) {
      throw DomainFailure.invalid("At most " + MAX_DAYS + " days per query: narrow 'from' and 'to'");
    }
    return new Window(start, end, to == null && end.isBefore(horizon) ? end.plusDays(1) : null);
  }

  /** Whether {@code start} falls before the end of the booking horizon in {@code zone}. */
  public boolean withinHorizon(java.time.ZoneId zone, Instant start) {
    LocalDate horizon = appointments.now().atZone(zone).toLocalDate().plusDays(config.booking().horizonDays());
    return start.atZone(zone).toLocalDate().isBefore(horizon);
  }

  /** A reservation request, already parsed. */
  public record Reserve(String tenant, String idempotencyKey, String requestHash, UUID serviceId, UUID branchId,
      UUID requestedResource, Instant start, Instant end, String notes, int numberOfReservations, Actor actor) {}

  /** A temporary hold of {@code numberOfReservations} resources, all or nothing. */
  public Uni<Appointment> reserve(Reserve reserve) {
    return replayOr(reserve.tenant(), reserve.idempotencyKey(), reserve.requestHash(), () -> place(reserve));
  }

  /**
   * A branch-face reservation under an optional Idempotency-Key: the one stored under the key when it is the same
   * request (DUPLICATE_ID for another request), else {@code place}'s new one.
   */
  public Uni<Appointment> replayOr(String tenant, String idempotencyKey, String requestHash,
      java.util.function.Supplier<Uni<Appointment>> place) {
    if (idempotencyKey == null) {
      return place.get();
    }
    AppointmentKey key = AppointmentKey.byClientId(tenant, Channel.BOOKING, idempotencyKey);
    return appointments.get(key).map(existing -> existing.replayFor(requestHash, "Idempotency-Key '"
            + idempotencyKey + "' was already used for a different reservation; send a new key for a new request"))
        .onFailure(DomainFailure.class).recoverWithUni(failure -> ((DomainFailure) failure).kind()
            == DomainFailure.Kind.NOT_FOUND ? place.get() : Uni.createFrom().failure(failure));
  }

  private Uni<Appointment> place(Reserve reserve) {
    Instant now = appointments.now();
    if (!reserve.start().isAfter(now)) {
      return Uni.createFrom().failure(DomainFailure.invalid("Field 'startTime' " + reserve.start()
          + " is in the past; pick a timeslot from GET /services/{serviceId}/timeslots"));
    }
    return service(reserve.tenant(), reserve.serviceId()).chain(service -> {
      if (!service.onlineBookable) {
        throw DomainFailure.invalid("Service " + service.id + " is not bookable online (onlineBookable is false)");
      }
      checkReservations(service, reserve.numberOfReservations());
      return offered(reserve.tenant(), reserve.branchId(), reserve.serviceId()).chain(at -> {
        CapacityPlan plan = at.plan();
        requireResource(plan, reserve.requestedResource());
        LocalDate horizon = now.atZone(plan.zone()).toLocalDate().plusDays(config.booking().horizonDays());
        Slot slot = calendar.offered(plan, reserve.start(), reserve.end())
            .filter(offered -> offered.start().atZone(plan.zone()).toLocalDate().isBefore(horizon))
            .orElseThrow(() -> DomainFailure.invalid(
            "Timeslot " + reserve.start() + " - " + reserve.end() + " is not offered for this service at this branch; "
                + "use one from GET /services/{serviceId}/timeslots"));
        return holdTtl(reserve.tenant()).chain(ttl -> {
          Instant expires = now.plus(ttl).isBefore(slot.start()) ? now.plus(ttl) : slot.start();
          // On the branch face the booker and the capacity's owner are one tenant.
          return appointments.hold(NewAppointment.reservation(
              new NewAppointment.Who(reserve.tenant(), reserve.tenant(), Channel.BOOKING, reserve.idempotencyKey(),
                  reserve.requestHash(), reserve.actor()),
              new NewAppointment.What(null, reserve.branchId(), reserve.serviceId(), service.code, null,
                  at.meeting(service, null, null)),
              new NewAppointment.When(slot.start(), slot.end(), slot.classification().name(), slot.standard(), expires),
              new NewAppointment.Capacity(reserve.numberOfReservations(), reserve.requestedResource(),
                  CapacityCalendar.pool(plan, reserve.requestedResource()), plan.trailingBuffer()),
              reserve.notes()));
        });
      });
    });
  }

  /** Confirms a reservation with the customer's details, checked against the service's questions. */
  public Uni<Appointment> confirm(String tenant, UUID id, Customer customer, List<Answer> answers, Actor actor) {
    AppointmentKey key = AppointmentKey.byId(tenant, id);
    return appointments.get(key).chain(appointment -> rules(tenant, appointment)
        .invoke(service -> CustomerRules.check(service, customer, answers, today()))
        .chain(service -> catalogue.branch(appointment.what().branchId()))
        .chain(branch -> appointments.move(appointment,
            branch != null && branch.requiresAcceptance ? Action.CONFIRM_FOR_ACCEPTANCE : Action.CONFIRM, actor,
            new Changes(null, customer, answers, null, null, null, null))));
  }

  public Uni<Appointment> updateCustomer(String tenant, UUID id, Customer customer, List<Answer> answers, Actor actor) {
    AppointmentKey key = AppointmentKey.byId(tenant, id);
    return appointments.get(key).chain(appointment -> rules(tenant, appointment)
        .invoke(service -> CustomerRules.check(service, customer, answers, today()))
        .chain(() -> appointments.updateCustomer(key, customer, answers.isEmpty() ? null : answers, actor)));
  }

  /** What the customer answers: the service's questions, or for a combination the union of its services'. */
  private Uni<Service> rules(String tenant, Appointment appointment) {
    if (appointment.what().combinationId() == null) {
      return service(tenant, appointment.what().serviceId());
    }
    return catalogue.services(appointment.what().segments().stream().map(s -> s.serviceId()).distinct().toList())
        .map(CustomerRules::union);
  }

  public Uni<Appointment> cancel(String tenant, UUID id, Actor actor) {
    return appointments.cancel(AppointmentKey.byId(tenant, id), actor);
  }

  /** Another offered timeslot; the appointment is found first (404 before 422), its claims move atomically. */
  public Uni<Appointment> reschedule(String tenant, UUID id, Instant start, Instant end, Actor actor) {
    Instant now = appointments.now();
    AppointmentKey key = AppointmentKey.byId(tenant, id);
    return appointments.get(key).invoke(appointment -> {
      if (appointment.what().combinationId() != null) {
        throw DomainFailure.invalid("Appointment " + id + " is a service combination; move all its services with "
            + "PUT /external/v1/serviceCombination/appointments/" + id + "/timeslot");
      }
      if (!start.isAfter(now)) {
        throw DomainFailure.invalid("Field 'startTime' " + start + " is in the past");
      }
    }).chain(appointment -> plan(tenant, appointment.what().branchId(), appointment.what().serviceId())
        .chain(plan -> {
          Slot slot = calendar.offered(plan, start, end).orElseThrow(() -> DomainFailure.invalid("Timeslot " + start
              + " - " + end + " is not offered for this service at this branch"));
          return appointments.reschedule(key, new Reschedule(slot.start(), slot.end(), slot.classification().name(),
              slot.standard(), CapacityCalendar.pool(plan, appointment.capacity().requestedResourceId()),
              plan.trailingBuffer()),
              actor);
        }));
  }

  private LocalDate today() {
    return appointments.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
  }

  public Uni<Appointment> get(String tenant, UUID id) {
    return appointments.get(AppointmentKey.byId(tenant, id));
  }

  /** Rules and live resources of a service at one of the tenant's branches; 422 when it is not offered there. */
  public Uni<CapacityPlan> plan(String tenant, UUID branchId, UUID serviceId) {
    return offered(tenant, branchId, serviceId).map(Offered::plan);
  }

  /** A service offered at a branch: the branch and the service's capacity plan there. */
  public record Offered(Branch branch, CapacityPlan plan) {

    /** How an appointment of {@code service} here is met, unless an invitation says otherwise. */
    public Meeting meeting(Service service, String type, Boolean hybrid) {
      return new Meeting(Meeting.Type.valueOf(type != null ? type : service.meetingType),
          hybrid != null ? hybrid : service.hybrid, branch.videoUrlTemplate, branch.videoTestUrl);
    }
  }

  /** Like {@link #plan}, with the branch. */
  public Uni<Offered> offered(String tenant, UUID branchId, UUID serviceId) {
    return catalogue.branch(branchId).chain(branch -> {
      if (branch == null || branch.retiredAt != null || !branch.tenant.equals(tenant)) {
        throw DomainFailure.invalid("Field 'branchId' names no branch of this tenant: " + branchId);
      }
      return catalogue.plan(branchId, serviceId).map(plan -> new Offered(branch, plan
          .filter(p -> !p.resources().isEmpty()).orElseThrow(() -> DomainFailure.invalid(
              "Service " + serviceId + " is not offered at branch " + branchId))));
    });
  }

  /** How long the tenant's holds last (its settings, else the configured default). */
  public Uni<Duration> holdTtl(String tenant) {
    return catalogue.settings(tenant)
        .map(settings -> settings == null || settings.holdTtlSeconds <= 0 ? config.hold().ttl()
            : Duration.ofSeconds(settings.holdTtlSeconds));
  }

  private static void checkReservations(Service service, int need) {
    if (need < 1) {
      throw DomainFailure.invalid("Field 'numberOfReservations' must be at least 1");
    }
    if (need > service.maxNumberOfReservations) {
      throw DomainFailure.invalid("Field 'numberOfReservations' is " + need + " but this service takes at most "
          + service.maxNumberOfReservations);
    }
  }

  public static void requireResource(CapacityPlan plan, UUID requested) {
    if (requested != null && !plan.resources().contains(requested)) {
      throw DomainFailure.invalid("Field 'requestedResourceId' names no resource serving this service at this branch: "
          + requested);
    }
  }

  /** Localised text: the requested locale, else the tenant's default, else any. */
  public static String text(Map<String, String> texts, String locale, String fallback) {
    if (texts == null || texts.isEmpty()) {
      return null;
    }
    for (String wanted : new String[] {locale, fallback}) {
      if (wanted != null) {
        for (Map.Entry<String, String> text : texts.entrySet()) {
          if (text.getKey().equalsIgnoreCase(wanted)) {
            return text.getValue();
          }
        }
      }
    }
    return new ArrayList<>(texts.values()).getFirst();
  }
}
