package io.slotgate.bench;

import static io.slotgate.bench.Bench.AOT_CACHE;
import static io.slotgate.bench.Bench.HTTP;
import static io.slotgate.bench.Shell.find;

import io.slotgate.testing.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One packaged slotgate process (prod profile, dev-only token key trusted via environment). */
final class App implements AutoCloseable {
  final Process process;
  final String base;
  /** The management port (health, metrics): the API port + 1000. */
  final String ops;
  final long startedMs;
  final long firstHoldMs;
  /** Process start to the first answer of /q/health/live (no token, no database): the port is open. */
  final long listeningMs;
  final Bench bench;

  private App(Bench bench, Process process, String base, String ops, long startedMs, long firstHoldMs, long listeningMs) {
    this.bench = bench;
    this.process = process;
    this.base = base;
    this.ops = ops;
    this.startedMs = startedMs;
    this.firstHoldMs = firstHoldMs;
    this.listeningMs = listeningMs;
  }

  static App start(Bench bench, int port) throws Exception {
    return start(bench, port, null);
  }

  static App start(Bench bench, int port, java.util.function.Supplier<Supplier> holdTarget) throws Exception {
    return start(bench, port, holdTarget, List.of());
  }

  /**
   * A long-running instance: without the AOT cache (it is for serverless starts, scenario 6), since its training
   * profiles made steady-state holds slower and noisier (579-801/s with it, 857-937/s without, bench/run holds).
   * BENCH_LOAD_AOT=true uses it anyway.
   */
  static App start(Bench bench, int port, java.util.function.Supplier<Supplier> holdTarget, List<String> extra)
      throws Exception {
    boolean aot = Boolean.parseBoolean(System.getenv("BENCH_LOAD_AOT")) && Files.exists(Paths.get(AOT_CACHE));
    return start(bench, port, holdTarget, extra, aot, Map.of());
  }

  static App start(Bench bench, int port, java.util.function.Supplier<Supplier> holdTarget, List<String> extra,
      boolean aot, Map<String, String> environment) throws Exception {
    if (Boolean.getBoolean("bench.native") && nativeRunner() != null) {
      // BENCH_NATIVE=true: every instance is the native executable; its system properties are arguments too.
      List<String> command = new ArrayList<>(List.of(nativeRunner().toString()));
      command.addAll(extra.stream().filter(option -> option.startsWith("-D")).toList());
      command.add("-Dquarkus.http.port=" + port);
      return launch(bench, port, holdTarget, command, environment);
    }
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(extra);
    if (aot) {
      command.add("-XX:AOTCache=" + AOT_CACHE);
    }
    if (Boolean.getBoolean("bench.jfr")) {
      command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
          "-XX:StartFlightRecording=filename=bench/results/app-" + port + ".jfr,settings=profile"));
    }
    command.addAll(List.of(System.getProperty("bench.jvmOpts", "-XX:+UseSerialGC").split(" ")));
    command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", bench.jar));
    return launch(bench, port, holdTarget, command, environment);
  }

  /** Starts {@code command} (java -jar or the native executable) listening on {@code port}; waits as start() says. */
  static App launch(Bench bench, int port, java.util.function.Supplier<Supplier> holdTarget, List<String> command,
      Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Paths.get("bench/results/app-" + port + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", bench.pg.reactiveUrl());
    env.put("QUARKUS_DATASOURCE_JDBC_URL", bench.pg.jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgres.USER);
    env.put("QUARKUS_DATASOURCE_PASSWORD", "unused");
    env.put("QUARKUS_OIDC_PUBLIC_KEY", bench.publicKey);
    env.put("QUARKUS_OIDC_TOKEN_ISSUER", "slotgate-dev");
    env.put("SLOTGATE_HUB_SECRET_KEY", "YmVuY2gtb25seS1zbG90Z2F0ZS1odWItc2VjcmV0LWs=");
    env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(port + 1000)); // health and metrics: see App.ops
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("SLOTGATE_ACCESS_LOG", "false");
    env.put("SLOTGATE_SWEEP_EVERY", "1s");
    env.put("SLOTGATE_SWEEP_BATCH_SIZE", "5000");
    env.putAll(environment);
    long t0 = System.nanoTime();
    Process process = builder.start();
    String base = "http://127.0.0.1:" + port;
    String ops = "http://127.0.0.1:" + (port + 1000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long firstHold = -1;
    long listening = -1;
    while (true) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("slotgate did not start; see bench/results/app-" + port + ".log");
      }
      try {
        if (holdTarget != null && listening < 0) {
          // The port first (a cheap unauthenticated answer), so that the first hold's own cost shows apart.
          if (HTTP.send(HttpRequest.newBuilder(URI.create(ops + "/q/health/live")).build(),
              BodyHandlers.discarding()).statusCode() == 200) {
            listening = (System.nanoTime() - t0) / 1_000_000;
            continue;
          }
        } else if (holdTarget != null) {
          Supplier target = holdTarget.get();
          HttpResponse<String> hold = HTTP.send(target.holdRequest(base, "BENCH-1", target.nextSlot(base)),
              BodyHandlers.ofString());
          if (hold.statusCode() == 201) {
            firstHold = (System.nanoTime() - t0) / 1_000_000;
            break;
          }
        } else if (HTTP.send(HttpRequest.newBuilder(URI.create(ops + "/q/health/ready")).build(),
            BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    return new App(bench, process, base, ops, (System.nanoTime() - t0) / 1_000_000, firstHold, listening);
  }

  /** Quarkus's own "started in", from the app's log. */
  long quarkusStartedInMs() throws IOException {
    String log = Files.readString(Paths.get("bench/results/app-" + base.substring(base.lastIndexOf(':') + 1) + ".log"));
    return Math.round(Double.parseDouble(find(log, "started in ([0-9.]+)s")) * 1000);
  }

  long rssMb() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  double metric(String name) throws Exception {
    String body = HTTP.send(HttpRequest.newBuilder(URI.create(ops + "/q/metrics")).build(), BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.Ee+-]+)$").matcher(body);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  /** The native executable ./mvnw package -Dnative leaves in target/, or null. */
  static Path nativeRunner() throws IOException {
    try (var files = Files.list(Paths.get("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("slotgate-.*-runner") && Files.isExecutable(f))
          .findFirst().orElse(null);
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
