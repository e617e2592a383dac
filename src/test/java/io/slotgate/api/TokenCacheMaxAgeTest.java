package io.slotgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.slotgate.testing.ConfigProfile;
import io.slotgate.testing.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * slotgate.auth.token-cache.max-age bounds how long a verified token is answered from memory, however long it
 * lives: past it, quarkus-oidc checks the token again (against the JWKS it holds then: the rotation bound).
 */
@QuarkusTest
@TestProfile(TokenCacheMaxAgeTest.ShortMaxAge.class)
class TokenCacheMaxAgeTest {

  public static class ShortMaxAge extends ConfigProfile {
    public ShortMaxAge() {
      // Long enough that two calls a moment apart fall within it on a loaded CI machine (1 s did not, once).
      super(Map.of("slotgate.auth.token-cache.max-age", "4s"));
    }
  }

  @Test
  void aTokenIsVerifiedAgainOnceMaxAgeHasPassed() throws InterruptedException {
    String token = Tokens.forTenants(Tokens.MANAGE, "CACHEAGE");
    assertEquals(200, TokenCacheTest.branches(token, "CACHEAGE"));
    double hits = TokenCacheTest.hits();
    double misses = TokenCacheTest.misses();
    assertEquals(200, TokenCacheTest.branches(token, "CACHEAGE"));
    assertEquals(hits + 1, TokenCacheTest.hits(), "within max-age: a hit");
    Thread.sleep(4_300);
    assertEquals(200, TokenCacheTest.branches(token, "CACHEAGE"), "verified again, still valid");
    assertEquals(hits + 1, TokenCacheTest.hits(), "past max-age: no hit");
    assertEquals(misses + 1, TokenCacheTest.misses(), "past max-age: a miss, so quarkus-oidc checked it");
    assertEquals(200, TokenCacheTest.branches(token, "CACHEAGE"));
    assertEquals(hits + 2, TokenCacheTest.hits(), "and cached again");
  }
}
