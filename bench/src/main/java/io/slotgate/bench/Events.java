package io.slotgate.bench;

import com.sun.net.httpserver.HttpServer;
import io.slotgate.testing.KafkaBroker;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Issue 11's benchmark (bench/run events): two app instances on one database deliver the events of a
 * hold / confirm / cancel load to one healthy receiver on loopback. Reports delivery latency from the
 * change to receipt (p50/p99), duplicates (must be 0), order per appointment, and events left unpublished.
 * The same instances also stream every event to Kafka (issue 26: a KRaft broker from Kafka's jars, {@link KafkaBroker}),
 * read by a consumer here: every committed event on the booker's topic, in order per appointment key, and the
 * latency from the change to the consumer beside the webhooks' ({@code -Dbench.kafka=false} leaves Kafka out).
 */
final class Events {

  private static final Pattern EVENT = Pattern.compile(
      "\"eventId\":\"([^\"]+)\",\"eventTime\":\"([^\"]+)\".*\"appointment\":\\{\"id\":(\\d+).*\"status\":\"([A-Z_]+)\"");

  private Events() {}

  static int run(Bench bench) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 10);
    ConcurrentLinkedQueue<String[]> received = new ConcurrentLinkedQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      long at = System.currentTimeMillis();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = EVENT.matcher(body);
      if (m.find()) {
        received.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), String.valueOf(at)});
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.start();
    List<String> options = new ArrayList<>(List.of("-Dslotgate.hub.allow-private-callbacks=true",
        "-Dslotgate.hub.every=" + System.getProperty("bench.hubEvery", "200ms")));
    KafkaBroker broker = Boolean.parseBoolean(System.getProperty("bench.kafka", "true")) ? KafkaBroker.start() : null;
    ConcurrentLinkedQueue<String[]> streamed = new ConcurrentLinkedQueue<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    Thread reader = null;
    if (broker != null) {
      options.addAll(List.of("-Dslotgate.kafka.enabled=true", "-Dslotgate.kafka.bootstrap-servers="
          + broker.bootstrapServers(), "-Dslotgate.kafka.every=" + System.getProperty("bench.hubEvery", "200ms")));
      reader = read(broker, streamed, reading);
    }
    try (App a = App.start(bench, 18081, null, options); App b = App.start(bench, 18082, null, options)) {
      Supplier crews = bench.catalogue(a, "EVENTS-1");
      List<String[]> slots = crews.cached;
      HttpClient http = HttpClient.newHttpClient();
      int subscribed = http.send(HttpRequest.newBuilder(URI.create(a.base + "/WholesaleGateway/v1.0/gateway/hub"))
          .header("Authorization", "Bearer " + bench.token("EVENTS-1", "appointments")).header("Tenant", "EVENTS-1")
          .header("X-Request-ID", "events").header("X-Conversation-ID", "events").header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString("{\"callback\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/events\"}"))
          .build(), BodyHandlers.discarding()).statusCode();
      if (subscribed != 201) {
        throw new IllegalStateException("subscribe answered " + subscribed);
      }
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger next = new AtomicInteger();
      AtomicInteger changes = new AtomicInteger();
      ExecutorService load = Executors.newFixedThreadPool(16);
      for (int worker = 0; worker < 16; worker++) {
        App app = worker % 2 == 0 ? a : b;
        load.submit(() -> {
          HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
          while (running.get()) {
            String[] slot = slots.get(next.getAndIncrement() % slots.size());
            HttpRequest hold = crews.holdRequest(app, "EVENTS-1", slot);
            var answer = client.send(hold, BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
              continue;
            }
            changes.incrementAndGet();
            Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(answer.body());
            if (id.find() && next.get() % 2 == 0) {
              for (String move : List.of("confirm", "cancel")) {
                if (client.send(action(bench, app, id.group(1), move), BodyHandlers.discarding()).statusCode() == 200) {
                  changes.incrementAndGet();
                }
              }
            }
          }
          return null;
        });
      }
      Thread.sleep(seconds * 1000L);
      running.set(false);
      load.shutdown();
      load.awaitTermination(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.size() < committed(bench) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      while (broker != null && distinct(streamed) < committed(bench) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      Thread.sleep(1_000); // anything sent twice would arrive now
      List<String[]> events = new ArrayList<>(received);
      Map<String, Integer> copies = new HashMap<>();
      events.forEach(e -> copies.merge(e[0], 1, Integer::sum));
      long duplicates = copies.values().stream().filter(n -> n > 1).count();
      Map<String, List<String>> perAppointment = new LinkedHashMap<>();
      events.forEach(e -> perAppointment.computeIfAbsent(e[2], k -> new ArrayList<>()).add(e[3]));
      long outOfOrder = perAppointment.values().stream().filter(statuses -> !inOrder(statuses)).count();
      List<Long> latency = events.stream()
          .map(e -> Long.parseLong(e[4]) - Instant.parse(e[1]).toEpochMilli()).sorted().toList();
      // Events the publish cursor has not passed: not in its published snapshot, nor in its round up to last_id.
      String eventsLeft = bench.sql("SELECT count(*) FROM appointment_event e, event_cursor c "
          + "WHERE e.xid >= pg_snapshot_xmin(c.published) AND NOT pg_visible_in_snapshot(e.xid, c.published) "
          + "AND NOT (pg_visible_in_snapshot(e.xid, c.round) AND e.id <= c.last_id)");
      String pending = bench.sql("SELECT count(*) FROM hub_delivery WHERE delivered_at IS NULL");
      // What the database committed is what must arrive: a change answered 503 (the request bound passed while
      // PostgreSQL was slow, e.g. a cold instance) still commits, and its event is owed like any other.
      long committed = committed(bench);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("changes", changes.get());
      result.put("changes_committed", committed);
      result.put("events_received", events.size());
      result.put("duplicates", duplicates);
      result.put("appointments_out_of_order", outOfOrder);
      result.put("delivery_latency_p50_ms", percentile(latency, 0.5));
      result.put("delivery_latency_p99_ms", percentile(latency, 0.99));
      result.put("events_unpublished_after_run", eventsLeft);
      result.put("deliveries_pending_after_run", pending);
      result.put("hub_every", System.getProperty("bench.hubEvery", "200ms"));
      boolean kafkaOk = true;
      if (broker != null) {
        // At least once: a record sent again after a failed batch is a duplicate a consumer drops by event id. Order
        // and latency are of each event's first arrival.
        List<String[]> firsts = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        List.copyOf(streamed).forEach(e -> {
          if (seen.putIfAbsent(e[0], true) == null) {
            firsts.add(e);
          }
        });
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        firsts.forEach(e -> byKey.computeIfAbsent(e[2], k -> new ArrayList<>()).add(e[3]));
        long kafkaOutOfOrder = byKey.values().stream().filter(statuses -> !inOrder(statuses)).count();
        List<Long> kafkaLatency = firsts.stream()
            .map(e -> Long.parseLong(e[4]) - Instant.parse(e[1]).toEpochMilli()).sorted().toList();
        result.put("kafka_events_received", firsts.size());
        result.put("kafka_records_sent_again", streamed.size() - firsts.size());
        result.put("kafka_appointments_out_of_order", kafkaOutOfOrder);
        result.put("kafka_latency_p50_ms", percentile(kafkaLatency, 0.5));
        result.put("kafka_latency_p99_ms", percentile(kafkaLatency, 0.99));
        kafkaOk = firsts.size() == committed && kafkaOutOfOrder == 0;
      }
      System.out.println("events: " + result);
      System.out.printf("%n%-10s %10s %10s %14s %14s%n", "channel", "events", "committed", "p50 ms", "p99 ms");
      System.out.printf("%-10s %10d %10d %14d %14d%n", "webhooks", events.size(), committed,
          percentile(latency, 0.5), percentile(latency, 0.99));
      if (broker != null) {
        System.out.printf("%-10s %10s %10d %14s %14s%n", "kafka", result.get("kafka_events_received"), committed,
            result.get("kafka_latency_p50_ms"), result.get("kafka_latency_p99_ms"));
      }
      Files.writeString(Paths.get("bench/results/events.json"), Report.json(result) + "\n");
      boolean ok = events.size() == committed && committed >= changes.get() && duplicates == 0 && outOfOrder == 0
          && "0".equals(eventsLeft) && "0".equals(pending) && kafkaOk;
      System.out.println(ok ? "events: ok" : "events: FAILED");
      return ok ? 0 : 1;
    } finally {
      receiver.stop(0);
      reading.set(false);
      if (reader != null) {
        reader.join(5_000);
      }
      if (broker != null) {
        broker.close();
      }
    }
  }

  private static long committed(Bench bench) throws Exception {
    return Long.parseLong(bench.sql("SELECT count(*) FROM appointment_event e JOIN appointment a "
        + "ON a.id = e.appointment_id WHERE a.tenant = 'EVENTS-1'").trim());
  }

  private static long distinct(ConcurrentLinkedQueue<String[]> streamed) {
    return streamed.stream().map(e -> e[0]).distinct().count();
  }

  /**
   * Reads the booker's topic (the wholesale face's: this load's events) from the start into {@code into}: event id,
   * event time, key, status, time of receipt. The topics are made first, three partitions each, as an operator would.
   */
  private static Thread read(KafkaBroker broker, ConcurrentLinkedQueue<String[]> into, AtomicBoolean reading)
      throws Exception {
    java.util.Properties config = new java.util.Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    String topic = "slotgate.appointments.wholesale";
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(List.of("wholesale", "booking", "owner").stream()
          .map(face -> new NewTopic("slotgate.appointments." + face, 3, (short) 1)).toList()).all().get();
    }
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Thread reader = new Thread(() -> {
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
          new StringDeserializer())) {
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
            new TopicPartition(topic, 2));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (reading.get()) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
            long at = System.currentTimeMillis();
            Matcher m = EVENT.matcher(r.value());
            if (m.find()) {
              into.add(new String[] {m.group(1), m.group(2), r.key(), m.group(4), String.valueOf(at)});
            }
          }
        }
      }
    }, "bench-kafka-reader");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private static HttpRequest action(Bench bench, App app, String id, String action) {
    return HttpRequest.newBuilder(URI.create(app.base + "/WholesaleGateway/v1.0/gateway/appointments/" + id + "/_actions/"
            + action)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bench.token("EVENTS-1", "appointments")).header("Tenant", "EVENTS-1")
        .header("X-Request-ID", "events").header("X-Conversation-ID", "events")
        .POST(BodyPublishers.noBody()).build();
  }

  /** RESERVED, then ACCEPTED, then CANCELLED, as far as they went. */
  private static boolean inOrder(List<String> statuses) {
    List<String> expected = List.of("RESERVED", "ACCEPTED", "CANCELLED");
    return statuses.equals(expected.subList(0, Math.min(statuses.size(), 3))) && statuses.size() <= 3;
  }

  private static long percentile(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
  }
}
