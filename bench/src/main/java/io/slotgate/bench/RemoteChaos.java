package io.slotgate.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;


/**
 * Issue 14's crash run (bench/run remote-chaos): a gateway and its remote supplier (another instance) under a
 * hold / confirm / cancel load; both are killed with SIGKILL and restarted; afterwards the reconciler brings every
 * appointment to the same status on both sides, within a stated time, and nothing is double-booked.
 */
final class RemoteChaos {

  private static final HttpClient SLOW_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private RemoteChaos() {}

  static int run(Bench bench) throws Exception {
    com.sun.net.httpserver.HttpServer tokens = bench.tokenServer("RACE-SUPPLIER");
    List<String> gateway = new ArrayList<>(bench.gatewayOptions(tokens));
    gateway.addAll(List.of("-Dslotgate.reconcile.every=2s", "-Dslotgate.reconcile.recheck-after=2s"));
    App supplierApp = App.start(bench, 18081);
    App gatewayApp = App.start(bench, 18082, null, gateway);
    try {
      // Short supplier holds, so that holds orphaned there by a crash lapse within the run.
      Supplier calendar = bench.supplier(supplierApp, 4, "0", "24", 60, List.of("RACE-SUPPLIER"), 20);
      bench.post(gatewayApp, "GW-OWNER", "/admin/v1/suppliers", "{\"id\":\"up\",\"adapter\":\"http\"}");
      bench.post(gatewayApp, "GW-OWNER", "/admin/v1/suppliers/up/grants",
          "{\"tenant\":\"GW-1\",\"serviceSpecifications\":[\"" + calendar.spec + "\"]}");
      bench.route(gatewayApp, "GW-1", "GW-OWNER", "up", calendar.spec);
      Supplier through = new Supplier(bench, "up", calendar.spec, null);
      List<String[]> slots = through.slots(gatewayApp, "GW-1");

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicReference<String> base = new AtomicReference<>(gatewayApp.base);
      Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
      java.util.Queue<String[]> unanswered = new java.util.concurrent.ConcurrentLinkedQueue<>();
      ExecutorService load = Executors.newVirtualThreadPerTaskExecutor();
      for (int worker = 0; worker < 16; worker++) {
        load.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (running.get()) {
            String id = String.valueOf(Bench.IDS.incrementAndGet());
            String[] slot = slots.get(random.nextInt(Math.min(40, slots.size())));
            int held = call(bench, base.get(), "POST", "/appointments", "{\"id\":" + id + ",\"address\":{\"id\":\"200004033694\","
                + "\"type\":\"UPRN\"},\"serviceSpecification\":{\"id\":\"" + calendar.spec + "\"},\"timeslot\":{"
                + "\"timeslotStartDateTime\":\"" + slot[0] + "\",\"timeslotEndDateTime\":\"" + slot[1] + "\"}}");
            outcomes.computeIfAbsent("hold " + held, k -> new AtomicInteger()).incrementAndGet();
            if (held == -1) {
              sleep(20); // the gateway is down: try again shortly rather than spin
            }
            if (held == 201 && random.nextBoolean()) {
              int confirmed = keyed(bench, base.get(), "confirm", id, outcomes, unanswered);
              if (confirmed == 200 && random.nextInt(3) == 0) {
                keyed(bench, base.get(), "cancel", id, outcomes, unanswered);
              }
            }
          }
          return null;
        });
      }
      Thread.sleep(5_000);
      System.out.println("SIGKILL the supplier instance");
      supplierApp.process.destroyForcibly().waitFor();
      Thread.sleep(2_000);
      System.out.println("SIGKILL the gateway instance");
      gatewayApp.process.destroyForcibly().waitFor();
      Thread.sleep(1_000);
      supplierApp = App.start(bench, 18081);
      gatewayApp = App.start(bench, 18082, null, gateway);
      System.out.println("both restarted; load goes on for 10 s");
      Thread.sleep(10_000);
      running.set(false);
      load.shutdown();
      load.awaitTermination(60, TimeUnit.SECONDS);
      long stopped = System.nanoTime();

      Comparison comparison = compare(bench, calendar);
      System.out.println("right after the load: " + comparison);
      while (!comparison.agrees() && System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(90)) {
        Thread.sleep(2_000);
        comparison = compare(bench, calendar);
      }
      long convergedMs = (System.nanoTime() - stopped) / 1_000_000;
      String doubleBooked = bench.sql("SELECT count(*) FROM slot_claim a JOIN slot_claim b ON a.resource_id = b.resource_id"
          + " AND a.appointment_id < b.appointment_id AND a.during && b.during WHERE NOT a.released AND NOT b.released");
      String withoutClaims = bench.sql("SELECT count(*) FROM appointment a WHERE NOT a.remote AND (a.status IN "
          + "('INCOMING_REQUEST','ACCEPTED','OUTGOING_INVITE') OR a.status = 'RESERVED' AND a.expires_at > now()) AND "
          + "(SELECT count(*) FROM slot_claim c WHERE c.appointment_id = a.id AND NOT c.released) < a.reservations");
      double reconciled = gatewayApp.metric("slotgate_reconciled_total");
      Map<String, Integer> retries = retryUnanswered(bench, gatewayApp.base, unanswered);
      System.out.println("load outcomes: " + new TreeMap<>(outcomes));
      System.out.printf("after %d ms: %s; repairs by the restarted gateway's reconciler: %.0f; overlapping live claims at "
          + "the supplier: %s; occupying appointments without claims: %s%n", convergedMs, comparison, reconciled,
          doubleBooked, withoutClaims);
      boolean ok = comparison.agrees() && "0".equals(doubleBooked) && "0".equals(withoutClaims);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("appointments_compared", comparison.total);
      result.put("disagreeing", comparison.disagreeing);
      result.put("converged_ms", convergedMs);
      result.put("reconciler_repairs_after_restart", reconciled);
      result.put("overlapping_live_claims", doubleBooked);
      result.put("outcomes", new TreeMap<>(outcomes).toString());
      result.put("keyed_writes_answered_5xx_then_retried", retries.toString());
      Files.writeString(Paths.get("bench/results/remote-chaos.json"), Report.json(result) + "\n");
      System.out.println(ok ? "remote-chaos: ok" : "remote-chaos: FAILED");
      return ok ? 0 : 1;
    } finally {
      gatewayApp.close();
      supplierApp.close();
      tokens.stop(0);
    }
  }

  /** How many appointments the gateway and its supplier see differently. */
  record Comparison(int total, int disagreeing, List<String> examples) {
    boolean agrees() {
      return disagreeing == 0;
    }

    @Override
    public String toString() {
      return total + " appointments compared, " + disagreeing + " differ" + (examples.isEmpty() ? "" : " " + examples);
    }
  }

  static Comparison compare(Bench bench, Supplier calendar) throws Exception {
    Map<String, String> here = new HashMap<>();
    for (String row : lines(bench.sql("SELECT tenant || ' ' || external_id || ' ' || CASE WHEN status = 'RESERVED' AND "
        + "expires_at <= now() THEN 'EXPIRED' ELSE status END FROM appointment WHERE supplier_id = 'up' AND owner = 'GW-OWNER'"))) {
      String[] parts = row.split(" ");
      here.put(String.valueOf(remoteId(parts[0], parts[1])), parts[2]);
    }
    Map<String, String> there = new HashMap<>();
    for (String row : lines(bench.sql("SELECT external_id || ' ' || CASE WHEN status = 'RESERVED' AND expires_at <= now() "
        + "THEN 'EXPIRED' ELSE status END FROM appointment WHERE tenant = 'RACE-SUPPLIER' AND supplier_id = '"
        + calendar.id + "'"))) {
      String[] parts = row.split(" ");
      there.put(parts[0], parts[1]);
    }
    java.util.Set<String> ids = new java.util.HashSet<>(here.keySet());
    ids.addAll(there.keySet());
    int differ = 0;
    List<String> examples = new ArrayList<>();
    for (String id : ids) {
      String a = here.getOrDefault(id, "ABSENT");
      String b = there.getOrDefault(id, "ABSENT");
      boolean same = live(a) ? a.equals(b) : !live(b);
      if (!same) {
        differ++;
        if (examples.size() < 5) {
          examples.add(a + "/" + b);
        }
      }
    }
    return new Comparison(ids.size(), differ, examples);
  }

  private static boolean live(String status) {
    return List.of("RESERVED", "INCOMING_REQUEST", "ACCEPTED").contains(status);
  }

  /** The id the supplier knows a gateway appointment by: the contract of RemoteSuppliers.remoteId. */
  static long remoteId(String tenant, String clientId) {
    return UUID.nameUUIDFromBytes((tenant + "\n" + clientId).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
        & Long.MAX_VALUE;
  }

  private static List<String> lines(String text) {
    return text == null || text.isBlank() ? List.of() : List.of(text.split("\n"));
  }

  /**
   * Retries the confirms and cancels answered 5xx or not at all (the gateway was killed under them) with their keys:
   * whether each had committed at the gateway, and what the retry answered. Reported, not judged: a write the killed
   * instance committed but could not store the answer of keeps its key claimed for slotgate.idempotency.lease (60 s),
   * so its retry is told to wait (503) and after the lease runs again (the strict 422).
   */
  private static Map<String, Integer> retryUnanswered(Bench bench, String base, java.util.Queue<String[]> unanswered)
      throws Exception {
    Map<String, Integer> byOutcome = new TreeMap<>();
    for (String[] write : unanswered) {
      String status = bench.sql("SELECT status FROM appointment WHERE tenant = 'GW-1' AND external_id = '" + write[1] + "'");
      boolean done = write[0].equals("confirm") ? List.of("ACCEPTED", "INCOMING_REQUEST", "CANCELLED").contains(status)
          : "CANCELLED".equals(status);
      HttpResponse<Void> retry = send(bench, base, "POST", write[2], "", write[3]);
      int answer = retry == null ? -1 : retry.statusCode();
      boolean replayed = retry != null && retry.headers().firstValue("Idempotent-Replayed").isPresent();
      byOutcome.merge(write[0] + (done ? " committed" : " not committed") + " (now " + status + "), retry " + answer
          + (replayed ? " replayed" : ""), 1, Integer::sum);
    }
    System.out.println("keyed confirms/cancels answered 5xx or dropped while the instances died: " + unanswered.size()
        + "; after their retries with the key: " + byOutcome);
    return byOutcome;
  }

  /**
   * A confirm or cancel of appointment {@code id} with an Idempotency-Key, its answer counted in {@code outcomes}; one
   * answered 5xx or not at all goes to {@code unanswered}, to be retried with the same key after the load.
   */
  private static int keyed(Bench bench, String base, String action, String id, Map<String, AtomicInteger> outcomes,
      java.util.Queue<String[]> unanswered) {
    String key = UUID.randomUUID().toString();
    String path = "/appointments/" + id + "/_actions/" + action;
    int status = call(bench, base, "POST", path, "", key);
    outcomes.computeIfAbsent(action + " " + status, k -> new AtomicInteger()).incrementAndGet();
    if (status == -1 || status >= 500) {
      unanswered.add(new String[] {action, id, path, key});
    }
    return status;
  }

  private static int call(Bench bench, String base, String method, String path, String body) {
    return call(bench, base, method, path, body, null);
  }

  private static int call(Bench bench, String base, String method, String path, String body, String key) {
    HttpResponse<Void> response = send(bench, base, method, path, body, key);
    return response == null ? -1 : response.statusCode();
  }

  private static HttpResponse<Void> send(Bench bench, String base, String method, String path, String body, String key) {
    try {
      return SLOW_CLIENT.send(bench.wholesale(base + "/WholesaleGateway/v1.0/gateway" + path, "GW-1", key)
          .header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body)).build(),
          BodyHandlers.discarding());
    } catch (Exception e) {
      return null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
