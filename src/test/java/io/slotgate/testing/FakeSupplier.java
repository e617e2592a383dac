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

  public enum Mode { OK, SLOW, FAIL, GARBAGE }

  public volatile Mode mode = Mode.OK;
  /** How long a SLOW supplier takes to answer a hold. */
  public volatile long slowMillis = 2500;
  public final Set<Long> holds = ConcurrentHashMap.newKeySet();
  public final List<Long> holdsReceived = new CopyOnWriteArrayList<>();
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
    if (mode == Mode.GARBAGE) {
      request.response().setStatusCode(200).end("<html>this is not JSON");
      return;
    }
    if (path.endsWith("/available-appointments")) {
      JsonObject slot = new JsonObject().put("timeslotStartDateTime", START).put("timeslotEndDateTime", END)
          .put("classification", "WEEKDAY_AM").put("standard", true);
      json(request, 200, new JsonObject().put("availableTimeslots", new JsonArray().add(slot)));
    } else if (path.endsWith("/appointments") && request.method().name().equals("POST")) {
      request.body().onSuccess(buffer -> {
        long id = buffer.toJsonObject().getLong("id");
        holdsReceived.add(id);
        Runnable answer = () -> {
          holds.add(id);
          json(request, 201, buffer.toJsonObject().put("supplierReference", "FAKE-" + id));
        };
        if (mode == Mode.SLOW) {
          vertx.setTimer(slowMillis, t -> answer.run());
        } else {
          answer.run();
        }
      });
    } else if (path.endsWith("/_actions/cancel")) {
      long id = id(path);
      if (holds.remove(id)) {
        released(id).complete(null);
        json(request, 200, new JsonObject().put("id", id).put("status", "CANCELLED"));
      } else {
        json(request, 404, new JsonObject().put("code", "NOT_FOUND").put("messages", new JsonArray().add("no " + id)));
      }
    } else if (path.endsWith("/_actions/confirm")) {
      long id = id(path);
      json(request, holds.contains(id) ? 200 : 404, new JsonObject().put("id", id).put("status", "ACCEPTED"));
    } else {
      json(request, 404, new JsonObject().put("code", "NOT_FOUND"));
    }
  }

  private static long id(String path) {
    String[] parts = path.split("/");
    return Long.parseLong(parts[parts.length - 3]);
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
