package io.slotgate.bench;

import io.slotgate.testing.StandbyPostgres;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/run replica (issue 26): scenario 3b, branch-face availability of one service over 14 days, first with every
 * search on the primary, then on an instance whose searches read a streaming replica (a hot standby of the bench's
 * PostgreSQL, {@code slotgate.read.url}). One instance at a time, each on a catalogue of its own, so the two rows
 * differ only in where the claims are read. The availability cache is off in both ({@code cache-ttl=0}): every search
 * reads its claims, as under a stream of holds that keeps invalidating it. On one machine the standby shares the cores with the primary and the
 * app: this shows what a replica costs and that it answers, not what a second machine would add.
 */
final class Replica {

  private static final Pattern SEARCHES = Pattern.compile(
      "(?m)^slotgate_read_searches_total\\{[^}]*source=\"(primary|replica)\"[^}]*\\} ([0-9.Ee+-]+)$");

  private final Bench bench;

  Replica(Bench bench) {
    this.bench = bench;
  }

  int run() throws Exception {
    bench.facts();
    Combinations availability = new Combinations(bench);
    List<String> uncached = List.of("-Dslotgate.availability.cache-ttl=0");
    try (App primary = App.start(bench, 18081, null, uncached)) {
      availability.availability(primary, ", no cache, primary", false);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    try (StandbyPostgres standby = StandbyPostgres.start(bench.pg, "bench-standby")) {
      try (App replica = App.start(bench, 18082, null, List.of(uncached.getFirst(),
          "-Dslotgate.read.url=" + standby.reactiveUrl(), "-Dslotgate.read.max-lag=5s"))) {
        // Until its first lag check the instance reads the primary (lag unknown); a native one starts in well under
        // a second and would search before that check.
        for (int i = 0; i < 150 && replica.metric("slotgate_read_replica_used") < 1; i++) {
          Thread.sleep(100);
        }
        availability.availability(replica, ", no cache, replica", false);
        Map<String, Double> searches = searches(replica);
        result.put("searches_on_replica", searches.getOrDefault("replica", 0.0).longValue());
        result.put("searches_on_primary", searches.getOrDefault("primary", 0.0).longValue());
        result.put("replica_lag_seconds_at_end", replica.metric("slotgate_read_replica_lag_seconds"));
      }
    }
    bench.report.results.put("replica", result);
    System.out.println("replica: " + result);
    bench.report.print();
    // The mode fails when the replica answered nothing: the second row would then measure the primary again.
    long onReplica = (Long) result.get("searches_on_replica");
    long onPrimary = (Long) result.get("searches_on_primary");
    boolean ok = onReplica > 0 && onReplica >= 9 * onPrimary;
    System.out.println(ok ? "replica: ok" : "replica: FAILED (the replica answered too few searches)");
    return ok ? 0 : 1;
  }

  private static Map<String, Double> searches(App app) throws Exception {
    String body = Bench.HTTP.send(HttpRequest.newBuilder(URI.create(app.ops + "/q/metrics")).build(),
        BodyHandlers.ofString()).body();
    Map<String, Double> bySource = new LinkedHashMap<>();
    Matcher m = SEARCHES.matcher(body);
    while (m.find()) {
      bySource.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
    }
    return bySource;
  }
}
