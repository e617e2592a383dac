package io.slotgate.bench;

import static io.slotgate.bench.Bench.SECONDS;
import static io.slotgate.bench.Shell.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * bench/run profile [holds|holds-8|availability]: async-profiler (itimer: perf events are not allowed here) attached
 * to the app for the measured window only, after a warm-up that runs until the JIT is quiet. Prints the top frames
 * and where the app's CPU went by library; the collapsed stacks go to bench/results/profile-*.collapsed.
 */
final class Profile {

  static final Path AGENT = Paths.get("target/async-profiler/linux-x64/libasyncProfiler.so");
  /**
   * Warm-up rounds of this many seconds until the JIT spends at most QUIET_SECONDS compiling in one (at most
   * MAX_ROUNDS). Counting compiled methods never settled: C2 still compiled ~300 methods per 5 s round after 40 s.
   */
  static final int ROUND_SECONDS = 5;
  static final double QUIET_SECONDS = 0.1;
  static final int MAX_ROUNDS = 12;

  /**
   * Libraries by frame prefix: a sample counts for the library of its nearest frame from the leaf up that matches
   * (JDK code counts for the library that called it), except that anything under a jose4j frame is the token check
   * (its RSA, its JSON, its base64).
   */
  static final Map<String, List<String>> LIBRARIES = libraries();

  private static Map<String, List<String>> libraries() {
    Map<String, List<String>> libraries = new LinkedHashMap<>();
    libraries.put("jose4j/RSA (token check)", List.of("org.jose4j.", "sun.security.rsa.", "java.math."));
    // The cache's SHA-256 of the token, the UUIDs' SecureRandom: JDK crypto outside the token check.
    libraries.put("JDK crypto (SHA-256, SecureRandom)", List.of("sun.security.", "java.security."));
    // The mechanism and the claims the app reads from the principal (Caller): paid with the cache too.
    libraries.put("quarkus-oidc, security, claims", List.of("io.quarkus.oidc.", "io.quarkus.security.",
        "io.quarkus.vertx.http.runtime.security.", "io.smallrye.jwt."));
    libraries.put("netty", List.of("io.netty."));
    libraries.put("resteasy", List.of("org.jboss.resteasy.", "io.quarkus.resteasy."));
    libraries.put("mutiny", List.of("io.smallrye.mutiny."));
    libraries.put("vertx pg client", List.of("io.vertx.pgclient.", "io.vertx.sqlclient.", "io.vertx.mutiny.sqlclient.",
        "io.vertx.mutiny.pgclient."));
    libraries.put("hibernate", List.of("org.hibernate."));
    libraries.put("jackson", List.of("com.fasterxml.jackson."));
    libraries.put("slotgate", List.of("io.slotgate."));
    libraries.put("vert.x core/web", List.of("io.vertx."));
    return libraries;
  }

  private final Bench bench;

  Profile(Bench bench) {
    this.bench = bench;
  }

  int profile(String mode) throws Exception {
    if (!Files.exists(AGENT)) {
      throw new IllegalStateException(AGENT + " missing: bench/run profile extracts it from tools.profiler:async-profiler");
    }
    bench.facts();
    String cache = System.getenv().getOrDefault("SLOTGATE_AUTH_TOKEN_CACHE_ENABLED", "true").equals("false") ? "off" : "on";
    Throughput throughput = new Throughput(bench);
    try (App app = App.start(bench, 18081, null, List.of("-XX:+EnableDynamicAgentLoading",
        "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"))) {
      long pid = app.process.pid();
      warmUp(app, throughput, pid, mode.equals("availability"));
      // After the warm-up: a catalogue read before it could offer slots that have started since (422).
      Supplier measured = bench.catalogue(app, "BENCH-1");
      Path out = Paths.get("bench/results/profile-" + mode + "-cache-" + cache + ".collapsed").toAbsolutePath();
      String name = switch (mode) {
        case "holds" -> "1. holds, 64 conns (profiled, token cache " + cache + ")";
        case "holds-8" -> "1b. holds, 8 conns (profiled, token cache " + cache + ")";
        case "availability" -> "3. availability, 32 conns (profiled, token cache " + cache + ")";
        default -> throw new IllegalArgumentException("bench/run profile [holds|holds-8|availability], not " + mode);
      };
      window(pid, out, name, () -> {
        if (mode.equals("availability")) {
          bench.load.wrkGet(app, measured.searchRequest(app, "BENCH-1").uri().toString(), "BENCH-1", 32, SECONDS, name,
              true);
        } else {
          throughput.holds(app, measured, mode.equals("holds") ? 64 : 8, SECONDS, name, true);
        }
        return null;
      });
    }
    bench.report.print();
    return 0;
  }

  /**
   * One profiled window: the agent runs for {@code load} only, its collapsed stacks go to {@code out}, and the
   * split is printed and added to the report (results key "profile").
   */
  void window(long pid, Path out, String name, java.util.concurrent.Callable<?> load) throws Exception {
    Files.deleteIfExists(out);
    agent(pid, "start,event=itimer,interval=5ms,threads");
    load.call();
    agent(pid, "stop,collapsed,file=" + out);
    for (int i = 0; i < 100 && !Files.exists(out); i++) {
      Thread.sleep(100); // the agent writes the file after answering
    }
    analyse(out, name);
  }

  /**
   * Rounds of the measured load (holds on fresh catalogues, or searches) until the JIT is quiet (QUIET_SECONDS),
   * then until its queue is empty.
   */
  void warmUp(App app, Throughput throughput, long pid, boolean searches) throws Exception {
    List<String> compiled = new ArrayList<>();
    double[] before = compilations(pid);
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Supplier warm = bench.catalogue(app, "BENCH-1");
      if (searches) {
        bench.load.wrkGet(app, warm.searchRequest(app, "BENCH-1").uri().toString(), "BENCH-1", 32, ROUND_SECONDS,
            "warm-up", false);
      } else {
        throughput.holds(app, warm, 64, ROUND_SECONDS, "warm-up", false);
      }
      double[] now = compilations(pid);
      double seconds = now[1] - before[1];
      compiled.add(String.format(Locale.ROOT, "%.0f in %.2f s", now[0] - before[0], seconds));
      before = now;
      if (seconds <= QUIET_SECONDS) {
        break;
      }
    }
    long waited = System.nanoTime();
    while (!run(List.of("jcmd", String.valueOf(pid), "Compiler.queue")).replaceAll("\\s+", " ")
        .matches(".*C1 compile queue: Empty C2 compile queue: Empty.*") && System.nanoTime() - waited < 10_000_000_000L) {
      Thread.sleep(100);
    }
    System.out.printf("warm-up: %d rounds of %d s, JIT per round %s (quiet: <= %.2f s)%n", compiled.size(),
        ROUND_SECONDS, compiled, QUIET_SECONDS);
    bench.report.results.put("warm_up_methods_compiled_per_round", compiled.toString());
  }

  /** Methods compiled and seconds spent compiling so far (jstat -compiler: Compiled Failed Invalid Time ...). */
  static double[] compilations(long pid) throws Exception {
    String[] lines = run(List.of("jstat", "-compiler", String.valueOf(pid))).trim().split("\n");
    String[] columns = lines[lines.length - 1].trim().split("\\s+");
    return new double[] {Double.parseDouble(columns[0]), Double.parseDouble(columns[3])};
  }

  static void agent(long pid, String command) throws Exception {
    // jcmd reads key=value words itself: the agent's options go quoted, as one argument.
    System.out.println("async-profiler: " + run(List.of("jcmd", String.valueOf(pid), "JVMTI.agent_load",
        AGENT.toAbsolutePath().toString(), "\"" + command + "\"")).replaceAll("\\s+", " ").trim());
  }

  /** Top frames and the split by library of the window's samples, printed and added to the report. */
  void analyse(Path collapsed, String name) throws Exception {
    Map<String, Long> byLibrary = new LinkedHashMap<>();
    LIBRARIES.keySet().forEach(library -> byLibrary.put(library, 0L));
    byLibrary.put("JIT compiler threads", 0L);
    byLibrary.put("GC", 0L);
    byLibrary.put("other", 0L);
    Map<String, Long> leaves = new TreeMap<>();
    long total = 0;
    long tokenCheckInclusive = 0;
    for (String line : Files.readAllLines(collapsed)) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      long count = Long.parseLong(line.substring(space + 1));
      String[] frames = line.substring(0, space).replace('/', '.').split(";");
      total += count;
      byLibrary.merge(category(frames), count, Long::sum);
      leaves.merge(frames[frames.length - 1], count, Long::sum);
      if (line.contains("org/jose4j/jws") || line.contains("sun/security/rsa")) {
        tokenCheckInclusive += count;
      }
    }
    double appMs = appMsPerRequest(name);
    System.out.printf("%nProfile of \"%s\": %d samples (itimer, 5 ms), stacks in %s%n", name, total,
        Paths.get("").toAbsolutePath().relativize(collapsed));
    System.out.println("-- top frames (self)");
    long all = Math.max(1, total);
    leaves.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
        .forEach(e -> System.out.printf("%5.1f%%  %s%n", e.getValue() * 100.0 / all, e.getKey()));
    System.out.printf("-- app CPU by library (nearest library frame from the leaf; app %.2f ms per request)%n", appMs);
    System.out.printf("%-28s %8s %7s %12s %14s%n", "library", "samples", "share", "excl. JIT", "ms/request");
    Map<String, Object> shares = new LinkedHashMap<>();
    long withoutJit = Math.max(1, total - byLibrary.get("JIT compiler threads"));
    byLibrary.forEach((library, count) -> {
      double share = count * 1.0 / all;
      boolean jit = library.equals("JIT compiler threads");
      System.out.printf("%-28s %8d %6.1f%% %11s %14.3f%n", library, count, share * 100,
          jit ? "" : String.format(Locale.ROOT, "%.1f%%", count * 100.0 / withoutJit), share * appMs);
      shares.put(library, Math.round(share * 1000) / 10.0);
    });
    double compiler = byLibrary.get("JIT compiler threads") * 100.0 / all;
    double inclusive = tokenCheckInclusive * 100.0 / all;
    System.out.printf("JIT compiler threads: %.1f%% of the window's samples (reported apart: warm-up should keep it low)%n",
        compiler);
    System.out.printf("signature check inclusive (a jose4j.jws or sun.security.rsa frame on the stack): %.1f%%%n",
        inclusive);
    bench.report.results.put("profile", Map.of("window", name, "samples", total, "collapsed",
        collapsed.getFileName().toString(), "share_percent_by_library", shares, "jit_compiler_percent", compiler,
        "token_check_inclusive_percent", inclusive));
    bench.report.table.add(new String[] {"profile: jose4j/RSA share", String.format(Locale.ROOT, "%.1f%%",
        shares.get("jose4j/RSA (token check)")), String.format(Locale.ROOT, "inclusive %.1f%%", inclusive),
        String.format(Locale.ROOT, "JIT %.1f%%", compiler), "", ""});
  }

  static String category(String[] frames) {
    String thread = frames[0].startsWith("[") ? frames[0] : "";
    String stack = String.join(";", frames);
    if (thread.contains("CompilerThread") || stack.contains("CompileBroker::")) {
      return "JIT compiler threads";
    }
    if (thread.contains("GC Thread") || thread.contains("G1 ") || stack.contains("SerialHeap::")
        || stack.contains("GenCollect") || stack.contains("DefNewGeneration") || stack.contains("CollectedHeap::")) {
      return "GC";
    }
    if (stack.contains(";org.jose4j.")) {
      return "jose4j/RSA (token check)";
    }
    for (int i = frames.length - 1; i >= 0; i--) {
      for (var library : LIBRARIES.entrySet()) {
        for (String prefix : library.getValue()) {
          if (frames[i].startsWith(prefix)) {
            return library.getKey();
          }
        }
      }
    }
    return "other";
  }

  /** The app's CPU ms per request of the window, as Load measured it (wrk only). */
  @SuppressWarnings("unchecked")
  double appMsPerRequest(String name) {
    Object result = bench.report.results.get(name);
    if (result instanceof Map<?, ?> map && map.get("cpu_ms_per_request") instanceof Map<?, ?> cpu) {
      return ((Number) ((Map<String, Object>) cpu).get("app")).doubleValue();
    }
    return Double.NaN;
  }
}
