package io.slotgate.bench;

import static io.slotgate.bench.Bench.SECONDS;
import static io.slotgate.bench.Shell.freePort;

import io.slotgate.bench.Load.Result;
import io.slotgate.testing.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/run compare [REV] (issue 24): the hold's figures of a baseline build (REV, default the commit before issue 24:
 * two records of each change, every token checked) and of this checkout, in one run on one machine, beside
 * PostgreSQL's raw conditional insert measured in the same run. Each build runs on a PostgreSQL of its own (same
 * binaries, same settings), migrated by its own Flyway, one after the other so that neither shares the cores with the
 * other; both are warmed up until the JIT is quiet before any measured window. Prints one table (figure, before,
 * after, target) and each side's profile split; bench/results/compare.json keeps the figures.
 */
final class Compare {

  /** The JVM flags async-profiler needs to attach later; both sides get them, so they cost both the same. */
  static final List<String> PROFILABLE = List.of("-XX:+EnableDynamicAgentLoading", "-XX:+UnlockDiagnosticVMOptions",
      "-XX:+DebugNonSafepoints");

  private final Bench after;

  Compare(Bench after) {
    this.after = after;
  }

  int run(String beforeRev, String beforeJar) throws Exception {
    if (beforeJar == null || !Files.exists(Paths.get(beforeJar))) {
      throw new IllegalStateException("no baseline build at " + beforeJar + ": bench/run compare builds it");
    }
    if (!Files.exists(Profile.AGENT)) {
      throw new IllegalStateException(Profile.AGENT + " missing: bench/run compare extracts it");
    }
    after.facts();
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "slotgate-pg-" + System.getProperty("user.name"),
        "bench-before");
    Shell.deleteTree(dir);
    Map<String, Object> before;
    EmbeddedPostgres pgBefore = EmbeddedPostgres.start(dir, freePort(), true);
    try {
      before = side(new Bench(pgBefore, beforeJar), "before (" + beforeRev + ")");
    } finally {
      pgBefore.stop();
    }
    Map<String, Object> now = side(after, "after (this checkout)");
    Result raw = new SqlCost(after).rawInsert(64, SECONDS);
    before.put("holds_vs_raw_insert_percent", percent((Double) before.get("holds_64_per_s"), raw.throughput()));
    now.put("holds_vs_raw_insert_percent", percent((Double) now.get("holds_64_per_s"), raw.throughput()));

    List<String[]> rows = new ArrayList<>();
    rows.add(row("holds/s, 64 conns", before, now, "holds_64_per_s", "%.0f", ""));
    rows.add(new String[] {String.format(Locale.ROOT, "  as %% of the raw conditional insert (%.0f tx/s)",
        raw.throughput()), fmt("%.1f%%", before.get("holds_vs_raw_insert_percent")),
        fmt("%.1f%%", now.get("holds_vs_raw_insert_percent")), ">= 25%"});
    rows.add(row("app CPU per hold, ms (64 conns)", before, now, "app_cpu_ms_per_hold", "%.2f", "<= 0.5"));
    rows.add(row("PostgreSQL CPU per hold, ms", before, now, "postgres_cpu_ms_per_hold", "%.2f", "<= 0.4"));
    rows.add(new String[] {"hold p99 at 8 conns, ms, 3 runs", String.valueOf(before.get("holds_8_p99_ms")),
        String.valueOf(now.get("holds_8_p99_ms")), "<= 15 in 3 of 3"});
    rows.add(new String[] {"  their p50, ms", String.valueOf(before.get("holds_8_p50_ms")),
        String.valueOf(now.get("holds_8_p50_ms")), ""});
    rows.add(new String[] {"  their holds/s", String.valueOf(before.get("holds_8_per_s")),
        String.valueOf(now.get("holds_8_per_s")), ""});
    rows.add(row("hold p99 at 64 conns, ms", before, now, "holds_64_p99_ms", "%.1f", ""));
    rows.add(row("sweep of 100,000 lapsed holds, ms sweeping", before, now, "sweep_ms_sweeping", "%.0f", "<= 2000"));
    rows.add(row("  from their commit to all expired, ms", before, now, "sweep_ms_wall", "%.0f", ""));
    rows.add(row("availability/s, 14 days, 32 conns", before, now, "availability_per_s", "%.0f", "unchanged or better"));
    rows.add(row("  its p99, ms", before, now, "availability_p99_ms", "%.1f", ""));
    rows.add(row("profile: token check (jose4j/RSA) % of app CPU", before, now, "token_check_percent", "%.1f", ""));
    rows.add(row("profile: JIT compiler % of the window", before, now, "jit_percent", "%.1f", "(apart)"));

    System.out.println();
    System.out.printf("%-52s %-22s %-22s %s%n", "figure (bench/run compare)", "before " + beforeRev, "after",
        "target");
    System.out.println("-".repeat(120));
    rows.forEach(r -> System.out.printf("%-52s %-22s %-22s %s%n", (Object[]) r));
    System.out.println();
    System.out.println("Profile split of the app's CPU, holds at 64 conns (share of samples by library):");
    System.out.printf("%-36s %10s %10s%n", "library", "before", "after");
    @SuppressWarnings("unchecked")
    Map<String, Object> splitBefore = (Map<String, Object>) before.get("profile_split_percent");
    @SuppressWarnings("unchecked")
    Map<String, Object> splitAfter = (Map<String, Object>) now.get("profile_split_percent");
    splitAfter.keySet().forEach(library -> System.out.printf("%-36s %9s%% %9s%%%n", library,
        splitBefore.getOrDefault(library, "-"), splitAfter.get(library)));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("machine", after.report.results.get("machine"));
    out.put("raw_conditional_insert_per_s", raw.throughput());
    out.put("before", before);
    out.put("after", now);
    Files.writeString(Paths.get("bench/results/compare.json"), Report.json(out) + "\n");
    System.out.println("written: bench/results/compare.json");
    return 0;
  }

  /**
   * One build's figures: warm-up until the JIT is quiet, holds at 64 connections (throughput, CPU per hold), three
   * runs at 8 (p99), availability, a profiled hold window, then the sweep of 100,000 lapsed holds on an idle app.
   */
  private Map<String, Object> side(Bench bench, String name) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    Throughput throughput = new Throughput(bench);
    Profile profile = new Profile(bench);
    System.out.println("== " + name);
    try (App app = App.start(bench, 18081, null, PROFILABLE)) {
      profile.warmUp(app, throughput, app.process.pid(), false);
      Supplier crews = bench.catalogue(app, "BENCH-1");
      String holds64 = name + ": holds, 64 conns";
      Result holds = throughput.holds(app, crews, 64, SECONDS, holds64, true);
      figures.put("holds_64_per_s", holds.throughput());
      figures.put("holds_64_p99_ms", holds.p99());
      Map<?, ?> cpu = (Map<?, ?>) ((Map<?, ?>) bench.report.results.get(holds64)).get("cpu_ms_per_request");
      figures.put("app_cpu_ms_per_hold", ((Number) cpu.get("app")).doubleValue());
      figures.put("postgres_cpu_ms_per_hold", ((Number) cpu.get("postgres")).doubleValue());
      List<String> p99s = new ArrayList<>();
      List<String> p50s = new ArrayList<>();
      List<String> rates = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        Supplier few = bench.catalogue(app, "BENCH-1");
        Result eight = throughput.holds(app, few, 8, SECONDS, name + ": holds, 8 conns, run " + i, true);
        p99s.add(String.format(Locale.ROOT, "%.1f", eight.p99()));
        p50s.add(String.format(Locale.ROOT, "%.1f", eight.p50()));
        rates.add(String.format(Locale.ROOT, "%.0f", eight.throughput()));
      }
      figures.put("holds_8_p99_ms", String.join(" / ", p99s));
      figures.put("holds_8_p50_ms", String.join(" / ", p50s));
      figures.put("holds_8_per_s", String.join(" / ", rates));
      String search = crews.searchRequest(app, "BENCH-1").uri().toString();
      bench.load.wrkGet(app, search, "BENCH-1", 32, 2, "warm-up", false);
      Result availability = bench.load.wrkGet(app, search, "BENCH-1", 32, SECONDS, name + ": availability, 32 conns",
          true);
      figures.put("availability_per_s", availability.throughput());
      figures.put("availability_p99_ms", availability.p99());

      Supplier profiled = bench.catalogue(app, "BENCH-1");
      Path stacks = Paths.get("bench/results/profile-compare-" + (bench == after ? "after" : "before") + ".collapsed")
          .toAbsolutePath();
      String window = name + ": holds, 64 conns (profiled)";
      profile.window(app.process.pid(), stacks, window,
          () -> throughput.holds(app, profiled, 64, SECONDS, window, true));
      Map<?, ?> split = (Map<?, ?>) bench.report.results.get("profile");
      Map<?, ?> shares = (Map<?, ?>) split.get("share_percent_by_library");
      figures.put("token_check_percent", shares.get("jose4j/RSA (token check)"));
      figures.put("jit_percent", split.get("jit_compiler_percent"));
      figures.put("profile_split_percent", new LinkedHashMap<>(shares));

      throughput.sweep(app, null, name + ": sweeper expires %d lapsed holds, idle app", "sweeper");
      Map<?, ?> sweep = (Map<?, ?>) bench.report.results.get("sweeper");
      figures.put("sweep_ms_sweeping", ((Number) sweep.get("ms_sweeping")).doubleValue());
      figures.put("sweep_ms_wall", ((Number) sweep.get("ms_commit_to_all_expired")).doubleValue());
      figures.put("sweep_expired", sweep.get("expired"));
    }
    return figures;
  }

  private static String[] row(String figure, Map<String, Object> before, Map<String, Object> after, String key,
      String format, String target) {
    return new String[] {figure, fmt(format, before.get(key)), fmt(format, after.get(key)), target};
  }

  private static String fmt(String format, Object value) {
    return value instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : String.valueOf(value);
  }

  private static double percent(double part, double whole) {
    return whole <= 0 ? 0 : part * 100 / whole;
  }
}
