package io.slotgate.bench;

import static io.slotgate.bench.Bench.SECONDS;
import static io.slotgate.bench.Shell.find;

import io.slotgate.bench.Load.Result;
import io.slotgate.testing.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The database's own limits beside the app's: pgbench on the hold's statements, on parts of them (bench/run sql)
 * and on the raw anchor, a one-row conditional insert.
 */
final class SqlCost {

  private final Bench bench;

  SqlCost(Bench bench) {
    this.bench = bench;
  }

  /**
   * The database's own limit: pgbench running the app's hold statements (the appointment with its history and
   * event, then the blind try for one random crew, in a transaction), same concurrency, same machine.
   */
  Result pgbench(Supplier crews, int clients, int seconds) throws Exception {
    String pool = bench.sql("SELECT string_agg(id::text, ',') FROM resource WHERE branch_id = '" + crews.branch + "'");
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
          ON CONFLICT DO NOTHING
          RETURNING id, tenant, owner, channel, external_id, start_at, end_at, expires_at, created_at
        ), request AS (
          INSERT INTO booker_request (tenant, channel, external_id, owner, appointment_id)
          SELECT tenant, channel, external_id, owner, id FROM created
        ), event AS (
          INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status, to_status)
          SELECT id, owner, created_at, 'bench', 'OTHER', 'OTHER', 'hold', NULL, 'RESERVED' FROM created
        ), free AS (
          SELECT r.id FROM unnest('{%s}'::uuid[]) AS r(id) ORDER BY random() LIMIT 1
        )
        INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at, owner)
        SELECT created.id, free.id, tstzrange(created.start_at, created.end_at, '[)'), created.expires_at, created.owner FROM created, free
        ON CONFLICT DO NOTHING;
        COMMIT;
        """.formatted(pool));
    Pgbench run = pgbenchRun(script, clients, seconds, "5. pgbench, the hold's statements");
    bench.report.results.put("pgbench_same_hold_statements_64_clients", run.json());
    bench.report.table.add(run.row("5. pgbench, the hold's statements (blind try), 64 clients"));
    return new Result(run.tps(), run.avgMs(), Double.NaN, 0, 0);
  }

  /**
   * Where the hold's database time goes (bench/run sql): pgbench at 64 clients on parts of the hold statement, from
   * the raw anchor up to the whole statement, so a redesign can be judged by numbers first.
   */
  int sqlBreakdown() throws Exception {
    bench.facts();
    try (App app = App.start(bench, 18081)) {
      Supplier crews = bench.catalogue(app, "PGBENCH");
      String pool = bench.sql("SELECT string_agg(id::text, ',') FROM resource WHERE branch_id = '" + crews.branch + "'");
      String appointment = """
          INSERT INTO appointment (id, tenant, owner, channel, external_id, request_hash, supplier_id, supplier_reference,
            start_at, end_at, status, expires_at, reservations, created_at, created_by, created_by_type, created_from,
            updated_at, updated_by, updated_by_type, updated_from)
          VALUES (gen_random_uuid(), 'PGBENCH', 'PGBENCH', 'WHOLESALE', :k || '-' || pg_backend_pid() || '-' || clock_timestamp(),
            'h', 'pgbench', 'PGB-' || gen_random_uuid(),
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours' + :half * interval '30 minutes',
            date_trunc('day', now()) + :day * interval '1 day' + interval '7 hours 30 minutes' + :half * interval '30 minutes',
            'RESERVED', now() + interval '15 minutes', 1, now(), 'bench', 'OTHER', 'OTHER', now(), 'bench', 'OTHER', 'OTHER')
          ON CONFLICT DO NOTHING
          RETURNING id, tenant, owner, start_at, end_at, expires_at, created_at""";
      String vars = "\\set k random(1, 2000000000)\n\\set day random(1, 14)\n\\set half random(0, 29)\n"
          + "\\set crew random(1, 50)\n";
      Map<String, String> variants = new LinkedHashMap<>();
      variants.put("a. appointment row alone (its indexes)", vars + appointment + ";\n");
      variants.put("b. + its event row (history and hub, one statement)", vars + "WITH created AS (" + appointment + """
          ) INSERT INTO appointment_event (appointment_id, owner, at, actor, actor_type, face, action, from_status, to_status)
            SELECT id, owner, created_at, 'bench', 'OTHER', 'OTHER', 'hold', NULL, 'RESERVED' FROM created;
          """);
      variants.put("c. + claim of one chosen crew, no probe (ON CONFLICT DO NOTHING)", vars + "WITH created AS ("
          + appointment + """
          ) INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at, owner)
            SELECT created.id, ('{%s}'::uuid[])[:crew], tstzrange(created.start_at, created.end_at, '[)'), created.expires_at,
              created.owner
            FROM created ON CONFLICT DO NOTHING;
          """.formatted(pool));
      variants.put("d. + claim probing all 50 crews with NOT EXISTS (now only on a shortfall)", vars + "WITH created AS ("
          + appointment + """
          ), free AS (
            SELECT r.id FROM unnest('{%s}'::uuid[]) AS r(id), created
            WHERE NOT EXISTS (SELECT 1 FROM slot_claim c WHERE c.resource_id = r.id AND NOT c.released
              AND c.during && tstzrange(created.start_at, created.end_at, '[)') AND (c.expires_at IS NULL OR c.expires_at > now()))
            ORDER BY random() LIMIT 1
          ) INSERT INTO slot_claim (appointment_id, resource_id, during, expires_at, owner)
            SELECT created.id, free.id, tstzrange(created.start_at, created.end_at, '[)'), created.expires_at, created.owner FROM created, free
            ON CONFLICT DO NOTHING;
          """.formatted(pool));
      rawInsert(64, SECONDS);
      Map<String, Object> breakdown = new LinkedHashMap<>();
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        Path script = Files.createTempFile("part", ".sql");
        Files.writeString(script, variant.getValue());
        Pgbench run = pgbenchRun(script, 64, SECONDS, variant.getKey().substring(0, 2) + " (pgbench)");
        breakdown.put(variant.getKey(), run.json());
        bench.report.table.add(run.row(variant.getKey()));
      }
      bench.report.results.put("hold_sql_breakdown_64_clients", breakdown);
    }
    bench.report.print();
    return 0;
  }

  /**
   * pgbench on {@code script}, its CPU per transaction noted under {@code name}; answers its figures. The CPU
   * is sampled inside the run (from its second second to one second before its end), while pgbench's backends are
   * alive: a process that has ended no longer shows in /proc.
   */
  Pgbench pgbenchRun(Path script, int clients, int seconds, String name) throws Exception {
    Path output = Files.createTempFile("pgbench", ".out");
    Process process = new ProcessBuilder(Shell.pgbench(), "-h", "127.0.0.1", "-p", String.valueOf(bench.pg.port()), "-U",
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
    bench.report.cpuLines.add(String.format(Locale.ROOT, "%-48s PostgreSQL %.2f ms, rest (pgbench, kernel) %.2f ms; idle %.0f%%",
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
    bench.sql("CREATE EXTENSION IF NOT EXISTS btree_gist; DROP TABLE IF EXISTS anchor_claim; "
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
    bench.report.results.put("raw_conditional_insert_64_clients", run.json());
    bench.report.table.add(run.row("5b. raw conditional insert (pgbench, 1 row, GiST exclusion), 64 clients"));
    return new Result(run.tps(), run.avgMs(), Double.NaN, 0, 0);
  }
}
