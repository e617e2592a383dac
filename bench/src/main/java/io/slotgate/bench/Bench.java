package io.slotgate.bench;

import static io.slotgate.bench.Shell.b64;
import static io.slotgate.bench.Shell.deleteTree;
import static io.slotgate.bench.Shell.freePort;
import static io.slotgate.bench.Shell.run;
import static io.slotgate.bench.Shell.which;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's entry point and the run's shared parts: it starts PostgreSQL, runs one mode's scenarios against
 * packaged app instances ({@link App}), signs their tokens (and serves them to gateways as a token endpoint), and
 * makes catalogues through the admin API. JDK only, compiled and run by bench/run:
 *
 * <pre>
 *   bench/run race      # two instances, one database: exactly 2 winners
 *   bench/run           # the full benchmark
 * </pre>
 */
public final class Bench {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
  static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
  static final String JAR = "target/quarkus-app/quarkus-run.jar";
  static final String AOT_CACHE = "target/quarkus-app/app.aot";
  static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  /** Hold load before the measured hold runs: long enough for the JIT to settle (with 3 s, runs varied 480-940/s). */
  static final int WARMUP = Integer.getInteger("bench.warmup", 10);

  final EmbeddedPostgres pg;
  /** The build under test: this checkout's, or a baseline's (bench/run compare). */
  final String jar;
  final PrivateKey key;
  final String publicKey;
  final Report report = new Report();
  final Load load = new Load(this);

  Bench(EmbeddedPostgres pg) throws Exception {
    this(pg, JAR);
  }

  Bench(EmbeddedPostgres pg, String jar) throws Exception {
    this.pg = pg;
    this.jar = jar;
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
        case "race" -> new Races(bench).race(Integer.getInteger("bench.rounds", 5));
        case "race-remote" -> new Races(bench).raceRemote(Integer.getInteger("bench.rounds", 3));
        case "holds" -> new Throughput(bench).holdsOnly();
        case "profile" -> new Profile(bench).profile(args.length > 1 ? args[1] : "holds");
        case "sweep" -> new Throughput(bench).sweepOnly();
        case "availability" -> new Combinations(bench).only();
        case "coldstart" -> new Startup(bench).coldStartOnly();
        case "startup" -> new Startup(bench).startupBreakdown();
        case "sql" -> new SqlCost(bench).sqlBreakdown();
        case "db-stall" -> DbStall.run(bench);
        case "remote-chaos" -> RemoteChaos.run(bench);
        case "events" -> Events.run(bench);
        case "replica" -> new Replica(bench).run();
        case "compare" -> new Compare(bench).run(System.getProperty("bench.beforeRev"), System.getProperty("bench.beforeJar"));
        case "hub-faults" -> HubFaults.run(bench);
        default -> new Throughput(bench).all();
      };
    } finally {
      pg.stop();
    }
    System.exit(status);
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

  /**
   * The catalogue most scenarios hold on, routed for {@code tenants}: 50 crews, 07:00-22:00 in 30-minute slots over 14
   * days (21,000 places); one place to change it, so the scenarios stay comparable.
   */
  Supplier catalogue(App app, String... tenants) throws Exception {
    return supplier(app, 50, "07", "22", 30, List.of(tenants));
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
    Supplier supplier = new Supplier(this, id, spec, branch);
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

  /** A wholesale-face request of {@code tenant}: its token and the face's headers, an Idempotency-Key when given. */
  HttpRequest.Builder wholesale(String url, String tenant, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token(tenant, "appointments"))
        .header("X-Request-ID", "bench").header("X-Conversation-ID", "bench").header("Tenant", tenant);
    return key == null ? request : request.header("Idempotency-Key", key);
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

  void facts() throws Exception {
    report.results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "jdk", System.getProperty("java.version"), "quarkus", "3.32.1",
        "postgres", run(List.of(pg.binDir().resolve("postgres").toString(), "--version")).trim(),
        "date", Instant.now().toString()));
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
}
