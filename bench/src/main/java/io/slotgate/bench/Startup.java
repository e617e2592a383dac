package io.slotgate.bench;

import static io.slotgate.bench.Bench.AOT_CACHE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Start-up: the cold start to a first authenticated hold (scenario 6) and where start-up time goes. */
final class Startup {

  /** The serverless JVM settings docs/benchmarks.md recommends for short-lived instances (bench.coldJvmOpts to change). */
  static final List<String> COLD_JVM_OPTS = List.of(System.getProperty("bench.coldJvmOpts",
      "-XX:TieredStopAtLevel=1 -Xms16m -Xmx192m -Xmn8m -XX:ReservedCodeCacheSize=32m -Xss512k").split(" "));

  private final Bench bench;

  Startup(Bench bench) {
    this.bench = bench;
  }

  /** Scenario 6 alone: with and without the AOT cache when one was built (bench/run aot). */
  int coldStartOnly() throws Exception {
    bench.facts();
    Supplier crews;
    try (App app = App.start(bench, 18081)) {
      crews = bench.catalogue(app, "BENCH-1");
    }
    coldStart(crews);
    bench.report.print();
    return 0;
  }

  /**
   * Process start to first 201 on an authenticated hold, median of 5: JVM; JVM + AOT cache when built; the native
   * executable when one was built (target/slotgate-*-runner, ./mvnw package -Dnative).
   */
  void coldStart(Supplier crews) throws Exception {
    coldStart(crews, Variant.JVM);
    if (Files.exists(Paths.get(AOT_CACHE))) {
      coldStart(crews, Variant.AOT);
    } else {
      bench.report.results.put("cold_start_aot_ms_median", null);
      bench.report.table.add(new String[] {"6b. cold start with the AOT cache", "not built", "(bench/run builds it when missing)",
          "", "", ""});
    }
    if (App.nativeRunner() != null) {
      coldStart(crews, Variant.NATIVE);
    } else {
      bench.report.results.put("cold_start_native_ms_median", null);
      bench.report.table.add(new String[] {"6c. cold start of the native executable", "not built",
          "(./mvnw package -Dnative, see scripts/native-toolchain.sh)", "", "", ""});
    }
  }

  /** How an instance is started for the cold start: row label, key suffix of bench/results/latest.json. */
  enum Variant {
    JVM("6", "JVM", "jvm"), AOT("6b", "JVM + AOT cache", "aot"), NATIVE("6c", "native executable", "native");

    final String row;
    final String label;
    final String key;

    Variant(String row, String label, String key) {
      this.row = row;
      this.label = label;
      this.key = key;
    }
  }

  /**
   * Serverless start: the schema is migrated already (SLOTGATE_MIGRATE_AT_START=false), process start to the first
   * 201 of an authenticated hold, 5 starts; RSS right after that first hold.
   */
  void coldStart(Supplier crews, Variant variant) throws Exception {
    List<Long> times = new ArrayList<>();
    List<Long> started = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    List<Long> listening = new ArrayList<>();
    List<Long> firstHold = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Map<String, String> env = Map.of("SLOTGATE_MIGRATE_AT_START", "false");
      try (App app = variant == Variant.NATIVE
          ? App.launch(bench, 18090 + i, () -> crews, List.of(App.nativeRunner().toString(), "-Dquarkus.http.port=" + (18090 + i)), env)
          : App.start(bench, 18090 + i, () -> crews, COLD_JVM_OPTS, variant == Variant.AOT, env)) {
        times.add(app.firstHoldMs);
        listening.add(app.listeningMs);
        firstHold.add(app.firstHoldMs - app.listeningMs);
        rss.add(app.rssMb());
        started.add(app.quarkusStartedInMs());
      }
    }
    Collections.sort(times);
    Collections.sort(started);
    Collections.sort(rss);
    Collections.sort(listening);
    Collections.sort(firstHold);
    bench.report.results.put("cold_start_" + variant.key + "_ms_median", times.get(2));
    bench.report.results.put("cold_start_" + variant.key + "_split_ms_median", Map.of(
        "process_to_listening", listening.get(2), "first_hold_request", firstHold.get(2)));
    bench.report.cpuLines.add(String.format(Locale.ROOT, "%-48s process start to port open %d ms, then the first hold %d ms (medians)",
        variant.row + ". cold start split", listening.get(2), firstHold.get(2)));
    if (variant != Variant.NATIVE) {
      bench.report.results.put("cold_start_jvm_opts", String.join(" ", COLD_JVM_OPTS) + " " + System.getProperty("bench.jvmOpts", ""));
    }
    bench.report.results.put("quarkus_started_in_" + variant.key + "_ms_median", started.get(2));
    bench.report.results.put(variant == Variant.JVM ? "rss_mb_after_start" : "rss_mb_after_start_" + variant.key, rss.get(2));
    bench.report.table.add(new String[] {variant.row + ". cold start to first authenticated hold (" + variant.label + ")",
        "median " + times.get(2) + " ms", "min " + times.getFirst() + " ms", "max " + times.getLast() + " ms",
        "RSS " + rss.get(2) + " MB", "(Quarkus 'started in' " + started.get(2) + " ms)"});
  }

  /**
   * Where start-up time goes (bench/run startup): the same jar started in variants, 3 times each, Quarkus's
   * "started in", process start to ready, classes loaded (-Xlog:class+load) and RSS.
   */
  int startupBreakdown() throws Exception {
    bench.facts();
    try (App app = App.start(bench, 18081)) {
      bench.report.results.put("startup_ms_first_boot_with_migrations", app.startedMs);
    }
    record Variant(String name, boolean aot, List<String> jvm, Map<String, String> env) {}
    List<Variant> variants = new ArrayList<>(List.of(
        new Variant("JVM, Flyway validates at start", false, List.of(), Map.of()),
        new Variant("JVM, migrations off (SLOTGATE_MIGRATE_AT_START=false)", false, List.of(),
            Map.of("SLOTGATE_MIGRATE_AT_START", "false")),
        new Variant("JVM, migrations off, C1 only (-XX:TieredStopAtLevel=1)", false, List.of("-XX:TieredStopAtLevel=1"),
            Map.of("SLOTGATE_MIGRATE_AT_START", "false"))));
    if (Files.exists(Paths.get(AOT_CACHE))) {
      variants.add(new Variant("JVM + AOT cache, migrations off", true, List.of(), Map.of("SLOTGATE_MIGRATE_AT_START", "false")));
      variants.add(new Variant("JVM + AOT cache, migrations off, C1 only", true, List.of("-XX:TieredStopAtLevel=1"),
          Map.of("SLOTGATE_MIGRATE_AT_START", "false")));
    }
    Map<String, Object> breakdown = new LinkedHashMap<>();
    for (Variant variant : variants) {
      List<Long> started = new ArrayList<>();
      List<Long> ready = new ArrayList<>();
      long classes = 0;
      long rss = 0;
      for (int i = 0; i < 3; i++) {
        Path classLog = Paths.get("bench/results/classes-" + i + ".txt");
        List<String> jvm = new ArrayList<>(variant.jvm);
        jvm.add("-Xlog:class+load:file=" + classLog);
        try (App app = App.start(bench, 18095, null, jvm, variant.aot, variant.env)) {
          ready.add(app.startedMs);
          rss = app.rssMb();
          started.add(app.quarkusStartedInMs());
        }
        try (var lines = Files.lines(classLog)) {
          classes = lines.count();
        }
        Files.deleteIfExists(classLog);
      }
      Collections.sort(started);
      Collections.sort(ready);
      breakdown.put(variant.name, Map.of("started_in_ms_median", started.get(1), "process_to_ready_ms_median",
          ready.get(1), "classes_loaded", classes, "rss_mb", rss));
      bench.report.table.add(new String[] {variant.name, "started in " + started.get(1) + " ms", "ready " + ready.get(1) + " ms",
          classes + " classes", "RSS " + rss + " MB", ""});
    }
    bench.report.results.put("startup_breakdown", breakdown);
    bench.report.print();
    return 0;
  }
}
