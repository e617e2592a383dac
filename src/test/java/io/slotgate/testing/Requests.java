package io.slotgate.testing;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Request templates per face: headers and a real token for the tenant. */
public final class Requests {

  private Requests() {}

  public static RequestSpecification gateway(String tenant) {
    return new RequestSpecBuilder()
        .addHeader("Authorization", "Bearer " + Tokens.forTenants(Tokens.BOOK, tenant))
        .addHeader("X-Request-ID", "req-" + UUID.randomUUID())
        .addHeader("X-Conversation-ID", "conv-test")
        .addHeader("Tenant", tenant)
        .build();
  }
}
