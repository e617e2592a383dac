package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP peers for the remote supplier adapter: an OAuth2 token endpoint (client credentials,
 * issuing RS256 JWTs that slotgate accepts) and a {@link FakeSupplier}. The application itself is
 * the remote supplier "loop" (it calls its own wholesale face over HTTP).
 */
public class RemoteSupplierResource implements QuarkusTestResourceLifecycleManager {

  public static final FakeSupplier FAKE = new FakeSupplier();
  public static final String LOOP_TENANT = "LOOP-REMOTE";
  private Vertx vertx;

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    FAKE.attach(vertx);
    int tokenPort = listen(vertx.createHttpServer().requestHandler(request -> {
      String token = Jwt.issuer(Tokens.ISSUER).subject("slotgate-gateway").claim("tenants", List.of(LOOP_TENANT))
          .claim("scope", Tokens.BOOK).expiresIn(300).jws().keyId("1").sign("privateKey.jwk");
      request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("access_token", token).put("token_type", "Bearer").put("expires_in", 300).encode());
    }));
    int fakePort = listen(vertx.createHttpServer().requestHandler(FAKE::handle));
    Map<String, String> config = new HashMap<>(Map.of(
        "quarkus.oidc-client.loop.auth-server-url", "http://localhost:" + tokenPort,
        "quarkus.oidc-client.loop.discovery-enabled", "false",
        "quarkus.oidc-client.loop.token-path", "/token",
        "quarkus.oidc-client.loop.client-id", "slotgate-gateway",
        "quarkus.oidc-client.loop.credentials.secret", "gateway-secret",
        "slotgate.remote-suppliers.loop.url", "http://localhost:8081",
        "slotgate.remote-suppliers.loop.tenant", LOOP_TENANT,
        "slotgate.remote-suppliers.loop.oidc-client", "loop"));
    for (String fake : List.of("fake-slow", "fake-garbage", "fake-down", "fake-confirm", "fake-short", "fake-retry",
        "fake-reconcile", "fake-confirm-read", "fake-drop")) {
      config.put("slotgate.remote-suppliers." + fake + ".url", "http://localhost:" + fakePort);
      config.put("slotgate.remote-suppliers." + fake + ".tenant", "GATEWAY");
      config.put("slotgate.remote-suppliers." + fake + ".oidc-client", "loop");
      config.put("slotgate.remote-suppliers." + fake + ".timeout", "1s");
      // Consistency tests fail calls on purpose; only the down-supplier test is about the breaker.
      config.put("slotgate.remote-suppliers." + fake + ".breaker-requests", fake.equals("fake-down") ? "4" : "50");
      config.put("slotgate.remote-suppliers." + fake + ".breaker-delay", "2s");
    }
    return config;
  }

  private static int listen(HttpServer server) {
    try {
      return server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close();
    }
  }
}
