package io.slotgate.supplier.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.config.SlotgateConfig.RemoteSupplier;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.supplier.SupplierUnavailable;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.MDC;

/**
 * HTTP calls to remote suppliers: their token (client credentials, cached until it expires), a
 * timeout, and a circuit breaker per supplier that opens on faults and timeouts. 5xx, refused
 * connections and timeouts are supplier failures; other statuses go back to the adapter to map.
 */
@ApplicationScoped
class HttpSupplierClient {

  private final WebClient web;
  private final SlotgateConfig config;
  private final Instance<OidcClients> oidc;
  private final MeterRegistry metrics;
  private final Map<String, TypedGuard<Uni<HttpResponse<Buffer>>>> guards = new ConcurrentHashMap<>();
  private final Map<String, Uni<Tokens>> tokens = new ConcurrentHashMap<>();

  HttpSupplierClient(Vertx vertx, SlotgateConfig config, Instance<OidcClients> oidc, MeterRegistry metrics) {
    this.web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(32));
    this.config = config;
    this.oidc = oidc;
    this.metrics = metrics;
  }

  @PreDestroy
  void close() {
    web.close();
  }

  RemoteSupplier remote(String supplier) {
    RemoteSupplier remote = config.remoteSuppliers().get(supplier);
    if (remote == null) {
      throw new DomainFailure(DomainFailure.Kind.NOT_IMPLEMENTED, List.of("Supplier '" + supplier + "' uses the "
          + "http adapter but slotgate.remote-suppliers.\"" + supplier + "\".url is not configured"), Map.of());
    }
    return remote;
  }

  /** One guarded call; {@code operation} names it in metrics. */
  Uni<HttpResponse<Buffer>> send(String supplier, String operation, HttpMethod method, String path,
      Map<String, String> query, JsonObject body) {
    RemoteSupplier remote = remote(supplier);
    long start = System.nanoTime();
    return guard(supplier, remote).get(() -> token(supplier, remote)
            .chain(token -> request(supplier, remote, method, path, query, body, token)))
        .onFailure(CircuitBreakerOpenException.class).transform(open ->
            SupplierUnavailable.circuitOpen(supplier, Math.max(1, remote.breakerDelay().toSeconds())))
        .onItemOrFailure().invoke((response, failure) -> Timer.builder("slotgate.supplier.calls")
            .tag("supplier", supplier).tag("operation", operation)
            .tag("outcome", failure == null ? String.valueOf(response.statusCode())
                : failure instanceof DomainFailure f ? f.kind().name() : "error")
            .register(metrics).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
  }

  private Uni<HttpResponse<Buffer>> request(String supplier, RemoteSupplier remote, HttpMethod method, String path,
      Map<String, String> query, JsonObject body, String token) {
    HttpRequest<Buffer> request = web.requestAbs(method, remote.url() + path)
        .timeout(remote.timeout().toMillis())
        .putHeader("Tenant", remote.tenant())
        .putHeader("X-Request-ID", correlation("requestId"))
        .putHeader("X-Conversation-ID", correlation("conversationId"))
        .putHeader("Accept", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    query.forEach(request::addQueryParam);
    Uni<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent
        .ifNoItem().after(remote.timeout()).failWith(() -> SupplierUnavailable.timedOut(supplier, remote.timeout()))
        .onFailure(f -> !(f instanceof DomainFailure)).transform(f -> f instanceof java.util.concurrent.TimeoutException
            || f.getClass().getSimpleName().contains("Timeout")
            ? SupplierUnavailable.timedOut(supplier, remote.timeout())
            : SupplierUnavailable.fault(supplier, "cannot be reached (" + f.getClass().getSimpleName() + ")"))
        .invoke(response -> {
          if (response.statusCode() >= 500) {
            throw SupplierUnavailable.fault(supplier, "answered HTTP " + response.statusCode());
          }
        });
  }

  /** The supplier's client-credentials token, shared by concurrent calls and fetched again once expired. */
  private Uni<String> token(String supplier, RemoteSupplier remote) {
    if (remote.oidcClient().isEmpty()) {
      return Uni.createFrom().item(remote.token().orElse(null));
    }
    return cachedTokens(supplier, remote).chain(found -> {
      if (found.isAccessTokenExpired()) {
        tokens.remove(supplier);
        return cachedTokens(supplier, remote);
      }
      return Uni.createFrom().item(found);
    }).map(Tokens::getAccessToken);
  }

  private Uni<Tokens> cachedTokens(String supplier, RemoteSupplier remote) {
    return tokens.computeIfAbsent(supplier, key -> oidc.get().getClient(remote.oidcClient().get()).getTokens()
        .onFailure().invoke(() -> tokens.remove(supplier))
        .onFailure().transform(f -> SupplierUnavailable.fault(supplier, "no token from its identity provider"))
        .memoize().indefinitely());
  }

  private TypedGuard<Uni<HttpResponse<Buffer>>> guard(String supplier, RemoteSupplier remote) {
    return guards.computeIfAbsent(supplier, key -> TypedGuard.create(new TypeLiteral<Uni<HttpResponse<Buffer>>>() {})
        .withCircuitBreaker()
        .name("supplier-" + supplier)
        .requestVolumeThreshold(remote.breakerRequests())
        .failureRatio(remote.breakerFailureRatio())
        .delay(remote.breakerDelay().toMillis(), ChronoUnit.MILLIS)
        .when(SupplierUnavailable::isFault)
        .done()
        .build());
  }

  private static String correlation(String key) {
    Object value = MDC.get(key);
    return value == null || "-".equals(value) ? "slotgate-" + UUID.randomUUID() : value.toString();
  }
}
