package io.slotgate.api.events;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.events.CallbackAddresses;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * Sends one webhook under a hard deadline: the callback's host is resolved and checked (SSRF) at every
 * attempt and the connection goes to that checked address, keeping the Host header and the TLS name;
 * the whole attempt (resolution, connect, headers) ends at the deadline by resetting the connection,
 * and at most {@link #MAX_ANSWER_BYTES} of the answer are ever read, none of it kept.
 */
@ApplicationScoped
public class WebhookSender {

  /** The most of a receiver's answer read before the connection is dropped (the status is all we need). */
  static final int MAX_ANSWER_BYTES = 4096;

  /** What one attempt came to: a status, or the kind of failure, in words that name no address or port. */
  public record Attempt(int status, String error) {
    static Attempt failed(String error) {
      return new Attempt(0, error);
    }

    public boolean delivered() {
      return status >= 200 && status < 300;
    }

    public boolean timedOut() {
      return TIMEOUT.equals(error);
    }

    /** What the subscription's {@code lastError} says. */
    public String describe() {
      return error != null ? error : "HTTP " + status;
    }
  }

  static final String TIMEOUT = "timeout";

  private final Vertx vertx;
  private final HttpClient http;
  private final boolean allowPrivate;

  public WebhookSender(Vertx vertx, SlotgateConfig config) {
    this.vertx = vertx;
    this.allowPrivate = config.hub().allowPrivateCallbacks();
    // Per endpoint (checked address and name): the per-subscription cap keeps a receiver from holding many.
    // TLS: the engine is made for the callback's host (the peer), so SNI and the host check use the name
    // while the socket goes to the checked address.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(16)
        .setVerifyHost(true).setMaxRedirects(0).setMaxWaitQueueSize(256)
        .setKeepAliveTimeout(30));
  }

  @PreDestroy
  void close() {
    http.close();
  }

  /** POSTs {@code body} to {@code callback} and answers how it went within {@code deadline}; never fails. */
  public Uni<Attempt> post(String callback, String body, Map<String, String> headers, Duration deadline) {
    long started = System.nanoTime();
    URI uri = URI.create(callback);
    Exchange exchange = new Exchange();
    return Uni.createFrom().item(() -> checkedAddress(uri))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .chain(address -> exchange(uri, address, body, headers, exchange, started, deadline))
        // The hard stop, whatever the receiver is doing (trickling, silent): its connection is reset now.
        .ifNoItem().after(deadline).recoverWithItem(() -> {
          exchange.abandon();
          return Attempt.failed(TIMEOUT);
        })
        .onFailure().recoverWithItem(WebhookSender::kind);
  }

  /** The attempt's request once there is one; abandoned at the deadline, which resets it now or when it comes. */
  private static final class Exchange {
    private final AtomicReference<HttpClientRequest> request = new AtomicReference<>();
    private final AtomicBoolean abandoned = new AtomicBoolean();

    /** Answers false (and resets the request) when the deadline passed already. */
    boolean started(HttpClientRequest started) {
      request.set(started);
      if (abandoned.get()) {
        started.reset();
        return false;
      }
      return true;
    }

    void abandon() {
      abandoned.set(true);
      HttpClientRequest current = request.get();
      if (current != null) {
        current.reset();
      }
    }
  }

  private InetAddress checkedAddress(URI uri) {
    try {
      return CallbackAddresses.resolve(uri.getHost(), allowPrivate);
    } catch (UnknownHostException e) {
      throw new HostNotFound();
    }
  }

  private Uni<Attempt> exchange(URI uri, InetAddress address, String body, Map<String, String> headers,
      Exchange exchange, long started, Duration deadline) {
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
        .setURI(path).setSsl(tls)
        // Connect to the address just checked, not to whatever the name resolves to by then (DNS rebinding).
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setConnectTimeout(deadline.toMillis());
    headers.forEach(options::putHeader);
    return Uni.createFrom().emitter(emitter -> http.request(options)
        .compose(request -> exchange.started(request) ? request.send(Buffer.buffer(body))
            : Future.failedFuture(new TimeoutException()))
        .onComplete(result -> {
          if (result.failed()) {
            emitter.fail(result.cause());
            return;
          }
          HttpClientResponse response = result.result();
          emitter.complete(new Attempt(response.statusCode(), null));
          drain(response, response.request(), Math.max(1, deadline.toMillis() - (System.nanoTime() - started) / 1_000_000));
        }));
  }

  /**
   * Reads and drops the answer's body up to {@link #MAX_ANSWER_BYTES}, so a small answer leaves the
   * connection reusable; a longer one, or one still arriving at the deadline, resets the connection.
   */
  private void drain(HttpClientResponse response, HttpClientRequest request, long remainingMs) {
    long[] read = {0};
    long timer = vertx.setTimer(remainingMs, id -> request.reset());
    try {
      response.exceptionHandler(ignored -> vertx.cancelTimer(timer));
      response.endHandler(ignored -> vertx.cancelTimer(timer));
      response.handler(chunk -> {
        read[0] += chunk.length();
        if (read[0] > MAX_ANSWER_BYTES) {
          vertx.cancelTimer(timer);
          response.handler(null);
          request.reset();
        }
      });
    } catch (IllegalStateException ended) {
      // The whole (empty or short) answer came with its head: nothing left to read.
      vertx.cancelTimer(timer);
    }
  }

  /** The kind of a failed attempt, for {@code lastError}: never the address, the port or a class name. */
  static Attempt kind(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CallbackAddresses.Refused) {
        return Attempt.failed("address refused");
      }
      if (cause instanceof HostNotFound) {
        return Attempt.failed("host not found");
      }
      if (cause instanceof TimeoutException || cause instanceof io.netty.channel.ConnectTimeoutException) {
        return Attempt.failed(TIMEOUT);
      }
      if (cause instanceof ConnectException connect) {
        return Attempt.failed(connect.getMessage() != null && connect.getMessage().contains("refused")
            ? "connection refused" : "connection failed");
      }
      if (cause instanceof SSLException) {
        return Attempt.failed("TLS failure");
      }
      if (cause instanceof io.vertx.core.http.HttpClosedException) {
        return Attempt.failed("connection closed");
      }
    }
    return Attempt.failed("connection failed");
  }

  /** The callback's host does not resolve (now). */
  static final class HostNotFound extends RuntimeException {
    HostNotFound() {
      super("host not found", null, false, false);
    }
  }
}
