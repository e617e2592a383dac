package io.slotgate.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;

/** Real RS256-signed access tokens for tests, signed with the key the test OIDC server publishes. */
public final class Tokens {

  public static final String ISSUER = "https://server.example.com";
  public static final String BOOK = "appointments";
  public static final String MANAGE = "appointments:manage";

  private Tokens() {}

  public static String forTenants(String scope, String... tenants) {
    return Jwt.issuer(ISSUER).subject("alice").upn("alice")
        .claim("tenants", List.of(tenants))
        .claim("scope", scope)
        .expiresIn(600)
        .jws().keyId("1").sign("privateKey.jwk");
  }

  /** A token using the single-valued {@code tenant} claim. */
  public static String forTenant(String scope, String tenant) {
    return Jwt.issuer(ISSUER).subject("bob").upn("bob").claim("tenant", tenant).claim("scope", scope)
        .expiresIn(600).jws().keyId("1").sign("privateKey.jwk");
  }

  /** A valid token that expires this many seconds from now. */
  public static String expiringIn(long seconds, String scope, String tenant) {
    return Jwt.issuer(ISSUER).subject("alice").upn("alice").claim("tenants", List.of(tenant)).claim("scope", scope)
        .expiresAt(Instant.now().plusSeconds(seconds)).jws().keyId("1").sign("privateKey.jwk");
  }

  public static String expired(String scope, String tenant) {
    return Jwt.issuer(ISSUER).subject("alice").claim("tenants", List.of(tenant)).claim("scope", scope)
        .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
        .jws().keyId("1").sign("privateKey.jwk");
  }

  public static String wrongIssuer(String scope, String tenant) {
    return Jwt.issuer("https://attacker.example.com").subject("alice").claim("tenants", List.of(tenant))
        .claim("scope", scope).expiresIn(600).jws().keyId("1").sign("privateKey.jwk");
  }

  /** Well formed, but signed by a key the provider never published. */
  public static String wronglySigned(String scope, String tenant) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return Jwt.issuer(ISSUER).subject("mallory").claim("tenants", List.of(tenant)).claim("scope", scope)
          .expiresIn(600).jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
