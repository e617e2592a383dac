package io.slotgate.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server speaking Face 1 as a supplier that can be healthy, slow, failing or talking garbage. */
public final class FakeSupplier {

  /** DROP closes each connection without an answer, as a supplier that crashes mid-request. */
  public enum Mode { OK, SLOW, FAIL, GARBAGE, SLOW_CONFIRM, DROP }

  public volatile Mode mode = Mode.OK;
  /** How long a SLOW supplier takes to answer a hold (SLOW_CONFIRM: a confirm, after doing it). */
  public volatile long slowMillis = 2500;
  /** Reads of an appointment (GET) fail with 500: the supplier went down right after a confirm. */
  public volatile boolean failReads = false;
  /** When positive, holds lapse after this many seconds and the 201 says so (expiryDateTime). */
  public volatile long holdSeconds = 0;
  public final Set<Long> holds = ConcurrentHashMap.newKeySet();
  public final List<Long> holdsReceived = new CopyOnWriteArrayList<>();
  public final List<Long> holdsAnswered = new CopyOnWriteArrayList<>();
  public final List<Long> cancelsReceived = new CopyOnWriteArrayList<>();
  /** Each appointment's status here, as GET /appointments/{id} answers it. */
  public final Map<Long, String> statuses = new ConcurrentHashMap<>();
  private final Map<Long, CompletableFuture<Void>> released = new ConcurrentHashMap<>();
  private io.vertx.core.Vertx vertx;

  public static final String START = LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T08:00:00.000Z";
  public static final String END = LocalDate.now(ZoneOffset.UTC).plusDays(3) + "T13:00:00.000Z";

  void attach(io.vertx.core.Vertx vertx) {
    this.vertx = vertx;
  }

  /** Completes once the supplier has released {@code id} (a cancel that found it). */
  public CompletableFuture<Void> released(long id) {
    return released.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  void handle(HttpServerRequest request) {
    String path = request.path();
    if (mode == Mode.FAIL) {
      request.response().setStatusCode(500).end("{\"uuid\":\"x\",\"code\":\"SUPPLIER_FAULT\",\"messages\":[\"down\"]}");
      return;
    }
    if (mode == Mode.DROP) {
      request.connection().close();
      return;
    }
    if (mode == Mode.GARBAGE) {
      request.response().setStatusCode(200).end("<html>this is not JSON");
      return;
    }
    boolean post = request.method().name().equals("POST");
    if (path.endsWith("/available-appointments")) {
      JsonObject slot = new JsonObject().put("timeslotStartDateTime", START).put("timeslotEndDateTime", END)
          .put("classification", "WEEKDAY_AM").put("standard", true);
      json(request, 200, new JsonObject().put("availableTimeslots", new JsonArray().add(slot)));
    } else if (path.endsWith("/appointments") && post) {
      request.body().onSuccess(buffer -> {
        long id = buffer.toJsonObject().getLong("id");
        holdsReceived.add(id);
        Runnable answer = () -> {
          // Idempotent on the id, as Face 1 is: a retry gets the same appointment.
          if (statuses.putIfAbsent(id, "RESERVED") == null) {
            holds.add(id);
          }
          JsonObject body = buffer.toJsonObject().put("supplierReference", "FAKE-" + id);
          if (holdSeconds > 0) {
            body.put("expiryDateTime", java.time.Instant.now().plusSeconds(holdSeconds).toString());
          }
          json(request, 201, body);
          holdsAnswered.add(id);
        };
        if (mode == Mode.SLOW) {
          vertx.setTimer(slowMillis, t -> answer.run());
        } else {
          answer.run();
        }
      });
    } else if (path.endsWith("/_actions/cancel")) {
      long id = id(path, 3);
      cancelsReceived.add(id);
      if (holds.remove(id)) {
        statuses.put(id, "CANCELLED");
        released(id).complete(null);
        json(request, 200, new JsonObject().put("id", id).put("status", "CANCELLED"));
      } else if (statuses.containsKey(id)) {
        json(request, 422, new JsonObject().put("code", "APPOINTMENT_STATUS_INVALID")
            .put("messages", new JsonArray().add("already " + statuses.get(id))));
      } else {
        json(request, 404, new JsonObject().put("code", "NOT_FOUND").put("messages", new JsonArray().add("no " + id)));
      }
    } else if (path.endsWith("/_actions/confirm")) {
      long id = id(path, 3);
      String status = statuses.get(id);
      if (status == null) {
        json(request, 404, new JsonObject().put("code", "NOT_FOUND").put("messages", new JsonArray().add("no " + id)));
      } else if (!status.equals("RESERVED")) {
        json(request, 422, new JsonObject().put("code", "APPOINTMENT_STATUS_INVALID")
            .put("messages", new JsonArray().add("Action 'confirm' is not allowed while the appointment is " + status)));
      } else {
        statuses.put(id, "ACCEPTED");
        JsonObject body = new JsonObject().put("id", id).put("status", "ACCEPTED");
        if (mode == Mode.SLOW_CONFIRM) {
          vertx.setTimer(slowMillis, t -> json(request, 200, body));
        } else {
          json(request, 200, body);
        }
      }
    } else if (path.contains("/appointments/") && request.method().name().equals("GET")) {
      if (failReads) {
        request.response().setStatusCode(500).end("{\"code\":\"SUPPLIER_FAULT\",\"messages\":[\"down\"]}");
        return;
      }
      long id = id(path, 1);
      String status = statuses.get(id);
      json(request, status == null ? 404 : 200, status == null ? new JsonObject().put("code", "NOT_FOUND")
          : new JsonObject().put("id", id).put("status", status));
    } else {
      json(request, 404, new JsonObject().put("code", "NOT_FOUND"));
    }
  }

  private static long id(String path, int fromEnd) {
    String[] parts = path.split("/");
    return Long.parseLong(parts[parts.length - fromEnd]);
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
