package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.Address;
import io.slotgate.api.booking.BookingDtos.AnswerInput;
import io.slotgate.api.booking.BookingDtos.BranchOffer;
import io.slotgate.api.booking.BookingDtos.BranchView;
import io.slotgate.api.booking.BookingDtos.Config;
import io.slotgate.api.booking.BookingDtos.CustomerRequest;
import io.slotgate.api.booking.BookingDtos.GroupedService;
import io.slotgate.api.booking.BookingDtos.InformationQuestionView;
import io.slotgate.api.booking.BookingDtos.Location;
import io.slotgate.api.booking.BookingDtos.Reservation;
import io.slotgate.api.booking.BookingDtos.ReservationRequest;
import io.slotgate.api.booking.BookingDtos.ResourceRef;
import io.slotgate.api.booking.BookingDtos.ResourceSelection;
import io.slotgate.api.booking.BookingDtos.ScreeningQuestionView;
import io.slotgate.api.booking.BookingDtos.ServiceGroupView;
import io.slotgate.api.booking.BookingDtos.ServiceGroups;
import io.slotgate.api.booking.BookingDtos.ServiceOffer;
import io.slotgate.api.booking.BookingDtos.ServiceRef;
import io.slotgate.api.booking.BookingDtos.Timeslot;
import io.slotgate.api.http.Times;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Answer;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.booking.BookingService.Offer;
import io.slotgate.core.booking.BookingService.Reserve;
import io.slotgate.core.catalogue.Branch;
import io.slotgate.core.catalogue.Resource;
import io.slotgate.core.catalogue.Service;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.resteasy.reactive.RestResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parses booking requests (messages name the field) and renders the catalogue in the caller's language, and the
 * appointments of the face's events.
 */
@ApplicationScoped
public class BookingMapper implements EventRenderer {

  /** Seed 003's languages. */
  public static final List<String> LOCALES = List.of("en_US", "en_UK", "fr_FR", "nl_NL", "de_DE", "it_IT", "ES_es");

  /** The first supported language of an Accept-Language header (nl_NL, nl-NL, "nl-NL,en;q=0.5"), or null. */
  public static String locale(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    for (String part : header.split(",")) {
      String tag = part.split(";")[0].trim().replace('-', '_');
      for (String supported : LOCALES) {
        if (supported.equalsIgnoreCase(tag)) {
          return supported;
        }
      }
    }
    return null;
  }

  public List<ServiceOffer> toOffers(Offer offer, String locale) {
    List<ServiceOffer> offers = new ArrayList<>();
    for (Service service : offer.services()) {
      for (Branch branch : offer.branchesFor(service.id)) {
        offers.add(new ServiceOffer(branch(branch), serviceRef(service, locale, offer.defaultLocale()),
            selection(service, offer.resourcesFor(branch.id, service.id)),
            service.informationQuestions.stream().map(q -> new InformationQuestionView(q.id(), q.required(),
                BookingService.text(q.questionText(), locale, offer.defaultLocale()),
                BookingService.text(q.clarificationText(), locale, offer.defaultLocale()))).toList(),
            service.screeningQuestions.stream().map(q -> new ScreeningQuestionView(q.id(), q.yesRequiredAnswer(),
                BookingService.text(q.questionText(), locale, offer.defaultLocale()),
                BookingService.text(q.clarificationText(), locale, offer.defaultLocale()),
                BookingService.text(q.answerDeniedMessage(), locale, offer.defaultLocale()))).toList()));
      }
    }
    return offers;
  }

  public List<BranchOffer> toBranches(Offer offer, Service service) {
    return offer.branchesFor(service.id).stream()
        .map(branch -> new BranchOffer(branch(branch), selection(service, offer.resourcesFor(branch.id, service.id))))
        .toList();
  }

  public ServiceGroups toGroups(Offer offer, String locale) {
    Function<Service, GroupedService> grouped = s -> new GroupedService(s.id.toString(),
        BookingService.text(s.names, locale, offer.defaultLocale()), s.position,
        BookingService.text(s.descriptions, locale, offer.defaultLocale()), s.onlineBookable);
    Map<UUID, List<GroupedService>> byGroup = offer.services().stream().filter(s -> s.groupId != null)
        .collect(Collectors.groupingBy(s -> s.groupId, Collectors.mapping(grouped, Collectors.toList())));
    return new ServiceGroups(
        offer.services().stream().filter(s -> s.groupId == null).map(grouped).toList(),
        offer.groups().stream().map(g -> new ServiceGroupView(g.id.toString(),
            BookingService.text(g.names, locale, offer.defaultLocale()), g.position,
            byGroup.getOrDefault(g.id, List.of()))).toList());
  }

  public List<Timeslot> toTimeslots(BookingService.Timeslots timeslots) {
    Map<UUID, String> names = timeslots.resourceNames();
    return timeslots.slots().stream().map(f -> new Timeslot(Times.format(f.slot().start()), Times.format(f.slot().end()),
        f.freeResources().stream().map(id -> new ResourceRef(id.toString(), names.getOrDefault(id, ""))).toList()))
        .toList();
  }

  /** Most answers one customer request may carry (also in the OpenAPI schema). */
  static final int MAX_ANSWERS = 50;

  public Reserve toReserve(String tenant, String idempotencyKey, ReservationRequest request, Actor actor) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with serviceId, branchId, startTime and endTime is required");
    }
    List<String> problems = new ArrayList<>();
    UUID serviceId = uuid(request.serviceId(), "serviceId", true, problems);
    UUID branchId = uuid(request.branchId(), "branchId", true, problems);
    UUID resource = uuid(request.requestedResourceId(), "requestedResourceId", false, problems);
    Instant start = instant(request.startTime(), "startTime", problems);
    Instant end = instant(request.endTime(), "endTime", problems);
    int count = holdTerms(start, end, request.notes(), request.numberOfReservations(), idempotencyKey, problems);
    return new Reserve(tenant, idempotencyKey, io.slotgate.api.http.RequestHash.of(request.serviceId(), request.branchId(),
        String.valueOf(request.requestedResourceId()), start.toString(), end.toString(), String.valueOf(request.notes()),
        String.valueOf(count)), serviceId, branchId, resource, start, end, request.notes(), count, actor);
  }

  /**
   * Checks what every reservation request carries (its times, notes, count and Idempotency-Key), refusing all the
   * problems found so far at once; answers the number of reservations (1 when absent).
   */
  static int holdTerms(Instant start, Instant end, String notes, Integer numberOfReservations, String idempotencyKey,
      List<String> problems) {
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add("Field 'endTime' must be after startTime");
    }
    if (notes != null && notes.length() > 2048) {
      problems.add("Field 'notes' must be at most 2048 characters");
    }
    int count = numberOfReservations == null ? 1 : numberOfReservations;
    if (count < 1) {
      problems.add("Field 'numberOfReservations' must be at least 1");
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      problems.add("Header 'Idempotency-Key' must be 1-255 characters");
    }
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return count;
  }

  public Customer toCustomer(CustomerRequest request) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with the customer's details is required");
    }
    return new Customer(request.personalIdentifier(), request.firstName(), request.lastName(), request.phoneNumber(),
        request.email(), request.dateOfBirth());
  }

  public List<Answer> toAnswers(CustomerRequest request) {
    if (request == null || request.answers() == null) {
      return List.of();
    }
    if (request.answers().size() > MAX_ANSWERS) {
      throw DomainFailure.invalid("Field 'answers' must hold at most " + MAX_ANSWERS + " answers, not "
          + request.answers().size());
    }
    List<Answer> answers = new ArrayList<>();
    for (AnswerInput answer : request.answers()) {
      if (answer == null) {
        throw DomainFailure.invalid("Field 'answers' must not contain null");
      }
      answers.add(new Answer(answer.questionId(), answer.value()));
    }
    return answers;
  }

  public Instant[] toTimeslot(BookingDtos.TimeslotChange change) {
    if (change == null) {
      throw DomainFailure.invalid("A JSON body with startTime and endTime is required");
    }
    List<String> problems = new ArrayList<>();
    Instant start = instant(change.startTime(), "startTime", problems);
    Instant end = instant(change.endTime(), "endTime", problems);
    if (start != null && end != null && !end.isAfter(start)) {
      problems.add("Field 'endTime' must be after startTime");
    }
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return new Instant[] {start, end};
  }

  public Reservation toView(Appointment a) {
    return new Reservation(a.id().toString(), a.status().name(), Times.format(a.when().expiresAt()),
        a.what().serviceId() == null ? null : a.what().serviceId().toString(),
        a.what().branchId() == null ? null : a.what().branchId().toString(),
        Times.format(a.when().start()), Times.format(a.when().end()), a.capacity().reservations(),
        a.capacity().resourceIds().stream().map(UUID::toString).toList(),
        a.what().combinationId() == null ? null : a.what().combinationId().toString(),
        a.what().combinationId() == null ? null : a.what().segments().stream().map(s -> new BookingDtos.SegmentView(
            s.serviceId().toString(), Times.format(s.start()), Times.format(s.end()),
            s.resourceIds().stream().map(UUID::toString).toList())).toList());
  }

  public static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw DomainFailure.malformed("Query parameter '" + field + "' must be an ISO date such as 2026-12-01, not '"
          + value + "'");
    }
  }

  /** The numberOfReservations query parameter: 1 when absent, else a whole number (400 otherwise). */
  public static int count(String numberOfReservations) {
    try {
      return numberOfReservations == null || numberOfReservations.isBlank() ? 1 : Integer.parseInt(numberOfReservations);
    } catch (NumberFormatException e) {
      throw DomainFailure.malformed("Query parameter 'numberOfReservations' must be a whole number, not '"
          + numberOfReservations + "'");
    }
  }

  /**
   * One page of timeslots: with {@code next}, a Link header names the next page, the same query from its first date,
   * as a path and query (RFC 8288), so that it passes through a path prefix.
   */
  public static <T> RestResponse<T> page(T body, java.time.LocalDate next, jakarta.ws.rs.core.UriInfo request) {
    var answer = RestResponse.ResponseBuilder.ok(body);
    if (next != null) {
      java.net.URI uri = request.getRequestUriBuilder().replaceQueryParam("from", next).build();
      answer.header("Link", "<" + uri.getRawPath() + "?" + uri.getRawQuery() + ">; rel=\"next\"");
    }
    return answer.build();
  }

  public static UUID id(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw DomainFailure.notFound(field + " " + value);
    }
  }

  static BranchView branch(Branch b) {
    return new BranchView(b.id.toString(), b.name, new Address(b.streetName, b.zipCode, b.city, b.country),
        new Location(b.longitude, b.latitude));
  }

  private static ServiceRef serviceRef(Service s, String locale, String fallback) {
    return new ServiceRef(s.id.toString(), BookingService.text(s.names, locale, fallback),
        new Config(s.maxNumberOfReservations, s.onlineBookable));
  }

  /** Seed 003: present only when the service lets customers pick a resource and some serve it here. */
  private static ResourceSelection selection(Service service, List<Resource> resources) {
    if (!service.resourceSelection || resources.isEmpty()) {
      return null;
    }
    return new ResourceSelection(false, resources.stream().map(r -> new ResourceRef(r.id.toString(), r.name)).toList());
  }

  static UUID uuid(String value, String field, boolean required, List<String> problems) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add("Field '" + field + "' is required");
      }
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      problems.add("Field '" + field + "' must be a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6");
      return null;
    }
  }

  static Instant instant(String value, String field, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("Field '" + field + "' is required");
      return null;
    }
    return Times.parse(value, field);
  }

  /** This face's subscribers get events with the appointment as a reservation of the booking face. */
  @Override
  public Subscription.Face face() {
    return Subscription.Face.BOOKING;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return Uni.createFrom().item(() -> toView(appointment));
  }
}
