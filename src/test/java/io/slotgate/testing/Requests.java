package io.slotgate.testing;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Request templates per face: headers and a real token for the tenant. */
public final class Requests {

  private Requests() {}

  /** The management port of the app under test: health, metrics and the OpenAPI document, never on the API port. */
  public static final int OPS_PORT = 9001;

  /** Requests to the management port (no token: it is not reachable through the API gateway). */
  public static RequestSpecification ops() {
    return new RequestSpecBuilder().setPort(OPS_PORT).build();
  }

  public static RequestSpecification gateway(String tenant) {
    return new RequestSpecBuilder()
        .addHeader("Authorization", "Bearer " + Tokens.forTenants(Tokens.BOOK, tenant))
        .addHeader("X-Request-ID", "req-" + UUID.randomUUID())
        .addHeader("X-Conversation-ID", "conv-test")
        .addHeader("Tenant", tenant)
        .build();
  }
}
