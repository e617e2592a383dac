package io.slotgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

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
