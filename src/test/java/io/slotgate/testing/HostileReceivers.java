package io.slotgate.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local webhook receivers that misbehave the ways issue 20 lists (500, a trickling answer, a 1 GiB answer, a black
 * hole, a closed port), plus plain ones, for EventIsolationTest and bench/run hub-faults. JDK only: the bench compiles
 * it from the test tree. Closing stops every server and drops every connection it holds.
 */
public final class HostileReceivers implements AutoCloseable {

  private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
  /** Bytes the 1 GiB receivers wrote, all of them together. */
  public final AtomicLong hugeWritten = new AtomicLong();

  /** A receiver at /events answering with {@code handler}, {@code threads} requests at a time. */
  public String serve(HttpHandler handler, int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/events", handler);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    server.setExecutor(pool);
    server.start();
    servers.add(() -> {
      server.stop(0);
      pool.shutdownNow();
    });
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  public String status500() throws IOException {
    return serve(exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    }, 4);
  }

  /** Answers 200 with a 1 GiB body, streamed from one 64 KiB buffer (never allocated), counting what it wrote. */
  public String huge() throws IOException {
    byte[] chunk = new byte[64 * 1024];
    return serve(exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 1L << 30);
      try (OutputStream out = exchange.getResponseBody()) {
        for (long sent = 0; sent < 1L << 30; sent += chunk.length) {
          out.write(chunk);
          hugeWritten.addAndGet(chunk.length);
        }
      } catch (IOException reset) {
        // The client stopped reading: what it should do.
      }
      exchange.close();
    }, 8);
  }

  /** Accepts connections and never reads or answers. */
  public String blackHole() throws IOException {
    ServerSocket socket = listen();
    threads.submit(() -> {
      while (!socket.isClosed()) {
        hold(socket.accept());
      }
      return null;
    });
    return "http://127.0.0.1:" + socket.getLocalPort() + "/events";
  }

  /** Sends its answer's head one byte a second, forever: never an answer, but never silent either. */
  public String trickle() throws IOException {
    ServerSocket socket = listen();
    byte[] answer = "HTTP/1.1 200 OK\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII);
    threads.submit(() -> {
      while (!socket.isClosed()) {
        Socket client = hold(socket.accept());
        AtomicLong next = new AtomicLong();
        Future<?>[] self = new Future<?>[1];
        self[0] = ticks.scheduleAtFixedRate(() -> {
          try {
            long n = next.getAndIncrement();
            client.getOutputStream().write(n < answer.length ? answer[(int) n] : 'a');
            client.getOutputStream().flush();
          } catch (IOException closed) {
            self[0].cancel(false);
          }
        }, 0, 1, TimeUnit.SECONDS);
      }
      return null;
    });
    return "http://127.0.0.1:" + socket.getLocalPort() + "/events";
  }

  /** A port nothing listens on. */
  public static String refused() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/events";
    }
  }

  private ServerSocket listen() throws IOException {
    ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    servers.add(socket);
    return socket;
  }

  private Socket hold(Socket client) {
    servers.add(client);
    return client;
  }

  @Override
  public void close() {
    for (AutoCloseable server : servers) {
      try {
        server.close();
      } catch (Exception ignored) {
        // already closed
      }
    }
    threads.shutdownNow();
    ticks.shutdownNow();
  }
}
