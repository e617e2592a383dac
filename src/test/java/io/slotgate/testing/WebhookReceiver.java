package io.slotgate.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.vertx.VertxContextSupport;
import io.slotgate.api.events.EventDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** A real webhook receiver on loopback that answers 204 and keeps each delivery's signature and body. */
public final class WebhookReceiver implements AutoCloseable {

  /** One delivery as received. */
  public record Delivery(String signature, String body) {}

  private final HttpServer server;
  public final List<Delivery> received = new CopyOnWriteArrayList<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/events", exchange -> {
      received.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Slotgate-Signature"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  public String callback() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  /** Runs delivery rounds (the scheduler is off in tests) until {@code condition} holds, for at most 30 s. */
  public void pumpUntil(EventDelivery delivery, BooleanSupplier condition) throws Throwable {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not delivered in time; received " + received.size());
      }
      VertxContextSupport.subscribeAndAwait(() -> delivery.publish().chain(() -> delivery.deliver()));
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
