package io.slotgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run found: the JSON results, the printed table's rows and the CPU lines; printed and written at the end. */
final class Report {

  final Map<String, Object> results = new LinkedHashMap<>();
  final List<String[]> table = new ArrayList<>();
  final List<String> cpuLines = new ArrayList<>();

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
}
