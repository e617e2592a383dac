package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.slotgate.testing.Await;
import io.slotgate.testing.Db;
import io.slotgate.testing.PostgresResource;
import io.slotgate.testing.Requests;
import io.slotgate.testing.WholesaleFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: our database restarts ({@code pg_ctl restart -m fast}, twice) under a search, hold, confirm, cancel and
 * owner-list load from 16 clients. Every answer is what the request deserves or 503 SERVICE_UNAVAILABLE with
 * Retry-After, never 500 SUPPLIER_FAULT; afterwards the app logs no ERROR and no uncaught exception, also once the
 * pool's 30 s connection timeout has passed for every request made while the database was away, and prints no
 * stack trace outside its log.
 */
@QuarkusTest
class DatabaseRestartTest {

  static final String TENANT = "T-RESTART";
  static final int CLIENTS = 16;
  /** The reactive pool's connection timeout (Vert.x PoolOptions' default; Quarkus does not change it), and slack. */
  static final Duration POOL_TIMEOUT_PASSED = Duration.ofSeconds(33);

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      String message = record.getMessage() == null ? "" : String.valueOf(record.getMessage());
      if (record.getLevel().intValue() >= Level.SEVERE.intValue() || message.contains("Uncaught exception")) {
        String formatted = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : message;
        errors.add(record.getLevel() + " [" + record.getLoggerName() + "] " + formatted + trace(record.getThrown()));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @Test
  void aRestartingDatabaseGets503sNeverSupplierFaultsAndLeavesNoErrorsBehind() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(40, 900, false, TENANT);
    List<Map<String, Object>> slots = supplier.available(TENANT);
    Logger root = Logger.getLogger("");
    PrintStream stderr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Load load = new Load(supplier, slots);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
    List<Future<?>> running = new ArrayList<>();
    root.addHandler(capture);
    System.setErr(new PrintStream(new Tee(stderr, printed), true, StandardCharsets.UTF_8));
    long lastRestart;
    try {
      for (int i = 0; i < CLIENTS; i++) {
        running.add(clients.submit(load::client));
      }
      running.add(clients.submit(load::readiness));
      pause(Duration.ofSeconds(3));
      PostgresResource.postgres().restart();
      pause(Duration.ofSeconds(4));
      PostgresResource.postgres().restart();
      lastRestart = System.nanoTime();
      pause(Duration.ofSeconds(12));
      load.stop.set(true);
      for (Future<?> client : running) {
        client.get(30, TimeUnit.SECONDS);
      }
      // Requests made while the database was away armed the pool's connection-timeout timers; they fire 30 s later.
      long watchedUntil = lastRestart + POOL_TIMEOUT_PASSED.toNanos();
      pause(Duration.ofNanos(Math.max(0, watchedUntil - System.nanoTime())));
    } finally {
      load.stop.set(true);
      clients.shutdownNow();
      System.setErr(stderr);
      root.removeHandler(capture);
    }
    String summary = "answers " + load + "; unexpected " + load.unexpected.size() + ": "
        + load.unexpected.stream().limit(10).toList() + "\nERROR log lines " + errors.size() + ":\n"
        + String.join("\n", errors.stream().limit(20).toList());
    System.out.println("DatabaseRestartTest: " + summary);
    assertTrue(load.unexpected.isEmpty(), "every answer is expected or 503 with Retry-After: " + summary);
    assertTrue(errors.isEmpty(), "no ERROR and no uncaught exception in the app log: " + summary);
    String stray = printed.toString(StandardCharsets.UTF_8);
    assertTrue(!stray.contains("\tat ") && !stray.contains("Exception"), "no stack trace outside the log: " + stray);
    assertTrue(load.succeeded.sum() > 0, "the load made progress: " + summary);

    // Everything works again, without a restart of the app.
    Await.until(() -> given().spec(Requests.ops()).get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(20),
        "readiness is UP again");
    long id = load.ids.incrementAndGet();
    Map<String, Object> slot = slots.get(ThreadLocalRandom.current().nextInt(slots.size()));
    int status = supplier.hold(TENANT, id, slot).statusCode();
    assertTrue(status == 201 || status == 409, "a hold after the restarts answered " + status);
    Db.assertCapacityIntact();
  }

  /** 16 clients, each holding a slot, then confirming and cancelling it or cancelling it, with searches and lists. */
  private static final class Load {
    final WholesaleFixture supplier;
    final List<Map<String, Object>> slots;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 44, 1L << 45));
    final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final LongAdder succeeded = new LongAdder();

    Load(WholesaleFixture supplier, List<Map<String, Object>> slots) {
      this.supplier = supplier;
      this.slots = slots;
    }

    void client() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (!stop.get()) {
        long id = ids.incrementAndGet();
        String path = BASE + "/appointments/" + id;
        answered("search", () -> supplier.search(TENANT), Set.of(200));
        Response hold = answered("hold", () -> supplier.hold(TENANT, id, slots.get(random.nextInt(slots.size()))),
            Set.of(201, 409));
        if (hold.statusCode() != 201) {
          continue;
        }
        answered("get", () -> given().spec(Requests.gateway(TENANT)).get(path), Set.of(200));
        if (random.nextBoolean()) {
          answered("confirm", () -> given().spec(Requests.gateway(TENANT)).contentType(ContentType.JSON)
              .post(path + "/_actions/confirm"), Set.of(200));
        }
        answered("owner-list", () -> supplier.asOwner().get("/enterprises/" + supplier.owner + "/appointments"),
            Set.of(200));
        // A confirm answered 503 may still have committed: either way the cancel is expected to be accepted.
        answered("cancel", () -> given().spec(Requests.gateway(TENANT)).post(path + "/_actions/cancel"), Set.of(200));
      }
    }

    void readiness() {
      while (!stop.get()) {
        int status = given().spec(Requests.ops()).get("/q/health/ready").statusCode();
        count("readiness", status);
        if (status != 200 && status != 503) {
          unexpected.add("readiness " + status);
        }
        pause(Duration.ofMillis(200));
      }
    }

    private Response answered(String what, Supplier<Response> call, Set<Integer> expected) {
      Response response = call.get();
      int status = response.statusCode();
      count(what, status);
      if (expected.contains(status)) {
        succeeded.increment();
      } else if (status == 503) {
        String code = response.path("code") != null ? response.path("code") : response.path("errors[0].code");
        if (!"SERVICE_UNAVAILABLE".equals(code) || response.header("Retry-After") == null) {
          unexpected.add(what + " 503 without SERVICE_UNAVAILABLE and Retry-After: " + response.asString());
        }
      } else {
        unexpected.add(what + " " + status + ": " + response.asString());
      }
      return response;
    }

    private void count(String what, int status) {
      counts.computeIfAbsent(what + " " + status, key -> new LongAdder()).increment();
    }

    @Override
    public String toString() {
      Map<String, Long> sorted = new TreeMap<>();
      counts.forEach((key, value) -> sorted.put(key, value.sum()));
      return sorted.toString();
    }
  }

  private static String trace(Throwable thrown) {
    if (thrown == null) {
      return "";
    }
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return "\n" + text;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes to the real stderr and keeps a copy, to see what is printed there instead of logged. */
  private static final class Tee extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream copy;

    Tee(OutputStream out, ByteArrayOutputStream copy) {
      this.out = out;
      this.copy = copy;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      out.write(b);
      copy.write(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
      out.write(bytes, offset, length);
      copy.write(bytes, offset, length);
    }
  }
}
