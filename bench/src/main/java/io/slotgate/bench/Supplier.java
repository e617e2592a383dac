package io.slotgate.bench;

import static io.slotgate.bench.Bench.HTTP;
import static io.slotgate.bench.Bench.IDS;
import static io.slotgate.bench.Shell.enc;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar supplier made through the admin API: crews, every-day windows, routes for tenants. */
final class Supplier {
  private static final Pattern SLOT = Pattern.compile(
      "\"timeslotStartDateTime\":\"([^\"]+)\",\"timeslotEndDateTime\":\"([^\"]+)\"");

  private final Bench bench;
  final String id;
  final String spec;
  final String branch;
  final AtomicLong nextSlot = new AtomicLong();
  List<String[]> cached;

  Supplier(Bench bench, String id, String spec, String branch) {
    this.bench = bench;
    this.id = id;
    this.spec = spec;
    this.branch = branch;
  }

  List<String[]> slots(App app, String tenant) throws Exception {
    String body = HTTP.send(searchRequest(app, tenant), BodyHandlers.ofString()).body();
    List<String[]> slots = new ArrayList<>();
    Matcher m = SLOT.matcher(body);
    while (m.find()) {
      slots.add(new String[] {m.group(1), m.group(2)});
    }
    if (slots.isEmpty()) {
      throw new IllegalStateException("No slots offered: " + body);
    }
    cached = slots;
    return slots;
  }

  String[] nextSlot(String base) {
    return cached.get((int) (nextSlot.getAndIncrement() % cached.size()));
  }

  HttpRequest searchRequest(App app, String tenant) {
    String query = "address=" + enc("{\"id\":\"200004033694\",\"type\":\"UPRN\"}") + "&serviceSpecification="
        + enc("{\"id\":\"" + spec + "\"}") + "&appointmentPurpose=PROVIDE";
    return gateway(app.base + "/WholesaleGateway/v1.0/gateway/available-appointments?" + query, tenant).GET().build();
  }

  HttpRequest holdRequest(App app, String tenant, String[] slot) {
    return holdRequest(app.base, tenant, slot);
  }

  HttpRequest holdRequest(String base, String tenant, String[] slot) {
    String body = holdBody(String.valueOf(IDS.incrementAndGet()), slot);
    return gateway(base + "/WholesaleGateway/v1.0/gateway/appointments", tenant)
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build();
  }

  /** A wholesale hold's body for this specification's slot, with the client's own id. */
  String holdBody(String id, String[] slot) {
    return "{\"id\":" + id + ",\"address\":{\"id\":\"200004033694\",\"type\":\"UPRN\"},"
        + "\"serviceSpecification\":{\"id\":\"" + spec + "\"},\"purpose\":\"PROVIDE\",\"timeslot\":{"
        + "\"timeslotStartDateTime\":\"" + slot[0] + "\",\"timeslotEndDateTime\":\"" + slot[1] + "\"}}";
  }

  HttpResponse<String> hold(App app, String tenant, String[] slot) throws Exception {
    return HTTP.send(holdRequest(app, tenant, slot), BodyHandlers.ofString());
  }

  private HttpRequest.Builder gateway(String url, String tenant) {
    return bench.wholesale(url, tenant, null);
  }
}
