package io.slotgate.bench;

import io.slotgate.testing.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts PostgreSQL and the packaged app (JVM) itself, loads a catalogue through the admin API, drives
 * load over real HTTP and prints a table (and bench/results/latest.json). JDK only, run by bench/run:
 *
 * <pre>
 *   java src/test/java/io/slotgate/bench/Bench.java race      # two instances, one database: exactly 2 winners
 *   java src/test/java/io/slotgate/bench/Bench.java all       # the full benchmark
 * </pre>
 */
public final class Bench {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern SLOT = Pattern.compile(
      "\"timeslotStartDateTime\":\"([^\"]+)\",\"timeslotEndDateTime\":\"([^\"]+)\"");
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
  static final String JAR = "target/quarkus-app/quarkus-run.jar";
  static final String AOT_CACHE = "target/quarkus-app/app.aot";
  /** The serverless JVM settings the README recommends for short-lived instances (bench.coldJvmOpts to change). */
  static final List<String> COLD_JVM_OPTS = List.of(System.getProperty("bench.coldJvmOpts",
      "-XX:TieredStopAtLevel=1 -Xms16m -Xmx192m -Xmn8m -XX:ReservedCodeCacheSize=32m -Xss512k").split(" "));
  static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  /** Hold load before the measured hold runs: long enough for the JIT to settle (with 3 s, runs varied 480-940/s). */
  static final int WARMUP = Integer.getInteger("bench.warmup", 10);

  final EmbeddedPostgres pg;
  final PrivateKey key;
  final String publicKey;
  final Map<String, Object> results = new LinkedHashMap<>();
  final List<String[]> table = new ArrayList<>();
  final List<String> cpuLines = new ArrayList<>();

  Bench(EmbeddedPostgres pg) throws Exception {
    this.pg = pg;
    String pem = Files.readString(Paths.get("dev/dev-signing-key.pem"));
    this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
        Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    this.publicKey = Files.readString(Paths.get("dev/dev-signing-key.pub.pem"))
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "all";
    Files.createDirectories(Paths.get("bench/results"));
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "slotgate-pg-" + System.getProperty("user.name"), "bench");
    deleteTree(dir);
    EmbeddedPostgres pg = EmbeddedPostgres.start(dir, freePort(), true);
    int status;
    try {
      Bench bench = new Bench(pg);
      if (System.getenv("BENCH_PG_LOG_MS") != null) {
        // Statements slower than this, their plans (auto_explain, loaded into each new session: the app's connections
        // open after this) and autovacuum runs land in the database's log (bench/run's PostgreSQL directory).
        int ms = Integer.parseInt(System.getenv("BENCH_PG_LOG_MS"));
        Files.writeString(dir.resolve("data/postgresql.conf"), "\nlog_min_duration_statement = " + ms
            + "\nlog_autovacuum_min_duration = " + ms + "\nsession_preload_libraries = 'auto_explain'"
            + "\nauto_explain.log_min_duration = " + ms + "\n", StandardOpenOption.APPEND);
        bench.sql("SELECT pg_reload_conf()");
      }
      status = switch (mode) {
        case "race" -> bench.race(Integer.getInteger("bench.rounds", 5));
        case "race-remote" -> bench.raceRemote(Integer.getInteger("bench.rounds", 3));
        case "holds" -> bench.holdsOnly();
        case "sweep" -> bench.sweepOnly();
        case "coldstart" -> bench.coldStartOnly();
        case "startup" -> bench.startupBreakdown();
        case "sql" -> bench.sqlBreakdown();
        case "db-stall" -> Faults.dbStall(bench);
        case "remote-chaos" -> Faults.remoteChaos(bench);
        case "events" -> Events.run(bench);
        case "hub-faults" -> HubFaults.run(bench);
        default -> bench.all();
      };
    } finally {
      pg.stop();
    }
    System.exit(status);
  }

  // ---------------------------------------------------------------- scenarios

  /** Two instances on one database: 50 concurrent holds of a capacity-2 window, per round. */
  int race(int rounds) throws Exception {
    try (App a = App.start(this, 18081); App b = App.start(this, 18082)) {
      Supplier supplier = supplier(a, 2, "0", "24", 60, List.of("RACE-1", "RACE-2", "RACE-3"));
      List<String[]> slots = supplier.cached;
      boolean ok = true;
      for (int round = 0; round < rounds; round++) {
        String[] slot = slots.get(round);
        Map<Integer, Integer> outcomes = burst(supplier, slot, List.of(a, b), List.of("RACE-1", "RACE-2", "RACE-3"));
        String rows = sql("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
            + "WHERE a.supplier_id = '" + supplier.id + "' AND NOT c.released AND lower(c.during) = '" + slot[0] + "'");
        boolean good = outcomes.equals(Map.of(201, 2, 409, 48)) && (rows == null || rows.equals("2"));
        ok &= good;
        System.out.printf("race round %d: %s, occupying rows in the database: %s -> %s%n", round + 1, outcomes,
            rows == null ? "(psql not found)" : rows, good ? "ok" : "WRONG");
      }
      System.out.println(ok ? "race: exactly 2 winners in every round, across two instances" : "race: FAILED");
      return ok ? 0 : 1;
    }
  }

  /**
   * Issue 6: two gateway instances whose supplier is a third instance reached over HTTP (adapter
   * "http", tokens by client credentials from a token endpoint served here): 50 concurrent holds of
   * a capacity-2 window through both gateways give exactly two winners end to end.
   */
  int raceRemote(int rounds) throws Exception {
    com.sun.net.httpserver.HttpServer tokens = tokenServer("RACE-SUPPLIER");
    List<String> gateway = gatewayOptions(tokens);
    try (App supplierApp = App.start(this, 18081); App b = App.start(this, 18082, null, gateway);
        App c = App.start(this, 18083, null, gateway)) {
      Supplier calendar = supplier(supplierApp, 2, "0", "24", 60, List.of("RACE-SUPPLIER"));
      post(b, "GW-OWNER", "/admin/v1/suppliers", "{\"id\":\"up\",\"adapter\":\"http\"}");
      for (String tenant : List.of("GW-1", "GW-2")) {
        post(b, "GW-OWNER", "/admin/v1/suppliers/up/grants", "{\"tenant\":\"" + tenant
            + "\",\"serviceSpecifications\":[\"" + calendar.spec + "\"]}");
        route(b, tenant, "GW-OWNER", "up", calendar.spec);
      }
      Supplier through = new Supplier("up", calendar.spec, null);
      List<String[]> slots = through.slots(b, "GW-1");
      boolean ok = true;
      for (int round = 0; round < rounds; round++) {
        String[] slot = slots.get(round);
        Map<Integer, Integer> outcomes = burst(through, slot, List.of(b, c), List.of("GW-1", "GW-2"));
        String atSupplier = sql("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
            + "WHERE a.supplier_id = '" + calendar.id + "' AND NOT c.released AND lower(c.during) = '" + slot[0] + "'");
        String atGateways = sql("SELECT count(*) FROM appointment WHERE supplier_id = 'up' AND start_at = '" + slot[0] + "'");
        boolean good = outcomes.equals(Map.of(201, 2, 409, 48)) && (atSupplier == null || atSupplier.equals("2"))
            && (atGateways == null || atGateways.equals("2"));
        ok &= good;
        System.out.printf("remote race round %d: %s; holds at the supplier: %s, at the gateways: %s -> %s%n", round + 1,
            outcomes, atSupplier, atGateways, good ? "ok" : "WRONG");
      }
      System.out.println(ok ? "remote race: exactly 2 winners end to end in every round, through two gateways"
          : "remote race: FAILED");
      return ok ? 0 : 1;
    } finally {
      tokens.stop(0);
    }
  }

  /** A client-credentials token endpoint whose tokens act for {@code tenant} at a supplier instance. */
  com.sun.net.httpserver.HttpServer tokenServer(String tenant) throws IOException {
    com.sun.net.httpserver.HttpServer tokens = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    tokens.createContext("/token", exchange -> {
      byte[] body = ("{\"access_token\":\"" + token(tenant, "appointments")
          + "\",\"token_type\":\"Bearer\",\"expires_in\":3000}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    tokens.start();
    return tokens;
  }

  /** JVM options of a gateway instance whose supplier "up" is the instance on port 18081. */
  List<String> gatewayOptions(com.sun.net.httpserver.HttpServer tokens) {
    return List.of("-Dslotgate.remote-suppliers.up.url=http://127.0.0.1:18081",
        "-Dslotgate.remote-suppliers.up.tenant=RACE-SUPPLIER", "-Dslotgate.remote-suppliers.up.oidc-client=up",
        "-Dquarkus.oidc-client.up.auth-server-url=http://127.0.0.1:" + tokens.getAddress().getPort(),
        "-Dquarkus.oidc-client.up.discovery-enabled=false", "-Dquarkus.oidc-client.up.token-path=/token",
        "-Dquarkus.oidc-client.up.client-id=gateway", "-Dquarkus.oidc-client.up.credentials.secret=secret");
  }

  /** 50 holds of one slot at once, spread over the apps and tenants: status code -> count. */
  static Map<Integer, Integer> burst(Supplier supplier, String[] slot, List<App> apps, List<String> tenants) {
    Map<Integer, Integer> outcomes = new ConcurrentHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        App app = apps.get(i % apps.size());
        String tenant = tenants.get(i % tenants.size());
        pool.submit(() -> outcomes.merge(supplier.hold(app, tenant, slot).statusCode(), 1, Integer::sum));
      }
    }
    return outcomes;
  }

  int all() throws Exception {
    facts();
    Supplier crews;
    Supplier cold;
    try (App app = App.start(this, 18081)) {
      results.put("startup_ms_first_boot_with_migrations", app.startedMs);
      crews = supplier(app, 50, "07", "22", 30, List.of("BENCH-1", "BENCH-2"));
      Supplier pgbenchCrews = supplier(app, 50, "07", "22", 30, List.of("PGBENCH"));
      Supplier hot = supplier(app, 2, "0", "24", 60, List.of("BENCH-1"));
      Supplier few = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      // The warm-up and 4b hold on catalogues of their own too: 21,000 places each, which a warm-up and scenario 1
      // together nearly fill (then blind tries miss more often, and 4b answered 409s).
      Supplier warm = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      Supplier during = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      // The cold starts hold on a catalogue of their own: the load scenarios fill the first one.
      cold = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      results.put("catalogue", Map.of("crews", 50, "days", 14, "slot_minutes", 30, "slots", crews.cached.size()));

      holds(app, warm, 64, WARMUP, "warm-up", false);
      Result holds = holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      results.put("rss_mb_after_holds", app.rssMb());
      // Latency without queueing: few connections, each waits for its answer (a catalogue of its own, so that
      // neither run finds the other's slots taken).
      holds(app, few, 8, SECONDS, "1b. holds, distinct free slots, 8 conns", true);

      hotWindow(app, hot, 20);

      HttpRequest search = crews.searchRequest(app, "BENCH-1");
      if (wrk()) {
        wrkGet(app, search.uri().toString(), "BENCH-1", 32, 2, "warm-up", false);
        wrkGet(app, search.uri().toString(), "BENCH-1", 32, SECONDS, "3. availability, 14-day horizon, 32 conns", true);
      } else {
        load(32, 2, worker -> search, "warm-up", false);
        load(32, SECONDS, worker -> search, "3. availability, 14-day horizon, 32 conns", true);
      }

      sweeper(app, during);

      Result database = pgbench(pgbenchCrews, 64, SECONDS);
      double ratio = holds.throughput / database.throughput;
      results.put("hold_throughput_vs_pgbench", ratio);
      table.add(new String[] {"5. app holds / pgbench", String.format(Locale.ROOT, "%.0f%%", ratio * 100), "", "", "", ""});
      Result raw = rawInsert(64, SECONDS);
      double rawRatio = holds.throughput / raw.throughput;
      results.put("hold_throughput_vs_raw_insert", rawRatio);
      table.add(new String[] {"5c. app holds / raw conditional insert", String.format(Locale.ROOT, "%.1f%%", rawRatio * 100),
          "", "", "", "(target >= 25%)"});
    }
    coldStart(cold);
    print();
    return 0;
  }

  /** Scenarios 1 and 1b alone, for profiling the hold path (BENCH_JFR=true bench/run holds). */
  int holdsOnly() throws Exception {
    facts();
    try (App app = App.start(this, 18081)) {
      Supplier warm = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      Supplier crews = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      Supplier few = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      holds(app, warm, 64, WARMUP, "warm-up", false);
      holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      holds(app, few, 8, SECONDS, "1b. holds, distinct free slots, 8 conns", true);
    }
    print();
    return 0;
  }

  /** Holds of BENCH-1 on the catalogue's slots, one after another, with wrk (or the JVM client without it). */
  Result holds(App app, Supplier catalogue, int connections, int seconds, String name, boolean report) throws Exception {
    if (wrk()) {
      return wrkHolds(app, catalogue, "BENCH-1", connections, seconds, name, report);
    }
    AtomicLong next = new AtomicLong();
    return load(connections, seconds, worker -> catalogue.holdRequest(app, "BENCH-1",
        catalogue.cached.get((int) (next.getAndIncrement() % catalogue.cached.size()))), name, report);
  }

  /** Scenario 6 alone: with and without the AOT cache when one was built (bench/run aot). */
  int coldStartOnly() throws Exception {
    facts();
    Supplier crews;
    try (App app = App.start(this, 18081)) {
      crews = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
    }
    coldStart(crews);
    print();
    return 0;
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
    results.put("hot_window", Map.of("rounds", rounds, "exactly_two_winners_every_round", exact,
        "round_ms_median", times.get(times.size() / 2), "round_ms_max", times.getLast()));
    table.add(new String[] {"2. hot window, 200 holds on capacity 2", rounds + " rounds",
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
    Path script = Files.createTempFile("lapsed", ".sql");
    Files.writeString(script, """
        BEGIN;
        INSERT INTO appointment (id, tenant, owner, channel, supplier_reference, start_at, end_at, status, expires_at,
          created_at, created_by, created_by_type, created_from, updated_at, updated_by, updated_by_type, updated_from)
        SELECT gen_random_uuid(), '%2$s', '%2$s', 'WHOLESALE', '%2$s-' || g, now() + interval '60 days' + g * interval '1 minute',
          now() + interval '60 days' + (g + 1) * interval '1 minute', 'RESERVED', now() - interval '1 second',
          now(), 'bench', 'OTHER', 'OTHER', now(), 'bench', 'OTHER', 'OTHER'
        FROM generate_series(1, %1$d) g;
        INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at)
        SELECT id, gen_random_uuid(), tstzrange(start_at, end_at), expires_at FROM appointment WHERE tenant = '%2$s';
        COMMIT;
        """.formatted(lapsed, tenant));
    double before = app.metric("slotgate_holds_expired_total");
    double sweptBefore = app.metric("slotgate_sweep_duration_seconds_sum");
    run(List.of(pgbench(), "-h", "127.0.0.1", "-p", String.valueOf(pg.port()), "-U", "postgres", "-n", "-t", "1",
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
    results.put(key, Map.of("lapsed_holds", lapsed, "expired", done, "ms_commit_to_all_expired", ms,
        "ms_sweeping", work, "sweep_interval_s", 1, "holds_meanwhile", meanwhile != null));
    table.add(new String[] {label.formatted(lapsed), String.format(Locale.ROOT, "%.0f expired", done),
        ms + " ms wall", work + " ms sweeping", "(interval 1 s)",
        done < lapsed ? "INCOMPLETE within 120 s" : meanwhile == null ? "(target <= 3 s sweeping)" : ""});
  }

  /** Scenario 4 alone: the sweeper on an idle app, then under holds. */
  int sweepOnly() throws Exception {
    facts();
    try (App app = App.start(this, 18081)) {
      Supplier crews = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      // As in the full run: the tables hold the live holds of a load first.
      holds(app, crews, 64, SECONDS, "1. holds, distinct free slots, 64 conns", true);
      Supplier during = supplier(app, 50, "07", "22", 30, List.of("BENCH-1"));
      sweeper(app, during);
    }
    print();
    return 0;
  }

  /**
   * The database's own limit: pgbench running the app's hold statements (the appointment with its history and
   * event, then the blind try for one random crew, in a transaction), same concurrency, same machine.
   */
  Result pgbench(Supplier crews, int clients, int seconds) throws Exception {
    String pool = sql("SELECT string_agg(id::text, ',') FROM resource WHERE branch_id = '" + crews.branch + "'");
    Path script = Files.createTempFile("hold", ".sql");
    Files.writeString(script, """
        \\set k random(1, 2000000000)
        \\set day random(1, 14)
        \\set half random(0, 29)
        BEGIN;
        WITH created AS (
          INSERT INTO appointment (id, tenant, owner, channel, external_id, request_hash, supplier_id, supplier_reference,
            start_at, end_at, status, expires_at, reservations, created_at, created_by, created_by_type, created_from,
            updated_at, updated_by, updated_by_type, updated_from)
          VALUES (gen_random_uuid(), 'PGBENCH', 'PGBENCH', 'WHOLESALE', :k || '-' || pg_backend_pid() || '-' || clock_timestamp(), 'h', 'pgbench',
            'PGB-' || gen_random_uuid(),
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours' + :half * interval '30 minutes',
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours 30 minutes' + :half * interval '30 minutes',
            'RESERVED', now() + interval '15 minutes', 1, now(), 'bench', 'OTHER', 'OTHER', now(), 'bench', 'OTHER', 'OTHER')
          ON CONFLICT (tenant, channel, external_id) WHERE external_id IS NOT NULL DO NOTHING
          RETURNING id, tenant, start_at, end_at, expires_at, created_at
        ), history AS (
          INSERT INTO appointment_history (appointment_id, at, actor, actor_type, face, action, from_status, to_status)
          SELECT id, created_at, 'bench', 'OTHER', 'OTHER', 'hold', NULL, 'RESERVED' FROM created
        ), event AS (
          INSERT INTO outbox (appointment_id, tenant, type, payload, created_at)
          SELECT id, tenant, 'appointment.status-changed', jsonb_build_object('id', id, 'to', 'RESERVED'), created_at FROM created
        ), free AS (
          SELECT r.id FROM unnest('{%s}'::uuid[]) AS r(id) ORDER BY random() LIMIT 1
        )
        INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at)
        SELECT created.id, free.id, tstzrange(created.start_at, created.end_at, '[)'), created.expires_at FROM created, free
        ON CONFLICT DO NOTHING;
        COMMIT;
        """.formatted(pool));
    Pgbench run = pgbenchRun(script, clients, seconds, "5. pgbench, the hold's statements");
    results.put("pgbench_same_hold_statements_64_clients", run.json());
    table.add(run.row("5. pgbench, the hold's statements (blind try), 64 clients"));
    return new Result(run.tps(), run.avgMs(), Double.NaN, 0, 0);
  }

  /**
   * Where the hold's database time goes (bench/run sql): pgbench at 64 clients on parts of the hold statement, from
   * the raw anchor up to the whole statement, so a redesign can be judged by numbers first.
   */
  int sqlBreakdown() throws Exception {
    facts();
    try (App app = App.start(this, 18081)) {
      Supplier crews = supplier(app, 50, "07", "22", 30, List.of("PGBENCH"));
      String pool = sql("SELECT string_agg(id::text, ',') FROM resource WHERE branch_id = '" + crews.branch + "'");
      String appointment = """
          INSERT INTO appointment (id, tenant, owner, channel, external_id, request_hash, supplier_id, supplier_reference,
            start_at, end_at, status, expires_at, reservations, created_at, created_by, created_by_type, created_from,
            updated_at, updated_by, updated_by_type, updated_from)
          VALUES (gen_random_uuid(), 'PGBENCH', 'PGBENCH', 'WHOLESALE', :k || '-' || pg_backend_pid() || '-' || clock_timestamp(),
            'h', 'pgbench', 'PGB-' || gen_random_uuid(),
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours' + :half * interval '30 minutes',
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours 30 minutes' + :half * interval '30 minutes',
            'RESERVED', now() + interval '15 minutes', 1, now(), 'bench', 'OTHER', 'OTHER', now(), 'bench', 'OTHER', 'OTHER')
          ON CONFLICT (tenant, channel, external_id) WHERE external_id IS NOT NULL DO NOTHING
          RETURNING id, tenant, start_at, end_at, expires_at, created_at""";
      String vars = "\\set k random(1, 2000000000)\n\\set day random(1, 14)\n\\set half random(0, 29)\n"
          + "\\set crew random(1, 50)\n";
      Map<String, String> variants = new LinkedHashMap<>();
      variants.put("a. appointment row alone (5 indexes)", vars + appointment + ";\n");
      variants.put("b. + history and outbox rows (one statement)", vars + "WITH created AS (" + appointment + """
          ), history AS (
            INSERT INTO appointment_history (appointment_id, at, actor, actor_type, face, action, from_status, to_status)
            SELECT id, created_at, 'bench', 'OTHER', 'OTHER', 'hold', NULL, 'RESERVED' FROM created
          ) INSERT INTO outbox (appointment_id, tenant, type, payload, created_at)
            SELECT id, tenant, 'appointment.status-changed', jsonb_build_object('id', id, 'to', 'RESERVED'), created_at FROM created;
          """);
      variants.put("c. + claim of one chosen crew, no probe (ON CONFLICT DO NOTHING)", vars + "WITH created AS ("
          + appointment + """
          ) INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at)
            SELECT created.id, ('{%s}'::uuid[])[:crew], tstzrange(created.start_at, created.end_at, '[)'), created.expires_at
            FROM created ON CONFLICT DO NOTHING;
          """.formatted(pool));
      variants.put("d. + claim probing all 50 crews with NOT EXISTS (now only on a shortfall)", vars + "WITH created AS ("
          + appointment + """
          ), free AS (
            SELECT r.id FROM unnest('{%s}'::uuid[]) AS r(id), created
            WHERE NOT EXISTS (SELECT 1 FROM slot_claim c WHERE c.resource_id = r.id AND NOT c.released
              AND c.during && tstzrange(created.start_at, created.end_at, '[)') AND (c.expires_at IS NULL OR c.expires_at > now()))
            ORDER BY random() LIMIT 1
          ) INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at)
            SELECT created.id, free.id, tstzrange(created.start_at, created.end_at, '[)'), created.expires_at FROM created, free
            ON CONFLICT DO NOTHING;
          """.formatted(pool));
      rawInsert(64, SECONDS);
      Map<String, Object> breakdown = new LinkedHashMap<>();
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        Path script = Files.createTempFile("part", ".sql");
        Files.writeString(script, variant.getValue());
        Pgbench run = pgbenchRun(script, 64, SECONDS, variant.getKey().substring(0, 2) + " (pgbench)");
        breakdown.put(variant.getKey(), run.json());
        table.add(run.row(variant.getKey()));
      }
      results.put("hold_sql_breakdown_64_clients", breakdown);
    }
    print();
    return 0;
  }

  /**
   * pgbench on {@code script}, its CPU per transaction noted under {@code name}; answers its figures. The CPU
   * is sampled inside the run (from its second second to one second before its end), while pgbench's backends are
   * alive: a process that has ended no longer shows in /proc.
   */
  Pgbench pgbenchRun(Path script, int clients, int seconds, String name) throws Exception {
    Path output = Files.createTempFile("pgbench", ".out");
    Process process = new ProcessBuilder(pgbench(), "-h", "127.0.0.1", "-p", String.valueOf(pg.port()), "-U",
        "postgres", "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f",
        script.toString(), EmbeddedPostgres.DATABASE).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    Thread.sleep(1000);
    long[] before = CpuSplit.sample(0);
    long windowStart = System.nanoTime();
    Thread.sleep(Math.max(1, seconds - 2) * 1000L);
    long[] after = CpuSplit.sample(0);
    double window = (System.nanoTime() - windowStart) / 1e9;
    if (process.waitFor() != 0) {
      throw new IllegalStateException("pgbench failed: " + Files.readString(output));
    }
    String out = Files.readString(output);
    double tps = Double.parseDouble(find(out, "tps = ([0-9.]+)"));
    CpuSplit cpu = CpuSplit.between(before, after, Math.round(tps * window));
    cpuLines.add(String.format(Locale.ROOT, "%-48s PostgreSQL %.2f ms, rest (pgbench, kernel) %.2f ms; idle %.0f%%",
        name, cpu.postgresMs(), cpu.restMs(), cpu.idleShare() * 100));
    return new Pgbench(tps, Double.parseDouble(find(out, "latency average = ([0-9.]+) ms")));
  }

  /** What a pgbench run reports: transactions per second and their average latency. */
  record Pgbench(double tps, double avgMs) {
    Map<String, Object> json() {
      return Map.of("tps", tps, "latency_avg_ms", avgMs);
    }

    String[] row(String label) {
      return new String[] {label, String.format(Locale.ROOT, "%.0f tx/s", tps),
          String.format(Locale.ROOT, "avg %.1f ms", avgMs), "", "", ""};
    }
  }

  /**
   * The physical anchor: PostgreSQL alone committing the smallest conditional insert a hold needs, one row into a
   * table with the same exclusion constraint as slot_claim, at the same concurrency, on the same machine.
   */
  Result rawInsert(int clients, int seconds) throws Exception {
    sql("CREATE EXTENSION IF NOT EXISTS btree_gist; DROP TABLE IF EXISTS anchor_claim; "
        + "CREATE TABLE anchor_claim (resource_id uuid NOT NULL, during tstzrange NOT NULL, "
        + "EXCLUDE USING gist (resource_id WITH =, during WITH &&))");
    Path script = Files.createTempFile("anchor", ".sql");
    Files.writeString(script, """
        \\set r random(1, 50)
        \\set slot random(1, 100000000)
        INSERT INTO anchor_claim VALUES (('00000000-0000-4000-8000-' || lpad(:r::text, 12, '0'))::uuid,
          tstzrange(now() + :slot * interval '30 minutes', now() + :slot * interval '30 minutes' + interval '30 minutes'))
          ON CONFLICT DO NOTHING;
        """);
    Pgbench run = pgbenchRun(script, clients, seconds, "5b. raw conditional insert (pgbench)");
    results.put("raw_conditional_insert_64_clients", run.json());
    table.add(run.row("5b. raw conditional insert (pgbench, 1 row, GiST exclusion), 64 clients"));
    return new Result(run.tps(), run.avgMs(), Double.NaN, 0, 0);
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
      results.put("cold_start_aot_ms_median", null);
      table.add(new String[] {"6b. cold start with the AOT cache", "not built", "(bench/run builds it when missing)",
          "", "", ""});
    }
    if (nativeRunner() != null) {
      coldStart(crews, Variant.NATIVE);
    } else {
      results.put("cold_start_native_ms_median", null);
      table.add(new String[] {"6c. cold start of the native executable", "not built",
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

  /** The native executable ./mvnw package -Dnative leaves in target/, or null. */
  static Path nativeRunner() throws IOException {
    try (var files = Files.list(Paths.get("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("slotgate-.*-runner") && Files.isExecutable(f))
          .findFirst().orElse(null);
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
          ? App.launch(this, 18090 + i, () -> crews, List.of(nativeRunner().toString(), "-Dquarkus.http.port=" + (18090 + i)), env)
          : App.start(this, 18090 + i, () -> crews, COLD_JVM_OPTS, variant == Variant.AOT, env)) {
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
    results.put("cold_start_" + variant.key + "_ms_median", times.get(2));
    results.put("cold_start_" + variant.key + "_split_ms_median", Map.of(
        "process_to_listening", listening.get(2), "first_hold_request", firstHold.get(2)));
    cpuLines.add(String.format(Locale.ROOT, "%-48s process start to port open %d ms, then the first hold %d ms (medians)",
        variant.row + ". cold start split", listening.get(2), firstHold.get(2)));
    if (variant != Variant.NATIVE) {
      results.put("cold_start_jvm_opts", String.join(" ", COLD_JVM_OPTS) + " " + System.getProperty("bench.jvmOpts", ""));
    }
    results.put("quarkus_started_in_" + variant.key + "_ms_median", started.get(2));
    results.put(variant == Variant.JVM ? "rss_mb_after_start" : "rss_mb_after_start_" + variant.key, rss.get(2));
    table.add(new String[] {variant.row + ". cold start to first authenticated hold (" + variant.label + ")",
        "median " + times.get(2) + " ms", "min " + times.getFirst() + " ms", "max " + times.getLast() + " ms",
        "RSS " + rss.get(2) + " MB", "(Quarkus 'started in' " + started.get(2) + " ms)"});
  }

  /**
   * Where start-up time goes (bench/run startup): the same jar started in variants, 3 times each, Quarkus's
   * "started in", process start to ready, classes loaded (-Xlog:class+load) and RSS.
   */
  int startupBreakdown() throws Exception {
    facts();
    try (App app = App.start(this, 18081)) {
      results.put("startup_ms_first_boot_with_migrations", app.startedMs);
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
        try (App app = App.start(this, 18095, null, jvm, variant.aot, variant.env)) {
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
      table.add(new String[] {variant.name, "started in " + started.get(1) + " ms", "ready " + ready.get(1) + " ms",
          classes + " classes", "RSS " + rss + " MB", ""});
    }
    results.put("startup_breakdown", breakdown);
    print();
    return 0;
  }

  // ---------------------------------------------------------------- load generator

  /** wrk (C, Lua script bench/wrk/slotgate.lua) when installed: far lighter than a JVM client. */
  static boolean wrk() {
    return which("wrk") != null && !Boolean.getBoolean("bench.javaClient");
  }

  Result wrkHolds(App app, Supplier supplier, String tenant, int connections, int seconds, String name, boolean report)
      throws Exception {
    Path file = Files.createTempFile("slots", ".txt");
    Files.write(file, supplier.cached.stream().map(slot -> slot[0] + " " + slot[1]).toList());
    return wrk(app, app.base + "/WholesaleGateway/v1.0/gateway/appointments", connections, seconds, name, report,
        List.of("hold", token(tenant, "appointments"), tenant, supplier.spec, file.toString(),
            String.valueOf(IDS.addAndGet(1_000_000_000L))));
  }

  Result wrkGet(App app, String url, String tenant, int connections, int seconds, String name, boolean report)
      throws Exception {
    return wrk(app, url, connections, seconds, name, report, List.of("get", token(tenant, "appointments"), tenant));
  }

  /**
   * Where the machine's CPU went during a run, in CPU milliseconds per request: the app's process, PostgreSQL's
   * processes, and the rest (wrk, the kernel, and processes that ended during the run, such as autovacuum workers),
   * plus the idle share of both cores.
   * On two shared cores this is what bounds throughput: 1000 ms x cores / (the three together) requests/s.
   */
  record CpuSplit(double appMs, double postgresMs, double restMs, double idleShare) {

    static long[] sample(long appPid) throws IOException {
      long app = appPid > 0 ? ticks(appPid) : 0;
      long postgres = 0;
      try (var procs = Files.list(Paths.get("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          try {
            String stat = Files.readString(proc.resolve("stat"));
            if (stat.contains("(postgres)")) {
              postgres += ticks(stat);
            }
          } catch (IOException gone) {
            // the process ended while we looked
          }
        }
      }
      String[] cpu = Files.readAllLines(Paths.get("/proc/stat")).getFirst().trim().split("\\s+");
      long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
      long total = 0;
      for (int i = 1; i < Math.min(cpu.length, 9); i++) {
        total += Long.parseLong(cpu[i]);
      }
      return new long[] {app, postgres, total - idle, idle};
    }

    static long ticks(long pid) throws IOException {
      return ticks(Files.readString(Paths.get("/proc/" + pid + "/stat")));
    }

    /** utime + stime of one /proc/PID/stat line (fields 14 and 15, counted after the command's parenthesis). */
    static long ticks(String stat) {
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks are 1/100 s on Linux (USER_HZ). */
    static CpuSplit between(long[] before, long[] after, long requests) {
      double perRequest = 10.0 / Math.max(1, requests);
      long app = after[0] - before[0];
      long postgres = after[1] - before[1];
      long busy = after[2] - before[2];
      long idle = after[3] - before[3];
      return new CpuSplit(app * perRequest, postgres * perRequest, Math.max(0, busy - app - postgres) * perRequest,
          (double) idle / Math.max(1, busy + idle));
    }
  }

  private Result wrk(App app, String url, int connections, int seconds, String name, boolean report, List<String> args)
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
    if (report) {
      CpuSplit cpu = CpuSplit.between(cpuBefore, cpuAfter, total);
      results.put(name, Map.of("throughput_per_s", throughput, "p50_ms", p50, "p99_ms", p99, "conflicts_409", conflicts,
          "errors", errors, "status", status.toString(), "generator", "wrk",
          "cpu_ms_per_request", Map.of("app", cpu.appMs(), "postgres", cpu.postgresMs(), "rest", cpu.restMs(),
              "idle_share", cpu.idleShare())));
      table.add(new String[] {name, String.format(Locale.ROOT, "%.0f/s", throughput),
          String.format(Locale.ROOT, "p50 %.1f ms", p50), String.format(Locale.ROOT, "p99 %.1f ms", p99),
          conflicts + " x 409", errors + " errors"});
      cpuLines.add(String.format(Locale.ROOT, "%-48s app %.2f ms, PostgreSQL %.2f ms, rest (wrk, kernel, ended processes) %.2f ms; idle %.0f%%",
          name, cpu.appMs(), cpu.postgresMs(), cpu.restMs(), cpu.idleShare() * 100));
    }
    return result;
  }

  record Result(double throughput, double p50, double p99, long conflicts, long errors) {}

  Result load(int connections, int seconds, IntFunction<HttpRequest> request, String name, boolean report)
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
              int status = HTTP.send(request.apply(worker), BodyHandlers.discarding()).statusCode();
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
    if (report) {
      results.put(name, Map.of("throughput_per_s", throughput, "p50_ms", p50, "p99_ms", p99,
          "conflicts_409", conflicts.get(), "errors", errors.get(), "requests", all.length));
      table.add(new String[] {name, String.format(Locale.ROOT, "%.0f/s", throughput),
          String.format(Locale.ROOT, "p50 %.1f ms", p50), String.format(Locale.ROOT, "p99 %.1f ms", p99),
          conflicts.get() + " x 409", errors.get() + " errors"});
    }
    return result;
  }

  // ---------------------------------------------------------------- the app and its catalogue

  /** One packaged slotgate process (prod profile, dev-only token key trusted via environment). */
  static final class App implements AutoCloseable {
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
      command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", JAR));
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

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** A calendar supplier made through the admin API: crews, every-day windows, routes for tenants. */
  final class Supplier {
    final String id;
    final String spec;
    final String branch;
    final AtomicLong nextSlot = new AtomicLong();
    List<String[]> cached;

    Supplier(String id, String spec, String branch) {
      this.id = id;
      this.spec = spec;
      this.branch = branch;
    }

    List<String[]> slots(App app, String tenant) throws Exception {
      String body = HTTP.send(searchRequest(app, tenant), BodyHandlers.ofString()).body();
      List<String[]> slots = new ArrayList<>();
      Matcher m = SLOT.matcher(body);
      while (m.find()) {
        slots.add(new String[] {m.group(1), m.group(2)});
      }
      if (slots.isEmpty()) {
        throw new IllegalStateException("No slots offered: " + body);
      }
      cached = slots;
      return slots;
    }

    String[] nextSlot(String base) {
      return cached.get((int) (nextSlot.getAndIncrement() % cached.size()));
    }

    HttpRequest searchRequest(App app, String tenant) {
      String query = "address=" + enc("{\"id\":\"200004033694\",\"type\":\"UPRN\"}") + "&serviceSpecification="
          + enc("{\"id\":\"" + spec + "\"}") + "&appointmentPurpose=PROVIDE";
      return gateway(app.base + "/WholesaleGateway/v1.0/gateway/available-appointments?" + query, tenant).GET().build();
    }

    HttpRequest holdRequest(App app, String tenant, String[] slot) {
      return holdRequest(app.base, tenant, slot);
    }

    HttpRequest holdRequest(String base, String tenant, String[] slot) {
      String body = holdBody(String.valueOf(IDS.incrementAndGet()), slot);
      return gateway(base + "/WholesaleGateway/v1.0/gateway/appointments", tenant)
          .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build();
    }

    /** A wholesale hold's body for this specification's slot, with the client's own id. */
    String holdBody(String id, String[] slot) {
      return "{\"id\":" + id + ",\"address\":{\"id\":\"200004033694\",\"type\":\"UPRN\"},"
          + "\"serviceSpecification\":{\"id\":\"" + spec + "\"},\"purpose\":\"PROVIDE\",\"timeslot\":{"
          + "\"timeslotStartDateTime\":\"" + slot[0] + "\",\"timeslotEndDateTime\":\"" + slot[1] + "\"}}";
    }

    HttpResponse<String> hold(App app, String tenant, String[] slot) throws Exception {
      return HTTP.send(holdRequest(app, tenant, slot), BodyHandlers.ofString());
    }

    private HttpRequest.Builder gateway(String url, String tenant) {
      return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token(tenant, "appointments"))
          .header("X-Request-ID", "bench").header("X-Conversation-ID", "bench").header("Tenant", tenant);
    }
  }

  Supplier supplier(App app, int crews, String from, String to, int slotMinutes, List<String> tenants) throws Exception {
    return supplier(app, crews, from, to, slotMinutes, tenants, 900);
  }

  Supplier supplier(App app, int crews, String from, String to, int slotMinutes, List<String> tenants, int holdTtlSeconds)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String owner = "BENCH-OWNER-" + suffix;
    String spec = "fttp-" + suffix;
    String branch = post(app, owner, "/admin/v1/branches", "{\"name\":\"Area " + suffix + "\",\"timeZone\":\"Europe/London\"}");
    String service = post(app, owner, "/admin/v1/services", "{\"code\":\"" + spec + "\",\"names\":{\"en_US\":\"FTTP\"},"
        + "\"durationMinutes\":" + slotMinutes + ",\"onlineBookable\":true,\"maxNumberOfReservations\":1}");
    for (int i = 0; i < crews; i++) {
      post(app, owner, "/admin/v1/resources", "{\"branchId\":\"" + branch + "\",\"name\":\"Crew " + i
          + "\",\"serviceIds\":[\"" + service + "\"]}");
    }
    String end = to.equals("24") ? "23:59" : to + ":00";
    post(app, owner, "/admin/v1/schedule-rules", "{\"branchId\":\"" + branch + "\",\"days\":[\"MONDAY\",\"TUESDAY\","
        + "\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"startTime\":\"" + (from.length() == 1 ? "0" + from : from)
        + ":00\",\"endTime\":\"" + end + "\",\"slotMinutes\":" + slotMinutes + "}");
    String id = "sup-" + suffix;
    post(app, owner, "/admin/v1/suppliers", "{\"id\":\"" + id + "\",\"adapter\":\"calendar\",\"branchId\":\"" + branch
        + "\",\"holdTtlSeconds\":" + holdTtlSeconds + ",\"horizonDays\":14}");
    for (String tenant : tenants) {
      post(app, owner, "/admin/v1/suppliers/" + id + "/grants", "{\"tenant\":\"" + tenant
          + "\",\"serviceSpecifications\":[\"" + spec + "\"]}");
      route(app, tenant, owner, id, spec);
    }
    Supplier supplier = new Supplier(id, spec, branch);
    supplier.slots(app, tenants.getFirst());
    return supplier;
  }

  /** The booker's own route to a supplier its owner granted it (a grant alone routes nothing). */
  void route(App app, String tenant, String owner, String supplierId, String spec) throws Exception {
    post(app, tenant, "/admin/v1/routes", "{\"serviceSpecification\":\"" + spec + "\",\"supplierId\":\""
        + supplierId + "\",\"supplierTenant\":\"" + owner + "\"}");
  }

  String post(App app, String tenant, String path, String body) throws Exception {
    return send(app, tenant, "POST", path, body, 201);
  }

  private String send(App app, String tenant, String method, String path, String body, int expected) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.base + path))
        .header("Authorization", "Bearer " + token(tenant, "appointments:manage")).header("Tenant", tenant)
        .header("Content-Type", "application/json").method(method, BodyPublishers.ofString(body)).build(),
        BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    Matcher m = ID.matcher(response.body());
    return m.find() ? m.group(1) : null;
  }

  String token(String tenant, String scope) {
    try {
      long now = Instant.now().getEpochSecond();
      String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
      String payload = b64("{\"iss\":\"slotgate-dev\",\"sub\":\"bench\",\"tenants\":[\"" + tenant + "\"],\"scope\":\""
          + scope + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- helpers

  void facts() throws Exception {
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "jdk", System.getProperty("java.version"), "quarkus", "3.32.1",
        "postgres", run(List.of(pg.binDir().resolve("postgres").toString(), "--version")).trim(),
        "date", Instant.now().toString()));
  }

  void print() throws IOException {
    System.out.println();
    System.out.printf("%-52s %-16s %-18s %-16s %-14s %s%n", "scenario", "throughput", "latency", "", "", "");
    System.out.println("-".repeat(130));
    for (String[] row : table) {
      System.out.printf("%-52s %-16s %-18s %-16s %-14s %s%n", (Object[]) row);
    }
    if (!cpuLines.isEmpty()) {
      System.out.println();
      System.out.println("Where it goes (CPU per request, whole machine, both cores; the cold start split):");
      cpuLines.forEach(System.out::println);
    }
    System.out.println();
    System.out.println("facts: " + results.get("machine"));
    Files.createDirectories(Paths.get("bench/results"));
    Files.writeString(Paths.get("bench/results/latest.json"), json(results) + "\n");
    System.out.println("written: bench/results/latest.json");
  }

  static String json(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(json(v)));
      return out.append('}').toString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return "\"" + String.valueOf(value).replace("\"", "\\\"") + "\"";
  }

  String sql(String query) throws Exception {
    Path psql = pg.binDir().resolve("psql");
    String client = Files.isExecutable(psql) ? psql.toString() : which("psql");
    if (client == null) {
      return null;
    }
    return run(List.of(client, "-h", "127.0.0.1", "-p", String.valueOf(pg.port()), "-U", "postgres", "-At", "-c", query,
        EmbeddedPostgres.DATABASE)).trim();
  }

  static String pgbench() {
    String found = which("pgbench");
    if (found == null) {
      throw new IllegalStateException("pgbench not found: apt-get install postgresql-15 (bench/run does)");
    }
    return found;
  }

  static String which(String tool) {
    for (String dir : (System.getenv("PATH") + ":/usr/lib/postgresql/17/bin:/usr/lib/postgresql/16/bin:/usr/lib/postgresql/15/bin").split(":")) {
      if (Files.isExecutable(Paths.get(dir, tool))) {
        return Paths.get(dir, tool).toString();
      }
    }
    return null;
  }

  static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("'" + regex + "' not in:\n" + text);
    }
    return m.group(1);
  }

  static String enc(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String b64(String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
