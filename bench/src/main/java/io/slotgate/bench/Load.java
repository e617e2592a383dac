package io.slotgate.bench;

import static io.slotgate.bench.Shell.find;
import static io.slotgate.bench.Shell.run;
import static io.slotgate.bench.Shell.which;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generators: wrk (with bench/wrk/slotgate.lua) when installed, else a JVM client on virtual threads; each
 * run answers its figures and, when {@code recorded}, adds them to the report.
 */
final class Load {

  private final Bench bench;

  Load(Bench bench) {
    this.bench = bench;
  }

  /** wrk (C, Lua script bench/wrk/slotgate.lua) when installed: far lighter than a JVM client. */
  static boolean wrk() {
    return which("wrk") != null && !Boolean.getBoolean("bench.javaClient");
  }

  Result wrkHolds(App app, Supplier supplier, String tenant, int connections, int seconds, String name, boolean recorded)
      throws Exception {
    Path file = Files.createTempFile("slots", ".txt");
    Files.write(file, supplier.cached.stream().map(slot -> slot[0] + " " + slot[1]).toList());
    return wrk(app, app.base + "/WholesaleGateway/v1.0/gateway/appointments", connections, seconds, name, recorded,
        List.of("hold", bench.token(tenant, "appointments"), tenant, supplier.spec, file.toString(),
            String.valueOf(Bench.IDS.addAndGet(1_000_000_000L))));
  }

  Result wrkGet(App app, String url, String tenant, int connections, int seconds, String name, boolean recorded)
      throws Exception {
    return wrk(app, url, connections, seconds, name, recorded, List.of("get", bench.token(tenant, "appointments"), tenant));
  }

  private Result wrk(App app, String url, int connections, int seconds, String name, boolean recorded, List<String> args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(which("wrk"), "-t2", "-c" + connections, "-d" + seconds + "s",
        "--timeout", "10s", "-s", "bench/wrk/slotgate.lua", url, "--"));
    command.addAll(args);
    long[] cpuBefore = CpuSplit.sample(app.process.pid());
    String out = run(command);
    long[] cpuAfter = CpuSplit.sample(app.process.pid());
    String line = find(out, "WRKJSON (\\{.*\\})");
    double rps = Double.parseDouble(find(line, "\"rps\":([0-9.]+)"));
    Map<String, Long> status = new java.util.TreeMap<>();
    Matcher m = Pattern.compile("\"(\\d{3})\":(\\d+)").matcher(find(line, "\"status\":\\{([^}]*)\\}"));
    long total = 0;
    while (m.find()) {
      status.put(m.group(1), Long.parseLong(m.group(2)));
      total += Long.parseLong(m.group(2));
    }
    long ok = status.getOrDefault("200", 0L) + status.getOrDefault("201", 0L);
    long conflicts = status.getOrDefault("409", 0L);
    long errors = total - ok - conflicts + Long.parseLong(find(line, "\"errors\":(\\d+)"));
    double throughput = total == 0 ? 0 : rps * ok / total;
    double p50 = Double.parseDouble(find(line, "\"p50\":([0-9.]+)"));
    double p99 = Double.parseDouble(find(line, "\"p99\":([0-9.]+)"));
    Result result = new Result(throughput, p50, p99, conflicts, errors);
    if (recorded) {
      CpuSplit cpu = CpuSplit.between(cpuBefore, cpuAfter, total);
      bench.report.results.put(name, Map.of("throughput_per_s", throughput, "p50_ms", p50, "p99_ms", p99, "conflicts_409", conflicts,
          "errors", errors, "status", status.toString(), "generator", "wrk",
          "cpu_ms_per_request", Map.of("app", cpu.appMs(), "postgres", cpu.postgresMs(), "rest", cpu.restMs(),
              "idle_share", cpu.idleShare())));
      bench.report.table.add(new String[] {name, String.format(Locale.ROOT, "%.0f/s", throughput),
          String.format(Locale.ROOT, "p50 %.1f ms", p50), String.format(Locale.ROOT, "p99 %.1f ms", p99),
          conflicts + " x 409", errors + " errors"});
      bench.report.cpuLines.add(String.format(Locale.ROOT, "%-48s app %.2f ms, PostgreSQL %.2f ms, rest (wrk, kernel, ended processes) %.2f ms; idle %.0f%%",
          name, cpu.appMs(), cpu.postgresMs(), cpu.restMs(), cpu.idleShare() * 100));
    }
    return result;
  }

  record Result(double throughput, double p50, double p99, long conflicts, long errors) {}

  Result load(int connections, int seconds, IntFunction<HttpRequest> request, String name, boolean recorded)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong ok = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < connections; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
          long[] mine = new long[200_000];
          int n = 0;
          while (System.nanoTime() < deadline && n < mine.length) {
            long t0 = System.nanoTime();
            try {
              int status = Bench.HTTP.send(request.apply(worker), BodyHandlers.discarding()).statusCode();
              if (status == 200 || status == 201) {
                ok.incrementAndGet();
              } else if (status == 409) {
                conflicts.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            mine[n++] = System.nanoTime() - t0;
          }
          latencies.add(java.util.Arrays.copyOf(mine, n));
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
    double p50 = all.length == 0 ? 0 : all[all.length / 2] / 1e6;
    double p99 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, Math.floor(all.length * 0.99))] / 1e6;
    double throughput = ok.get() / elapsed;
    Result result = new Result(throughput, p50, p99, conflicts.get(), errors.get());
    if (recorded) {
      bench.report.results.put(name, Map.of("throughput_per_s", throughput, "p50_ms", p50, "p99_ms", p99,
          "conflicts_409", conflicts.get(), "errors", errors.get(), "requests", all.length));
      bench.report.table.add(new String[] {name, String.format(Locale.ROOT, "%.0f/s", throughput),
          String.format(Locale.ROOT, "p50 %.1f ms", p50), String.format(Locale.ROOT, "p99 %.1f ms", p99),
          conflicts.get() + " x 409", errors.get() + " errors"});
    }
    return result;
  }
}
