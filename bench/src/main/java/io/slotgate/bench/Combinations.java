package io.slotgate.bench;

import static io.slotgate.bench.Bench.SECONDS;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Scenario 3b/3c: availability on the branch face for one service and for a combination of three (30 + 45 + 15
 * minutes, each segment any crew serving it) on one catalogue: 50 crews serving all three, open 07:00-22:00 every
 * day, 14 days asked at once. The combination's search checks every segment of every start against its crews'
 * claims, so it costs about one single-service search per segment.
 */
final class Combinations {

  private final Bench bench;

  Combinations(Bench bench) {
    this.bench = bench;
  }

  void availability(App app) throws Exception {
    availability(app, "", true);
  }

  /** 3b (and 3c when {@code withCombination}), their rows' names ending in {@code label}. */
  void availability(App app, String label, boolean withCombination) throws Exception {
    String tenant = "BENCH-BRANCH-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String branch = bench.post(app, tenant, "/admin/v1/branches", "{\"name\":\"Branch\",\"timeZone\":\"Europe/London\"}");
    String[] services = new String[3];
    int[] minutes = {30, 45, 15};
    for (int i = 0; i < 3; i++) {
      services[i] = bench.post(app, tenant, "/admin/v1/services", "{\"names\":{\"en_US\":\"Step " + i + "\"},"
          + "\"durationMinutes\":" + minutes[i] + ",\"onlineBookable\":true,\"maxNumberOfReservations\":1}");
    }
    String all = "[\"" + String.join("\",\"", services) + "\"]";
    for (int i = 0; i < 50; i++) {
      bench.post(app, tenant, "/admin/v1/resources", "{\"branchId\":\"" + branch + "\",\"name\":\"Crew " + i
          + "\",\"serviceIds\":" + all + "}");
    }
    bench.post(app, tenant, "/admin/v1/schedule-rules", "{\"branchId\":\"" + branch + "\",\"days\":[\"MONDAY\","
        + "\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"startTime\":\"07:00\","
        + "\"endTime\":\"22:00\",\"slotMinutes\":30}");
    String combination = bench.post(app, tenant, "/admin/v1/service-combinations", "{\"branchId\":\"" + branch
        + "\",\"names\":{\"en_US\":\"Three steps\"},\"serviceIds\":" + all + ",\"sameResource\":false}");
    LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
    String window = "from=" + today + "&to=" + today.plusDays(13);
    HttpRequest one = request(app, tenant, "/external/v1/services/" + services[0] + "/timeslots?branchId=" + branch
        + "&" + window);
    HttpRequest three = request(app, tenant, "/external/v1/serviceCombination/" + combination + "/timeslots?" + window);
    bench.load.load(32, 2, worker -> one, "warm-up", false);
    bench.load.load(32, SECONDS, worker -> one, "3b. availability, branch face, one service, 14 days, 32 conns" + label,
        true);
    if (!withCombination) {
      return;
    }
    bench.load.load(32, 2, worker -> three, "warm-up", false);
    bench.load.load(32, SECONDS, worker -> three, "3c. availability, combination of 3 services, 14 days, 32 conns",
        true);
    bench.report.results.put("combination_catalogue", Map.of("crews", 50, "days", 14, "services_minutes", "30+45+15",
        "same_resource", false));
  }

  private HttpRequest request(App app, String tenant, String path) {
    return HttpRequest.newBuilder(URI.create(app.base + path))
        .header("Authorization", "Bearer " + bench.token(tenant, "appointments")).header("X-TENANT-ID", tenant)
        .GET().build();
  }

  /** 3b and 3c alone: bench/run availability. */
  int only() throws Exception {
    bench.facts();
    try (App app = App.start(bench, 18081)) {
      availability(app);
    }
    bench.report.print();
    return 0;
  }
}
