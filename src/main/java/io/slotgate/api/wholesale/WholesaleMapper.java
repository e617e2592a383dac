package io.slotgate.api.wholesale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.api.error.UnknownFields;
import io.slotgate.api.http.JacksonSetup;
import io.slotgate.api.http.Times;
import io.slotgate.api.wholesale.WholesaleDtos.Address;
import io.slotgate.api.wholesale.WholesaleDtos.AppointmentView;
import io.slotgate.api.wholesale.WholesaleDtos.AvailableAppointments;
import io.slotgate.api.wholesale.WholesaleDtos.HoldRequest;
import io.slotgate.api.wholesale.WholesaleDtos.ServiceSpecification;
import io.slotgate.api.wholesale.WholesaleDtos.Timeslot;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.supplier.Classification;
import io.slotgate.core.wholesale.WholesaleService.Availability;
import io.slotgate.core.wholesale.WholesaleService.Hold;
import io.slotgate.core.wholesale.WholesaleService.Search;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import io.slotgate.core.wholesale.WholesaleService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Parses and checks wholesale requests (every message names the field), and renders appointments. */
@ApplicationScoped
public class WholesaleMapper implements EventRenderer {

  static final List<String> PURPOSES = List.of("PROVIDE", "REPAIR", "MODIFY");
  /** Limits of the wholesale fields (also in the OpenAPI schema). */
  static final int ID_LENGTH = 64;
  static final int TYPE_LENGTH = 32;
  static final int ORDER_REFERENCE_LENGTH = 255;

  private final ObjectMapper json;
  private final WholesaleService wholesale;

  public WholesaleMapper(JacksonSetup input, WholesaleService wholesale) {
    this.json = input.requests();
    this.wholesale = wholesale;
  }

  public Search toSearch(String tenant, String address, String serviceSpecification, String purpose, String fromDate,
      String classifications) {
    List<String> missing = new ArrayList<>();
    if (blank(address)) {
      missing.add("address");
    }
    if (blank(serviceSpecification)) {
      missing.add("serviceSpecification");
    }
    if (blank(purpose)) {
      missing.add("appointmentPurpose");
    }
    if (!missing.isEmpty()) {
      throw DomainFailure.malformed("Missing required query parameter(s): " + String.join(", ", missing));
    }
    JsonNode addressNode = parseJsonParam(address, "address", "{\"id\":\"10025559646\",\"type\":\"UPRN\"}");
    JsonNode specNode = parseJsonParam(serviceSpecification, "serviceSpecification", "{\"id\":\"fttp\",\"name\":\"FTTP\"}");
    LocalDate from = null;
    if (!blank(fromDate)) {
      try {
        from = LocalDate.parse(fromDate);
      } catch (DateTimeParseException e) {
        throw DomainFailure.malformed("Query parameter 'appointmentFromDate' must be an ISO-8601 date such as "
            + "2025-01-25, not '" + fromDate + "'");
      }
    }
    List<String> problems = new ArrayList<>();
    String addressId = text(addressNode, "id", "address", problems);
    String addressType = text(addressNode, "type", "address", problems);
    String specId = text(specNode, "id", "serviceSpecification", problems);
    if (!PURPOSES.contains(purpose)) {
      problems.add("Invalid value '" + purpose + "' for appointmentPurpose - accepted values are " + PURPOSES);
    }
    Set<Classification> wanted = EnumSet.noneOf(Classification.class);
    if (!blank(classifications)) {
      for (String value : classifications.split(",")) {
        try {
          wanted.add(Classification.valueOf(value.trim()));
        } catch (IllegalArgumentException e) {
          problems.add("Invalid value '" + value.trim() + "' for classifications - accepted values are "
              + Arrays.toString(Classification.values()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return new Search(tenant, addressId, addressType, specId, purpose, from, wanted);
  }

  /** The serviceQualification query: {@code address} as URL-encoded JSON, as available-appointments takes it. */
  public Address toQualification(String address) {
    if (blank(address)) {
      throw DomainFailure.malformed("Missing required query parameter(s): address");
    }
    JsonNode node = parseJsonParam(address, "address", "{\"id\":\"10025559646\",\"type\":\"UPRN\"}");
    List<String> problems = new ArrayList<>();
    String id = text(node, "id", "address", problems);
    String type = text(node, "type", "address", problems);
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return new Address(id, type);
  }

  public WholesaleDtos.ServiceQualification toView(Address address, List<io.slotgate.core.supplier.SupplierRoute> routes) {
    return new WholesaleDtos.ServiceQualification(address, routes.isEmpty() ? "unqualified" : "qualified",
        routes.stream().map(route -> new WholesaleDtos.ServiceQualificationItem(
            new ServiceSpecification(route.specification(), route.serviceName()), "qualified")).toList());
  }

  public Hold toHold(String tenant, HoldRequest request, Actor actor) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with id, address, serviceSpecification and timeslot is required");
    }
    List<String> problems = new ArrayList<>();
    if (request.id() == null) {
      problems.add("Field 'id' is required: the unique identifier for this appointment (a number)");
    } else if (request.id() < 0) {
      problems.add("Field 'id' must be a non-negative integer, not " + request.id());
    }
    Address address = request.address();
    if (address == null) {
      problems.add("Field 'address' is required: {\"id\": \"<uprn>\", \"type\": \"UPRN\"}");
    } else {
      require(address.id(), "address.id", ID_LENGTH, problems);
      require(address.type(), "address.type", TYPE_LENGTH, problems);
    }
    if (request.serviceSpecification() == null) {
      problems.add("Field 'serviceSpecification' is required: {\"id\": \"fttp\"}");
    } else {
      require(request.serviceSpecification().id(), "serviceSpecification.id", ID_LENGTH, problems);
    }
    String purpose = request.purpose() == null ? "PROVIDE" : request.purpose();
    if (!PURPOSES.contains(purpose)) {
      problems.add("Invalid value '" + purpose + "' for purpose - accepted values are " + PURPOSES);
    }
    Instant[] slot = timeslot(request.timeslot(), problems);
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    String hash = io.slotgate.api.http.RequestHash.of(address.id(), address.type(), request.serviceSpecification().id(), purpose,
        slot[0].toString(), slot[1].toString());
    return new Hold(tenant, request.id().toString(), hash, address.id(), address.type(),
        request.serviceSpecification().id(), purpose, slot[0], slot[1], actor);
  }

  /** Start and end of a timeslot: 400 when a date does not parse, 422 when missing or end is not after start. */
  public Instant[] timeslot(Timeslot timeslot, List<String> problems) {
    if (timeslot == null) {
      problems.add("Field 'timeslot' is required: {\"timeslotStartDateTime\": ..., \"timeslotEndDateTime\": ...}");
      return null;
    }
    require(timeslot.timeslotStartDateTime(), "timeslot.timeslotStartDateTime", 64, problems);
    require(timeslot.timeslotEndDateTime(), "timeslot.timeslotEndDateTime", 64, problems);
    if (blank(timeslot.timeslotStartDateTime()) || blank(timeslot.timeslotEndDateTime())) {
      return null;
    }
    Instant start = Times.parse(timeslot.timeslotStartDateTime(), "timeslot.timeslotStartDateTime");
    Instant end = Times.parse(timeslot.timeslotEndDateTime(), "timeslot.timeslotEndDateTime");
    if (!end.isAfter(start)) {
      problems.add("Field 'timeslot.timeslotEndDateTime' must be after timeslot.timeslotStartDateTime");
    }
    return new Instant[] {start, end};
  }

  /** The optional confirm body: {@code {"orderReference": "..."}}, or nothing. */
  public String toConfirm(String body) {
    if (blank(body)) {
      return null;
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw DomainFailure.malformed("The confirm body must be a JSON object such as {\"orderReference\": \"ORD-1\"}");
      }
      // Read as a tree (the body is optional), so the request mapper's refusal of unknown fields is repeated here.
      List<String> unknown = new ArrayList<>();
      node.fieldNames().forEachRemaining(name -> {
        if (!name.equals("orderReference")) {
          unknown.add(UnknownFields.message(name, List.of("orderReference")));
        }
      });
      if (!unknown.isEmpty()) {
        throw new DomainFailure(DomainFailure.Kind.MALFORMED_REQUEST, unknown, java.util.Map.of());
      }
      JsonNode reference = node.get("orderReference");
      if (reference != null && !reference.isNull() && !reference.isTextual()) {
        throw DomainFailure.invalid("Field 'orderReference' must be a string");
      }
      if (reference != null && reference.isTextual()) {
        List<String> problems = new ArrayList<>();
        require(reference.asText(), "orderReference", ORDER_REFERENCE_LENGTH, problems);
        if (!problems.isEmpty()) {
          throw DomainFailure.invalid(problems);
        }
      }
      return reference == null || reference.isNull() ? null : reference.asText();
    } catch (JsonProcessingException e) {
      throw DomainFailure.malformed("The confirm body is not valid JSON; send {\"orderReference\": \"ORD-1\"} or no body");
    }
  }

  public Instant[] toReschedule(Timeslot timeslot) {
    List<String> problems = new ArrayList<>();
    Instant[] slot = timeslot(timeslot, problems);
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return slot;
  }

  public AvailableAppointments toView(Search search, Availability availability) {
    return new AvailableAppointments(new Address(search.addressId(), search.addressType()),
        new ServiceSpecification(search.specification(), availability.route().serviceName()),
        availability.slots().stream().map(slot -> new Timeslot(Times.format(slot.start()), Times.format(slot.end()),
            slot.classification().name(), slot.standard())).toList());
  }

  /** The seed-000 representation; {@code withStatus} adds the status (GET and actions). */
  public AppointmentView toView(Appointment appointment, String serviceName, boolean withStatus) {
    return new AppointmentView(Long.valueOf(appointment.who().externalId()), appointment.what().supplierReference(),
        new Address(appointment.where().addressId(), appointment.where().addressType()),
        new ServiceSpecification(appointment.what().serviceCode(), serviceName), appointment.where().purpose(),
        new Timeslot(Times.format(appointment.when().start()), Times.format(appointment.when().end()),
            appointment.when().classification(), appointment.when().standard()),
        Times.format(appointment.when().expiresAt()), withStatus ? appointment.status().name() : null);
  }

  /** The wholesale {id} path segment: the client's numeric id. */
  public static String clientId(String id) {
    try {
      return Long.toString(Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw DomainFailure.malformed("Path parameter 'id' must be the numeric appointment id, not '" + id + "'");
    }
  }

  private JsonNode parseJsonParam(String value, String name, String example) {
    try {
      JsonNode node = json.readTree(value);
      if (node == null || !node.isObject()) {
        throw DomainFailure.malformed("Query parameter '" + name + "' must be URL-encoded JSON such as " + example);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw DomainFailure.malformed("Query parameter '" + name + "' is not valid JSON; expected URL-encoded JSON "
          + "such as " + example);
    }
  }

  private static String text(JsonNode node, String field, String parent, List<String> problems) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      problems.add("Field '" + parent + "." + field + "' is required and must be a non-empty string");
      return null;
    }
    int before = problems.size();
    require(value.asText(), parent + "." + field, field.equals("type") ? TYPE_LENGTH : ID_LENGTH, problems);
    return problems.size() == before ? value.asText() : null;
  }

  /** A required text field within its length, without control characters (the input policy for JSON trees too). */
  private static void require(String value, String field, int maxLength, List<String> problems) {
    if (blank(value)) {
      problems.add("Field '" + field + "' is required");
    } else if (value.length() > maxLength) {
      problems.add("Field '" + field + "' must be at most " + maxLength + " characters long");
    } else if (io.slotgate.api.http.InputGuard.hasControl(value)) {
      problems.add("Field '" + field + "' must not contain control characters (such as U+0000)");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** This face's subscribers get events with the appointment as the wholesale face answers it (seed 000), with status. */
  @Override
  public Subscription.Face face() {
    return Subscription.Face.WHOLESALE;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return wholesale.serviceName(appointment).map(name -> toView(appointment, name, true));
  }
}
