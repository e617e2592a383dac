package io.slotgate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;


/**
 * Issue 14's database stall (bench/run db-stall), on the packaged app and a real PostgreSQL: holds under load while
 * every PostgreSQL process is stopped (SIGSTOP) for 30 s; every request answers within the bound, readiness says
 * DOWN within its timeout, holds succeed again after SIGCONT without a restart, and the app log has no errors.
 * Keyed hold / confirm / cancel writes answered 5xx are retried with their Idempotency-Key afterwards: each that
 * had committed must get its original answer.
 */
final class DbStall {

  /** Longest answer the request bound allows (slotgate.request-timeout 5 s) plus scheduling slack on 2 cores. */
  static final long BOUND_MS = 6_500;
  static final HttpClient SLOW_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private DbStall() {}

  static int run(Bench bench) throws Exception {
    int stallSeconds = Integer.getInteger("bench.stall", 30);
    List<String> options = new ArrayList<>(List.of("-Dquarkus.http.access-log.enabled=" + Boolean.getBoolean("bench.accessLog")));
    if (!System.getProperty("bench.appOpts", "").isBlank()) {
      options.addAll(List.of(System.getProperty("bench.appOpts").split(" ")));
    }
    try (App app = App.start(bench, 18081, null, options)) {
      Supplier crews = bench.catalogue(app, "STALL-1");
      List<String[]> slots = crews.cached;
      AtomicReference<String> phase = new AtomicReference<>("before");
      AtomicBoolean running = new AtomicBoolean(true);
      ConcurrentLinkedQueue<Object[]> samples = new ConcurrentLinkedQueue<>();
      AtomicInteger next = new AtomicInteger();
      ExecutorService load = Executors.newFixedThreadPool(16);
      for (int worker = 0; worker < 16; worker++) {
        load.submit(() -> {
          // One client (one keep-alive connection) per worker, like independent callers.
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          while (running.get()) {
            String at = phase.get();
            long start = System.nanoTime();
            int status;
            try {
              // The client waits up to 30 s: what is measured is the server's own bound.
              status = client.send(crews.holdRequest(app, "STALL-1", slots.get(next.getAndIncrement() % slots.size())),
                  BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
              status = -1;
            }
            samples.add(new Object[] {at, status, (System.nanoTime() - start) / 1_000_000, start});
          }
          return null;
        });
      }
      // Issue 23: four clients hold, confirm and cancel with Idempotency-Keys; every write answered 5xx or dropped is
      // retried after the stall with its key, and the table says which had committed and which got their answer.
      ConcurrentLinkedQueue<String[]> unanswered = new ConcurrentLinkedQueue<>();
      Map<String, AtomicInteger> writes = new java.util.concurrent.ConcurrentHashMap<>();
      ExecutorService keyed = Executors.newFixedThreadPool(4);
      for (int worker = 0; worker < 4; worker++) {
        keyed.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          while (running.get()) {
            String id = String.valueOf(Bench.IDS.incrementAndGet());
            String[] slot = slots.get(next.getAndIncrement() % slots.size());
            String[][] steps = {{"hold", "POST", "", crews.holdBody(id, slot)}, {"confirm", "POST", "/" + id
                + "/_actions/confirm", ""}, {"cancel", "POST", "/" + id + "/_actions/cancel", ""}};
            for (String[] step : steps) {
              String key = UUID.randomUUID().toString();
              int status = write(client, app, step[1], step[2], step[3], key).status();
              writes.computeIfAbsent(step[0] + " " + status, k -> new AtomicInteger()).incrementAndGet();
              if (status == -1 || status >= 500) {
                unanswered.add(new String[] {step[0], id, step[1], step[2], step[3], key, phase.get()});
              }
              if (status < 200 || status > 299) {
                break;
              }
            }
          }
          return null;
        });
      }
      Thread.sleep(5_000);
      List<long[]> probes = new ArrayList<>();
      phase.set("stalled");
      long pausing = System.nanoTime();
      bench.pg.pause();
      long stalled = System.nanoTime();
      System.out.printf("PostgreSQL frozen (SIGSTOP took %d ms)%n", (stalled - pausing) / 1_000_000);
      try {
        while (System.nanoTime() - stalled < TimeUnit.SECONDS.toNanos(stallSeconds)) {
          long start = System.nanoTime();
          int status;
          try {
            status = SLOW_CLIENT.send(HttpRequest.newBuilder(URI.create(app.ops + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), BodyHandlers.discarding()).statusCode();
          } catch (Exception e) {
            status = -1;
          }
          probes.add(new long[] {status, (System.nanoTime() - start) / 1_000_000});
          Thread.sleep(1_000);
        }
      } finally {
        bench.pg.resume();
      }
      phase.set("after");
      Thread.sleep(10_000);
      // Issue 23: PostgreSQL restarted (pg_ctl restart -m fast) under the same load: 503s only, no 500, no ERROR.
      phase.set("restart");
      long restarting = System.nanoTime();
      bench.pg.restart();
      System.out.printf("PostgreSQL restarted (pg_ctl restart -m fast took %d ms)%n",
          (System.nanoTime() - restarting) / 1_000_000);
      phase.set("after-restart");
      Thread.sleep(10_000);
      running.set(false);
      load.shutdown();
      keyed.shutdown();
      load.awaitTermination(120, TimeUnit.SECONDS);
      keyed.awaitTermination(120, TimeUnit.SECONDS);

      Map<String, Object> result = new LinkedHashMap<>();
      boolean ok = true;
      System.out.printf("%n%-10s %-9s %-44s %-8s %-8s %s%n", "phase", "requests", "statuses", "p50 ms", "p99 ms", "max ms");
      for (String name : List.of("before", "stalled", "after", "restart", "after-restart")) {
        List<Object[]> mine = samples.stream().filter(s -> s[0].equals(name)).toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        mine.forEach(s -> statuses.merge((Integer) s[1], 1, Integer::sum));
        List<Long> millis = mine.stream().map(s -> (Long) s[2]).sorted().toList();
        long p50 = percentile(millis, 0.5);
        long p99 = percentile(millis, 0.99);
        long max = millis.isEmpty() ? 0 : millis.getLast();
        System.out.printf("%-10s %-9d %-44s %-8d %-8d %d%n", name, mine.size(), statuses, p50, p99, max);
        result.put(name, Map.of("requests", mine.size(), "statuses", statuses.toString(), "p50_ms", p50, "p99_ms", p99,
            "max_ms", max));
        ok &= statuses.keySet().stream().noneMatch(s -> s == -1 || s >= 500 && s != 503);
        if (name.equals("stalled")) {
          ok &= max <= BOUND_MS;
        }
        if (name.startsWith("after")) {
          ok &= statuses.getOrDefault(201, 0) > 0;
        }
      }
      samples.stream().sorted((x, y) -> Long.compare((Long) y[2], (Long) x[2])).limit(Long.getLong("bench.slowest", 0))
          .forEach(x -> System.out.printf("slow: started %d ms after the stall began, %s, %d ms%n",
              ((Long) x[3] - stalled) / 1_000_000, x[1], x[2]));
      Map<String, Object> retries = retryUnanswered(app, unanswered);
      System.out.println("writes with an Idempotency-Key, by answer: " + new TreeMap<>(writes));
      // A write the freeze hid behind the request bound gets its answer, unless it failed on our database after its
      // commit (a read for the answer timed out in the backlog, or a restart dropped its connection): then its key
      // was given up, the retry ran it again, and the service said so (one WARN each). Every committed write whose
      // retry did not get its answer must be one of those.
      int[] freeze = (int[]) retries.remove("freeze");
      int[] restart = (int[]) retries.remove("restart");
      long lost = (freeze == null ? 0 : freeze[1] - freeze[2]) + (restart == null ? 0 : restart[1] - restart[2]);
      long givenUp = Files.readAllLines(Paths.get("bench/results/app-18081.log")).stream()
          .filter(line -> line.contains("A write with an Idempotency-Key failed as unavailable")).count();
      System.out.printf("committed writes whose retry ran again: %d; keyed writes the service reported failing after "
          + "the change (key given up): %d%n", lost, givenUp);
      ok &= lost <= givenUp;
      retries.put("committed_but_ran_again", lost);
      retries.put("keys_given_up_after_a_database_failure", givenUp);
      result.put("retries", retries);
      result.put("keyed_writes", new TreeMap<>(writes).toString());
      long probeMax = probes.stream().mapToLong(p -> p[1]).max().orElse(0);
      boolean probesDown = probes.stream().allMatch(p -> p[0] == 503);
      System.out.printf("readiness while stalled: %d probes, all DOWN (503): %s, slowest answer %d ms%n", probes.size(),
          probesDown, probeMax);
      ok &= probesDown && probeMax <= 3_000;
      long errors = Files.readAllLines(Paths.get("bench/results/app-18081.log")).stream()
          .filter(line -> line.contains(" ERROR ") || line.contains("Uncaught exception")).count();
      System.out.println("ERROR lines in the app log (bench/results/app-18081.log): " + errors);
      ok &= errors == 0;
      result.put("readiness", Map.of("probes", probes.size(), "all_down", probesDown, "slowest_ms", probeMax));
      result.put("stall_seconds", stallSeconds);
      result.put("log_errors", errors);
      Files.writeString(Paths.get("bench/results/db-stall.json"), Report.json(result) + "\n");
      System.out.println(ok ? "db-stall: ok" : "db-stall: FAILED");
      return ok ? 0 : 1;
    }
  }

  /**
   * Retries every write that was answered 5xx (or not at all) with its Idempotency-Key, once the database is back:
   * whether it had committed (read through the API), and whether the retry got the first answer (2xx,
   * Idempotent-Replayed) rather than a refusal. Prints the table and answers its figures.
   */
  private static Map<String, Object> retryUnanswered(App app, ConcurrentLinkedQueue<String[]> unanswered) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    int committed = 0;
    int original = 0;
    int ranAgain = 0;
    Map<String, Integer> byOutcome = new TreeMap<>();
    Map<String, int[]> byFault = new TreeMap<>();
    for (String[] write : unanswered) {
      Answer read = write(client, app, "GET", "/" + write[1], null, null);
      String status = read.status() == 200 ? read.body().replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1") : "none";
      boolean done = switch (write[0]) {
        case "hold" -> read.status() == 200;
        case "confirm" -> status.equals("ACCEPTED") || status.equals("INCOMING_REQUEST");
        default -> status.equals("CANCELLED");
      };
      Answer retry = write(client, app, write[2], write[3], write[4], write[5]);
      boolean replayed = retry.status() / 100 == 2 && (write[0].equals("hold") || retry.replayed());
      int[] fault = byFault.computeIfAbsent(write[6].equals("restart") || write[6].equals("after-restart") ? "restart"
          : "freeze", k -> new int[4]);
      fault[0]++;
      fault[1] += done ? 1 : 0;
      fault[2] += done && replayed ? 1 : 0;
      fault[3] += !done && retry.status() / 100 == 2 ? 1 : 0;
      committed += done ? 1 : 0;
      original += done && replayed ? 1 : 0;
      ranAgain += !done && retry.status() / 100 == 2 ? 1 : 0;
      byOutcome.merge(write[0] + (done ? " committed" : " not committed") + ", retry " + retry.status()
          + (retry.replayed() ? " replayed" : ""), 1, Integer::sum);
    }
    System.out.printf("%nwrites answered 5xx or dropped: %d; committed anyway: %d; their retries with the key got the "
        + "original answer: %d; not committed and ran on retry: %d%n", unanswered.size(), committed, original, ranAgain);
    System.out.printf("%-8s %-22s %-18s %-26s %s%n", "fault", "writes answered 5xx", "committed anyway",
        "retry got original answer", "not committed, ran on retry");
    byFault.forEach((name, f) -> System.out.printf("%-8s %-22d %-18d %-26d %d%n", name, f[0], f[1], f[2], f[3]));
    byOutcome.forEach((outcome, count) -> System.out.printf("  %-50s %d%n", outcome, count));
    Map<String, Object> figures = new LinkedHashMap<>(Map.of("unanswered", unanswered.size(), "committed", committed,
        "original_answer", original, "ran_on_retry", ranAgain, "by_outcome", byOutcome.toString()));
    byFault.forEach((name, f) -> figures.put(name + "_figures", "answered 5xx " + f[0] + ", committed " + f[1]
        + ", original answer " + f[2] + ", ran on retry " + f[3]));
    figures.put("freeze", byFault.get("freeze"));
    figures.put("restart", byFault.get("restart"));
    return figures;
  }

  /** What a keyed write got: its status (-1: no answer), body, and whether it was a replay. */
  private record Answer(int status, String body, boolean replayed) {}

  /** A wholesale request as tenant STALL-1, with an Idempotency-Key when given. */
  private static Answer write(HttpClient client, App app, String method, String path, String body, String key) {
    HttpRequest.Builder request = app.bench.wholesale(app.base + "/WholesaleGateway/v1.0/gateway/appointments" + path,
            "STALL-1", key)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue("Idempotent-Replayed").isPresent());
    } catch (Exception e) {
      return new Answer(-1, "", false);
    }
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
