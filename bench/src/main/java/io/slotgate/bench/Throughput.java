package io.slotgate.bench;

import static io.slotgate.bench.Bench.SECONDS;
import static io.slotgate.bench.Bench.WARMUP;
import static io.slotgate.bench.Shell.pgbench;
import static io.slotgate.bench.Shell.run;

import io.slotgate.bench.Load.Result;
import io.slotgate.testing.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The full benchmark (scenarios 1-6, bench/run) and its parts on their own: holds, the hot window, availability,
 * the sweeper; the database's own limits and the cold start come from {@link SqlCost} and {@link Startup}.
 */
final class Throughput {

  private final Bench bench;

  Throughput(Bench bench) {
    this.bench = bench;
  }

  int all() throws Exception {
    bench.facts();
    Supplier crews;
    Supplier cold;
    try (App app = App.start(bench, 18081)) {
      bench.report.results.put("startup_ms_first_boot_with_migrations", app.startedMs);
      crews = bench.catalogue(app, "BENCH-1", "BENCH-2");
      Supplier pgbenchCrews = bench.catalogue(app, "PGBENCH");
      Supplier hot = bench.supplier(app, 2, "0", "24", 60, List.of("BENCH-1"));
      Supplier few = bench.catalogue(app, "BENCH-1");
      // The warm-up and 4b hold on catalogues of their own too: 21,000 places each, which a warm-up and scenario 1
      // together nearly fill (then blind tries miss more often, and 4b answered 409s).
      Supplier warm = bench.catalogue(app, "BENCH-1");
      Supplier during = bench.catalogue(app, "BENCH-1");
      // The cold starts hold on a catalogue of their own: the load scenarios fill the first one.
      cold = bench.catalogue(app, "BENCH-1");
      bench.report.results.put("catalogue", Map.of("crews", 50, "days", 14, "slot_minutes", 30, "slots", crews.cached.size()));

      holds(app, warm, 64, WARMUP, "warm-up", false);
      Result holds = holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      bench.report.results.put("rss_mb_after_holds", app.rssMb());
      // Latency without queueing: few connections, each waits for its answer (a catalogue of its own, so that
      // neither run finds the other's slots taken).
      holds(app, few, 8, SECONDS, "1b. holds, distinct free slots, 8 conns", true);

      hotWindow(app, hot, 20);

      HttpRequest search = crews.searchRequest(app, "BENCH-1");
      if (Load.wrk()) {
        bench.load.wrkGet(app, search.uri().toString(), "BENCH-1", 32, 2, "warm-up", false);
        bench.load.wrkGet(app, search.uri().toString(), "BENCH-1", 32, SECONDS, "3. availability, 14-day horizon, 32 conns", true);
      } else {
        bench.load.load(32, 2, worker -> search, "warm-up", false);
        bench.load.load(32, SECONDS, worker -> search, "3. availability, 14-day horizon, 32 conns", true);
      }
      new Combinations(bench).availability(app);

      sweeper(app, during);

      SqlCost database = new SqlCost(bench);
      Result pgbench = database.pgbench(pgbenchCrews, 64, SECONDS);
      double ratio = holds.throughput() / pgbench.throughput();
      bench.report.results.put("hold_throughput_vs_pgbench", ratio);
      bench.report.table.add(new String[] {"5. app holds / pgbench", String.format(Locale.ROOT, "%.0f%%", ratio * 100), "", "", "", ""});
      Result raw = database.rawInsert(64, SECONDS);
      double rawRatio = holds.throughput() / raw.throughput();
      bench.report.results.put("hold_throughput_vs_raw_insert", rawRatio);
      bench.report.table.add(new String[] {"5c. app holds / raw conditional insert", String.format(Locale.ROOT, "%.1f%%", rawRatio * 100),
          "", "", "", "(target >= 25%)"});
    }
    new Startup(bench).coldStart(cold);
    bench.report.print();
    return 0;
  }

  /** Scenarios 1 and 1b alone, for profiling the hold path (BENCH_JFR=true bench/run holds). */
  int holdsOnly() throws Exception {
    bench.facts();
    try (App app = App.start(bench, 18081)) {
      Supplier warm = bench.catalogue(app, "BENCH-1");
      Supplier crews = bench.catalogue(app, "BENCH-1");
      Supplier few = bench.catalogue(app, "BENCH-1");
      holds(app, warm, 64, WARMUP, "warm-up", false);
      holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      holds(app, few, 8, SECONDS, "1b. holds, distinct free slots, 8 conns", true);
    }
    bench.report.print();
    return 0;
  }

  /** Holds of BENCH-1 on the catalogue's slots, one after another, with wrk (or the JVM client without it). */
  Result holds(App app, Supplier catalogue, int connections, int seconds, String name, boolean recorded) throws Exception {
    if (Load.wrk()) {
      return bench.load.wrkHolds(app, catalogue, "BENCH-1", connections, seconds, name, recorded);
    }
    AtomicLong next = new AtomicLong();
    return bench.load.load(connections, seconds, worker -> catalogue.holdRequest(app, "BENCH-1",
        catalogue.cached.get((int) (next.getAndIncrement() % catalogue.cached.size()))), name, recorded);
  }

  /** 200 concurrent holds of one capacity-2 window, repeated: winners per round must be exactly 2. */
  void hotWindow(App app, Supplier hot, int rounds) throws Exception {
    List<String[]> slots = hot.cached;
    List<Long> times = new ArrayList<>();
    boolean exact = true;
    for (int round = 0; round < rounds; round++) {
      String[] slot = slots.get(round);
      AtomicLong winners = new AtomicLong();
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 200; i++) {
          pool.submit(() -> {
            if (hot.hold(app, "BENCH-1", slot).statusCode() == 201) {
              winners.incrementAndGet();
            }
            return null;
          });
        }
      }
      times.add((System.nanoTime() - start) / 1_000_000);
      exact &= winners.get() == 2;
    }
    Collections.sort(times);
    bench.report.results.put("hot_window", Map.of("rounds", rounds, "exactly_two_winners_every_round", exact,
        "round_ms_median", times.get(times.size() / 2), "round_ms_max", times.getLast()));
    bench.report.table.add(new String[] {"2. hot window, 200 holds on capacity 2", rounds + " rounds",
        "median " + times.get(times.size() / 2) + " ms/round", "max " + times.getLast() + " ms", "",
        exact ? "2 winners every round" : "WRONG winner count"});
  }

  /**
   * 100,000 lapsed holds inserted by SQL; time until the sweeper expired them, first on an idle app, then
   * again while 64 connections place holds (their throughput and p99 meanwhile).
   */
  void sweeper(App app, Supplier crews) throws Exception {
    sweep(app, null, "4. sweeper expires %d lapsed holds, idle app", "sweeper");
    sweep(app, () -> holds(app, crews, 64, 5, "4b. holds while sweeping, 64 conns", true),
        "4a. the same while holds run (4b)", "sweeper_under_holds");
  }

  void sweep(App app, java.util.concurrent.Callable<?> meanwhile, String label, String key) throws Exception {
    int lapsed = Integer.getInteger("bench.lapsed", 100_000);
    String tenant = "BENCH-LAPSED-" + key;
    // Claims carry their owner since V18; a baseline build's schema (bench/run compare) may predate it.
    boolean owned = "1".equals(bench.sql("SELECT count(*) FROM information_schema.columns "
        + "WHERE table_name = 'slot_claim' AND column_name = 'owner'"));
    Path script = Files.createTempFile("lapsed", ".sql");
    Files.writeString(script, """
        BEGIN;
        INSERT INTO appointment (id, tenant, owner, channel, supplier_reference, start_at, end_at, status, expires_at,
          created_at, created_by, created_by_type, created_from, updated_at, updated_by, updated_by_type, updated_from)
        SELECT gen_random_uuid(), '%2$s', '%2$s', 'WHOLESALE', '%2$s-' || g, now() + interval '60 days' + g * interval '1 minute',
          now() + interval '60 days' + (g + 1) * interval '1 minute', 'RESERVED', now() - interval '1 second',
          now(), 'bench', 'OTHER', 'OTHER', now(), 'bench', 'OTHER', 'OTHER'
        FROM generate_series(1, %1$d) g;
        INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at%3$s)
        SELECT id, gen_random_uuid(), tstzrange(start_at, end_at), expires_at%3$s FROM appointment WHERE tenant = '%2$s';
        COMMIT;
        """.formatted(lapsed, tenant, owned ? ", owner" : ""));
    double before = app.metric("slotgate_holds_expired_total");
    double sweptBefore = app.metric("slotgate_sweep_duration_seconds_sum");
    run(List.of(pgbench(), "-h", "127.0.0.1", "-p", String.valueOf(bench.pg.port()), "-U", "postgres", "-n", "-t", "1",
        "-f", script.toString(), EmbeddedPostgres.DATABASE));
    long start = System.nanoTime();
    Thread holdsMeanwhile = meanwhile == null ? null : Thread.ofVirtual().start(() -> {
      try {
        meanwhile.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (app.metric("slotgate_holds_expired_total") - before < lapsed && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (holdsMeanwhile != null) {
      holdsMeanwhile.join();
    }
    double done = app.metric("slotgate_holds_expired_total") - before;
    long work = Math.round((app.metric("slotgate_sweep_duration_seconds_sum") - sweptBefore) * 1000);
    bench.report.results.put(key, Map.of("lapsed_holds", lapsed, "expired", done, "ms_commit_to_all_expired", ms,
        "ms_sweeping", work, "sweep_interval_s", 1, "holds_meanwhile", meanwhile != null));
    bench.report.table.add(new String[] {label.formatted(lapsed), String.format(Locale.ROOT, "%.0f expired", done),
        ms + " ms wall", work + " ms sweeping", "(interval 1 s)",
        done < lapsed ? "INCOMPLETE within 120 s" : meanwhile == null ? "(target <= 3 s sweeping)" : ""});
  }

  /** Scenario 4 alone: the sweeper on an idle app, then under holds. */
  int sweepOnly() throws Exception {
    bench.facts();
    try (App app = App.start(bench, 18081)) {
      Supplier crews = bench.catalogue(app, "BENCH-1");
      // As in the full run: the tables hold the live holds of a load first.
      holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      Supplier during = bench.catalogue(app, "BENCH-1");
      sweeper(app, during);
    }
    bench.report.print();
    return 0;
  }
}
