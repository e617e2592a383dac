package io.slotgate.supplier.http;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.supplier.AvailabilityQuery;
import io.slotgate.core.supplier.Classification;
import io.slotgate.core.supplier.OfferedSlot;
import io.slotgate.core.supplier.RemoteHold;
import io.slotgate.core.supplier.SupplierAdapter;
import io.slotgate.core.supplier.SupplierRoute;
import io.slotgate.core.supplier.SupplierUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A remote supplier that speaks Face 1 (another slotgate, for one): availability, holds, confirm and
 * cancel go to its wholesale gateway as the configured tenant. Capacity is the supplier's, so holds
 * claim nothing locally.
 */
@ApplicationScoped
public class HttpSupplierAdapter implements SupplierAdapter {

  static final String GATEWAY = "/WholesaleGateway/v1.0/gateway";
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final HttpSupplierClient client;

  public HttpSupplierAdapter(HttpSupplierClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public Uni<List<OfferedSlot>> availableSlots(SupplierRoute route, AvailabilityQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("address", new JsonObject().put("id", query.addressId()).put("type", query.addressType()).encode());
    params.put("serviceSpecification", new JsonObject().put("id", route.specification()).encode());
    params.put("appointmentPurpose", query.purpose());
    if (query.fromDate() != null) {
      params.put("appointmentFromDate", query.fromDate().toString());
    }
    if (!query.classifications().isEmpty()) {
      params.put("classifications", query.classifications().stream().map(Enum::name).collect(Collectors.joining(",")));
    }
    return client.send(route.supplierId(), "availability", HttpMethod.GET, GATEWAY + "/available-appointments",
            params, null)
        .map(response -> slots(route.supplierId(), expect(route, response, 200)));
  }

  @Override
  public Uni<Optional<OfferedSlot>> offeredSlot(SupplierRoute route, String purpose, Instant start, Instant end,
      Instant now) {
    // The remote reads appointmentFromDate in its own zone: ask from the day before, then match exactly.
    LocalDate from = start.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    AvailabilityQuery query = new AvailabilityQuery("any", "UPRN", purpose == null ? "PROVIDE" : purpose, from, java.util.Set.of(), now);
    // Its availability lists free slots only, so a full slot is missing too: then the supplier's own hold
    // decides (409 taken, 422 not offered), and the classification is provisional until it answers.
    return availableSlots(route, query).map(slots -> slots.stream()
        .filter(slot -> slot.start().equals(start) && slot.end().equals(end)).findFirst()
        .or(() -> Optional.of(new OfferedSlot(start, end, Classification.of(start.atZone(ZoneOffset.UTC).getDayOfWeek(),
            start.atZone(ZoneOffset.UTC).toLocalTime(), end.atZone(ZoneOffset.UTC).toLocalTime()), true, List.of()))));
  }

  @Override
  public Uni<Instant> hold(SupplierRoute route, RemoteHold hold) {
    JsonObject body = new JsonObject()
        .put("id", hold.id())
        .put("address", new JsonObject().put("id", hold.addressId()).put("type", hold.addressType()))
        .put("serviceSpecification", new JsonObject().put("id", hold.specification()))
        .put("purpose", hold.purpose())
        .put("timeslot", new JsonObject().put("timeslotStartDateTime", MILLIS.format(hold.start()))
            .put("timeslotEndDateTime", MILLIS.format(hold.end())));
    return client.send(route.supplierId(), "hold", HttpMethod.POST, GATEWAY + "/appointments", Map.of(), body)
        .map(response -> instant(route, expect(route, response, 201), "expiryDateTime"));
  }

  @Override
  public Uni<String> confirm(SupplierRoute route, long id, String orderReference) {
    JsonObject body = new JsonObject();
    if (orderReference != null) {
      body.put("orderReference", orderReference);
    }
    return client.send(route.supplierId(), "confirm", HttpMethod.POST, GATEWAY + "/appointments/" + id
            + "/_actions/confirm", Map.of(), body)
        .map(response -> expect(route, response, 200).getString("status"));
  }

  @Override
  public Uni<Optional<String>> status(SupplierRoute route, long id) {
    return client.send(route.supplierId(), "status", HttpMethod.GET, GATEWAY + "/appointments/" + id, Map.of(), null)
        .map(response -> response.statusCode() == 404 ? Optional.<String>empty()
            : Optional.ofNullable(expect(route, response, 200).getString("status")));
  }

  /** An optional instant of the supplier's answer; one that does not parse is a fault. */
  private static Instant instant(SupplierRoute route, JsonObject body, String field) {
    String value = body == null ? null : body.getString(field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (RuntimeException e) {
      throw SupplierUnavailable.fault(route.supplierId(), "answered " + field + " '" + value + "', not an instant");
    }
  }

  @Override
  public Uni<Boolean> cancel(SupplierRoute route, long id) {
    return client.send(route.supplierId(), "cancel", HttpMethod.POST, GATEWAY + "/appointments/" + id
            + "/_actions/cancel", Map.of(), null)
        .map(response -> switch (response.statusCode()) {
          case 200 -> true;
          // Already cancelled or lapsed there: nothing is held.
          case 422 -> true;
          case 404 -> false;
          default -> throw SupplierUnavailable.fault(route.supplierId(), "answered HTTP " + response.statusCode()
              + " to a cancel");
        });
  }

  /** The body of an expected status, or the remote's refusal as ours (409, 4xx) or a fault. */
  private static JsonObject expect(SupplierRoute route, HttpResponse<Buffer> response, int expected) {
    int status = response.statusCode();
    JsonObject body = json(route.supplierId(), response);
    if (status == expected) {
      return body;
    }
    List<String> messages = new ArrayList<>();
    JsonArray remote = body == null ? null : body.getJsonArray("messages");
    if (remote != null) {
      remote.forEach(m -> messages.add("Supplier '" + route.supplierId() + "': " + m));
    }
    if (messages.isEmpty()) {
      messages.add("Supplier '" + route.supplierId() + "' answered HTTP " + status);
    }
    String code = body == null ? null : body.getString("code");
    throw switch (status) {
      case 409 -> new DomainFailure("DUPLICATE_ID".equals(code) ? DomainFailure.Kind.DUPLICATE_ID
          : DomainFailure.Kind.SLOT_UNAVAILABLE, messages, Map.of());
      case 400, 422 -> new DomainFailure("APPOINTMENT_STATUS_INVALID".equals(code)
          ? DomainFailure.Kind.APPOINTMENT_STATUS_INVALID : DomainFailure.Kind.INVALID_REQUEST, messages, Map.of());
      default -> SupplierUnavailable.fault(route.supplierId(), "answered HTTP " + status);
    };
  }

  private static JsonObject json(String supplier, HttpResponse<Buffer> response) {
    if (response.body() == null || response.body().length() == 0) {
      return null;
    }
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException garbage) {
      throw SupplierUnavailable.fault(supplier, "answered a body that is not JSON");
    }
  }

  private static List<OfferedSlot> slots(String supplier, JsonObject body) {
    try {
      JsonArray slots = body.getJsonArray("availableTimeslots");
      List<OfferedSlot> offered = new ArrayList<>();
      for (int i = 0; i < slots.size(); i++) {
        JsonObject slot = slots.getJsonObject(i);
        offered.add(new OfferedSlot(Instant.parse(slot.getString("timeslotStartDateTime")),
            Instant.parse(slot.getString("timeslotEndDateTime")),
            Classification.valueOf(slot.getString("classification")),
            Boolean.TRUE.equals(slot.getBoolean("standard")), List.of()));
      }
      return offered;
    } catch (RuntimeException e) {
      throw SupplierUnavailable.fault(supplier, "answered availability that is not the seed-001 body");
    }
  }
}
