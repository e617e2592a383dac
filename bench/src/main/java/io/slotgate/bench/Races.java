package io.slotgate.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The guarantee under races: exactly the window's capacity of winners, across instances and end to end. */
final class Races {

  private final Bench bench;

  Races(Bench bench) {
    this.bench = bench;
  }

  /** Two instances on one database: 50 concurrent holds of a capacity-2 window, per round. */
  int race(int rounds) throws Exception {
    try (App a = App.start(bench, 18081); App b = App.start(bench, 18082)) {
      Supplier supplier = bench.supplier(a, 2, "0", "24", 60, List.of("RACE-1", "RACE-2", "RACE-3"));
      List<String[]> slots = later(supplier.cached);
      boolean ok = true;
      for (int round = 0; round < rounds; round++) {
        String[] slot = slots.get(round);
        Map<Integer, Integer> outcomes = burst(supplier, slot, List.of(a, b), List.of("RACE-1", "RACE-2", "RACE-3"));
        String rows = bench.sql("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
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
    com.sun.net.httpserver.HttpServer tokens = bench.tokenServer("RACE-SUPPLIER");
    List<String> gateway = bench.gatewayOptions(tokens);
    try (App supplierApp = App.start(bench, 18081); App b = App.start(bench, 18082, null, gateway);
        App c = App.start(bench, 18083, null, gateway)) {
      Supplier calendar = bench.supplier(supplierApp, 2, "0", "24", 60, List.of("RACE-SUPPLIER"));
      bench.post(b, "GW-OWNER", "/admin/v1/suppliers", "{\"id\":\"up\",\"adapter\":\"http\"}");
      for (String tenant : List.of("GW-1", "GW-2")) {
        bench.post(b, "GW-OWNER", "/admin/v1/suppliers/up/grants", "{\"tenant\":\"" + tenant
            + "\",\"serviceSpecifications\":[\"" + calendar.spec + "\"]}");
        bench.route(b, tenant, "GW-OWNER", "up", calendar.spec);
      }
      Supplier through = new Supplier(bench, "up", calendar.spec, null);
      List<String[]> slots = later(through.slots(b, "GW-1"));
      boolean ok = true;
      for (int round = 0; round < rounds; round++) {
        String[] slot = slots.get(round);
        Map<Integer, Integer> outcomes = burst(through, slot, List.of(b, c), List.of("GW-1", "GW-2"));
        String atSupplier = bench.sql("SELECT count(*) FROM slot_claim c JOIN appointment a ON a.id = c.appointment_id "
            + "WHERE a.supplier_id = '" + calendar.id + "' AND NOT c.released AND lower(c.during) = '" + slot[0] + "'");
        String atGateways = bench.sql("SELECT count(*) FROM appointment WHERE supplier_id = 'up' AND start_at = '" + slot[0] + "'");
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

  /**
   * The slots that start at least 10 minutes from now: a slot starting during its round refuses holds as it starts
   * (422) and caps the winners' expiry at its start, which is not the race being measured (a run at 11:59 met one).
   */
  private static List<String[]> later(List<String[]> slots) {
    java.time.Instant soon = java.time.Instant.now().plus(java.time.Duration.ofMinutes(10));
    return slots.stream().filter(slot -> java.time.Instant.parse(slot[0]).isAfter(soon)).toList();
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
}
