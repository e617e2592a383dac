package io.slotgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.slotgate.testing.ConfigProfile;
import io.slotgate.testing.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** slotgate.auth.token-cache.enabled=false: every request's token is verified by quarkus-oidc, nothing is kept. */
@QuarkusTest
@TestProfile(TokenCacheOffTest.CacheOff.class)
class TokenCacheOffTest {

  public static class CacheOff extends ConfigProfile {
    public CacheOff() {
      super(Map.of("slotgate.auth.token-cache.enabled", "false"));
    }
  }

  @Test
  void tokensAreCheckedEveryTimeAndNothingIsCached() throws InterruptedException {
    // The loop runs on a token valid long enough for a cold app on a loaded machine; the expiry on a short one.
    String token = Tokens.forTenants(Tokens.MANAGE, "CACHEOFF");
    String expiring = Tokens.expiringIn(2, Tokens.MANAGE, "CACHEOFF");
    assertEquals(200, TokenCacheTest.branches(expiring, "CACHEOFF"));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, TokenCacheTest.branches(token, "CACHEOFF"));
      assertEquals(403, TokenCacheTest.branches(token, "CACHEOTHER"));
      assertEquals(403, TokenCacheTest.branches(Tokens.forTenants(Tokens.BOOK, "CACHEOFF"), "CACHEOFF"));
    }
    assertEquals(401, TokenCacheTest.branches(Tokens.wronglySigned(Tokens.MANAGE, "CACHEOFF"), "CACHEOFF"));
    assertEquals(0.0, TokenCacheTest.hits(), "no hits");
    assertEquals(0.0, TokenCacheTest.size(), "nothing kept");
    Thread.sleep(3_100);
    assertEquals(401, TokenCacheTest.branches(expiring, "CACHEOFF"));
  }
}
