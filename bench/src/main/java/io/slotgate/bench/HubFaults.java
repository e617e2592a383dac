package io.slotgate.bench;

import io.slotgate.testing.HostileReceivers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20's fault run (bench/run hub-faults): two instances deliver a hold / confirm / cancel load of
 * two tenants; tenant HOSTILE subscribes receivers that answer 500, trickle their answer, answer 200
 * with a 1 GiB body or never answer; tenant HEALTHY one healthy receiver. One instance is SIGKILLed
 * mid-run. Both runs have a slow receiver (300 ms, two at a time) of the other tenant. Reports whether the healthy receiver got every event,
 * its duplicates and delivery p99 against a run without the hostile receivers (and without the kill),
 * the slow receiver's duplicates per 1,000 deliveries, and OutOfMemoryErrors in the logs.
 */
final class HubFaults {

  private static final Pattern EVENT = Pattern.compile("\"eventId\":\"([^\"]+)\",\"eventTime\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

  private HubFaults() {}

  /**
   * What the kill adds to an event's wait on top of the survivor's own queue: a delivery the killed instance held is
   * taken over once its lease (6 s, slotgate.hub.lease) lapses, in the survivor's next round (200 ms), then sent.
   */
  private static final long KILL_WAIT_MS = 6_500;

  record Run(int changes, List<String[]> healthy, List<String[]> slow, long outOfMemory, String pendingHealthy,
      List<Long> searchMs) {}

  static int run(Bench bench) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    Run baseline = once(bench, "BASE", seconds, false);
    Run faults = once(bench, "FAULT", seconds, true);
    Map<String, Object> result = new LinkedHashMap<>();
    long baseP99 = p99(baseline.healthy());
    long faultP99 = p99(faults.healthy());
    long healthyDistinct = distinct(faults.healthy());
    long healthyDuplicates = faults.healthy().size() - healthyDistinct;
    long slowDuplicates = faults.slow().size() - distinct(faults.slow());
    result.put("healthy_changes", faults.changes());
    result.put("healthy_events_received_distinct", healthyDistinct);
    result.put("healthy_duplicates", healthyDuplicates);
    result.put("healthy_pending_after_run", faults.pendingHealthy());
    result.put("healthy_p50_ms", percentile(faults.healthy(), 0.5));
    result.put("healthy_p99_ms", faultP99);
    long bound = 2 * baseP99 + KILL_WAIT_MS;
    result.put("healthy_p99_bound_ms", bound);
    result.put("baseline_changes", baseline.changes());
    result.put("baseline_p50_ms", percentile(baseline.healthy(), 0.5));
    result.put("baseline_p99_ms", baseP99);
    long slowBaseDuplicates = baseline.slow().size() - distinct(baseline.slow());
    result.put("slow_receiver_deliveries_without_kill", baseline.slow().size());
    result.put("slow_receiver_duplicates_per_1000_without_kill", perThousand(slowBaseDuplicates, baseline.slow().size()));
    result.put("slow_receiver_deliveries_with_kill", faults.slow().size());
    result.put("slow_receiver_duplicates_per_1000_with_kill", perThousand(slowDuplicates, faults.slow().size()));
    result.put("out_of_memory_errors", faults.outOfMemory() + baseline.outOfMemory());
    // The other tenant's searches on the surviving instance meanwhile (reported; not part of the verdict).
    result.put("other_tenant_search_p99_ms", percentileOf(faults.searchMs(), 0.99));
    result.put("baseline_other_tenant_search_p99_ms", percentileOf(baseline.searchMs(), 0.99));
    result.put("other_tenant_searches", faults.searchMs().size());
    System.out.println("hub-faults: " + result);
    Files.writeString(Paths.get("bench/results/hub-faults.json"), Report.json(result) + "\n");
    // The kill is part of the fault run: from then on the survivor alone sends what two instances sent (up to twice
    // the baseline's wait), and the deliveries the killed instance held first wait out their lease. The bound is the
    // sum; hostile receivers that starved the healthy tenant showed as waits of 55 s (see SlotgateConfig's
    // perSubscription). Measured: 7.2 s with a 2.7 s baseline; 10.0 s with a 2.5 s baseline on a busier CI run, whose
    // p50 doubled too (1.7 s to 4.2 s): every event was delivered once in both.
    boolean ok = healthyDistinct == faults.changes() && faults.outOfMemory() == 0 && faultP99 <= bound
        && "0".equals(faults.pendingHealthy());
    System.out.println(ok ? "hub-faults: ok" : "hub-faults: FAILED");
    return ok ? 0 : 1;
  }

  private static Run once(Bench bench, String prefix, int seconds, boolean hostile) throws Exception {
    String healthyTenant = prefix + "-HEALTHY";
    String hostileTenant = prefix + "-HOSTILE";
    HostileReceivers receivers = new HostileReceivers();
    ConcurrentLinkedQueue<String[]> healthy = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String[]> slow = new ConcurrentLinkedQueue<>();
    // A small heap, so that reading a 1 GiB answer would show as OutOfMemoryError rather than pass unnoticed.
    List<String> options = List.of("-Xmx256m", "-Dslotgate.hub.allow-private-callbacks=true",
        "-Dslotgate.hub.every=" + System.getProperty("bench.hubEvery", "200ms"));
    App a = App.start(bench, 18081, null, options);
    App b = App.start(bench, 18082, null, options);
    try {
      Supplier crews = bench.catalogue(a, healthyTenant, hostileTenant);
      subscribe(bench, a, healthyTenant, receiver(receivers, 8, 0, healthy));
      // A slow receiver (300 ms, two at a time) in both runs: its duplicates per 1,000 deliveries, with and
      // without an instance killed.
      subscribe(bench, a, hostileTenant, receiver(receivers, 2, 300, slow));
      if (hostile) {
        subscribe(bench, a, hostileTenant, receivers.status500());
        subscribe(bench, a, hostileTenant, receivers.trickle());
        subscribe(bench, a, hostileTenant, receivers.huge());
        subscribe(bench, a, hostileTenant, receivers.blackHole());
      }
      List<String[]> slots = crews.cached;
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger next = new AtomicInteger();
      AtomicInteger healthyChanges = new AtomicInteger();
      AtomicReference<App> survivor = new AtomicReference<>();
      ExecutorService load = Executors.newFixedThreadPool(18);
      for (int worker = 0; worker < 16; worker++) {
        App home = worker % 2 == 0 ? a : b;
        String tenant = worker % 4 < 2 ? healthyTenant : hostileTenant;
        load.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          while (running.get()) {
            App app = survivor.get() != null ? survivor.get() : home;
            try {
              String[] slot = slots.get(next.getAndIncrement() % slots.size());
              var answer = client.send(crews.holdRequest(app, tenant, slot), BodyHandlers.ofString());
              if (answer.statusCode() != 201) {
                continue;
              }
              count(tenant, healthyTenant, healthyChanges);
              Matcher id = ID.matcher(answer.body());
              if (id.find() && next.get() % 2 == 0) {
                for (String move : List.of("confirm", "cancel")) {
                  if (client.send(action(bench, app, tenant, id.group(1), move), BodyHandlers.discarding())
                      .statusCode() == 200) {
                    count(tenant, healthyTenant, healthyChanges);
                  }
                }
              }
            } catch (IOException killed) {
              // The instance was SIGKILLed under this request: the change may or may not have happened.
              if (survivor.get() == null) {
                continue;
              }
            }
          }
          return null;
        });
      }
      // The healthy tenant also searches, on the instance that survives, two at a time: its latency is what the
      // hostile tenant's receivers must not take away.
      ConcurrentLinkedQueue<Long> searchMs = new ConcurrentLinkedQueue<>();
      for (int searcher = 0; searcher < 2; searcher++) {
        load.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          while (running.get()) {
            long t0 = System.nanoTime();
            if (client.send(crews.searchRequest(a, healthyTenant), BodyHandlers.discarding()).statusCode() == 200) {
              searchMs.add((System.nanoTime() - t0) / 1_000_000);
            }
          }
          return null;
        });
      }
      Thread.sleep(seconds * 500L);
      if (hostile) {
        b.process.destroyForcibly(); // SIGKILL: its leases lapse, the survivor takes its deliveries over
        survivor.set(a);
        System.out.println("hub-faults: SIGKILLed the instance on 18082");
      }
      Thread.sleep(seconds * 500L);
      running.set(false);
      load.shutdown();
      load.awaitTermination(60, TimeUnit.SECONDS);
      // Changes made through the killed instance whose answer was lost are counted from the database.
      int changes = Integer.parseInt(bench.sql("SELECT count(*) FROM appointment_event o JOIN appointment p ON p.id = o.appointment_id "
          + "WHERE p.tenant = '" + healthyTenant + "'"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (distinct(List.copyOf(healthy)) < changes && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(1_000); // anything sent twice would arrive now
      String pending = bench.sql("SELECT count(*) FROM hub_delivery d JOIN hub_subscription s ON s.id = d.subscription_id "
          + "WHERE s.tenant = '" + healthyTenant + "' AND d.delivered_at IS NULL");
      long oom = 0;
      for (String port : List.of("18081", "18082")) {
        oom += Files.readAllLines(Paths.get("bench/results/app-" + port + ".log")).stream()
            .filter(line -> line.contains("OutOfMemoryError")).count();
      }
      System.out.println("hub-faults " + prefix + ": " + changes + " changes of " + healthyTenant + ", healthy receiver got "
          + healthy.size() + " (" + distinct(List.copyOf(healthy)) + " distinct), slow receiver " + slow.size());
      return new Run(changes, List.copyOf(healthy), List.copyOf(slow), oom, pending, List.copyOf(searchMs));
    } finally {
      a.close();
      b.close();
      receivers.close();
    }
  }

  private static void count(String tenant, String healthyTenant, AtomicInteger healthyChanges) {
    if (tenant.equals(healthyTenant)) {
      healthyChanges.incrementAndGet();
    }
  }

  private static void subscribe(Bench bench, App app, String tenant, String callback) throws Exception {
    int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.base + "/WholesaleGateway/v1.0/gateway/hub"))
        .header("Authorization", "Bearer " + bench.token(tenant, "appointments")).header("Tenant", tenant)
        .header("X-Request-ID", "hub-faults").header("X-Conversation-ID", "hub-faults")
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"callback\":\"" + callback + "\"}")).build(), BodyHandlers.discarding()).statusCode();
    if (status != 201) {
      throw new IllegalStateException("subscribe answered " + status);
    }
  }

  private static HttpRequest action(Bench bench, App app, String tenant, String id, String action) {
    return HttpRequest.newBuilder(URI.create(app.base + "/WholesaleGateway/v1.0/gateway/appointments/" + id + "/_actions/"
            + action)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bench.token(tenant, "appointments")).header("Tenant", tenant)
        .header("X-Request-ID", "hub-faults").header("X-Conversation-ID", "hub-faults")
        .POST(BodyPublishers.noBody()).build();
  }

  /** Records {eventId, eventTime, receivedAt}; {@code threads} at a time, each taking {@code delayMs}. */
  private static String receiver(HostileReceivers receivers, int threads, long delayMs,
      ConcurrentLinkedQueue<String[]> into) throws IOException {
    return receivers.serve(exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Matcher m = EVENT.matcher(body);
      if (m.find()) {
        into.add(new String[] {m.group(1), m.group(2), String.valueOf(System.currentTimeMillis())});
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    }, threads);
  }

  private static double perThousand(long duplicates, int deliveries) {
    return deliveries == 0 ? 0 : Math.round(duplicates * 10_000.0 / deliveries) / 10.0;
  }

  private static long distinct(List<String[]> events) {
    return events.stream().map(e -> e[0]).distinct().count();
  }

  private static long p99(List<String[]> events) {
    return percentile(events, 0.99);
  }

  private static long percentile(List<String[]> events, double p) {
    // The first receipt of each event: from the change (eventTime) to its arrival.
    Map<String, Long> first = new HashMap<>();
    for (String[] e : events) {
      first.merge(e[0], Long.parseLong(e[2]) - Instant.parse(e[1]).toEpochMilli(), Math::min);
    }
    List<Long> sorted = first.values().stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }

  private static long percentileOf(List<Long> values, double p) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
