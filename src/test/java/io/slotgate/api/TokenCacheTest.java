package io.slotgate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.slotgate.testing.ConfigProfile;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The verified-token cache (slotgate.auth.token-cache), through HTTP with real signed tokens: a token is verified
 * once, answers the same from the cache, and never outlives its exp or lets a look-alike token in.
 *
 * <p>It runs with a cache of its own (an instance of its own profile), filled only by its own tokens, and fills it
 * past its bound last. In the suite's shared instance the cache is full of every other test's tokens, and Caffeine's
 * frequency-based admission and eviction decide which new token stays: a count of hits there varied from run to run
 * (5 to 9 of 9 in CI).
 */
@QuarkusTest
@TestProfile(TokenCacheTest.OwnCache.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenCacheTest {

  /** The test profile's 64 entries, in an instance of this class's own. */
  public static class OwnCache extends ConfigProfile {
    public OwnCache() {
      super(Map.of("slotgate.auth.token-cache.max-entries", "64"));
    }
  }

  static final String BRANCHES = "/admin/v1/branches";

  static double metric(String series, String label) {
    String metrics = given().spec(Requests.ops()).get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics.lines().filter(line -> line.startsWith(series + " ") || line.startsWith(series + "{"))
        .filter(line -> line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  static double size() {
    return metric("slotgate_auth_token_cache_size", "");
  }

  static double hits() {
    return metric("slotgate_auth_token_cache_total", "result=\"hit\"");
  }

  static double misses() {
    return metric("slotgate_auth_token_cache_total", "result=\"miss\"");
  }

  /**
   * Whether one of at most {@code calls} calls, each answering {@code status}, is answered from the cache. A full
   * cache (64 entries in tests; the suite's other tests fill it) admits a new token once it has been used a few
   * times, by Caffeine's frequency-based admission, so that one-off tokens do not push out tokens in use.
   */
  static boolean answeredFromTheCacheWithin(int calls, String token, String tenant, int status) {
    for (int i = 0; i < calls; i++) {
      double before = hits();
      assertEquals(status, branches(token, tenant));
      if (hits() > before) {
        return true;
      }
    }
    return false;
  }

  static int branches(String token, String tenant) {
    return given().auth().oauth2(token).header("Tenant", tenant).get(BRANCHES).then().extract().statusCode();
  }

  @Test
  void aTokenIsVerifiedOnceAndAnswersTheSameRolesAndTenantsFromTheCache() {
    String manage = Tokens.forTenants(Tokens.MANAGE, "CACHE1");
    String book = Tokens.forTenants(Tokens.BOOK, "CACHE1");
    assertEquals(200, branches(manage, "CACHE1"));
    assertEquals(403, branches(book, "CACHE1"), "no manage scope");
    // A full cache (the suite's other tests fill it) admits a new token once it has been seen a few times
    // (Caffeine's frequency-based admission): repeat until both are answered from the cache, then count.
    assertTrue(answeredFromTheCacheWithin(20, manage, "CACHE1", 200), "the manage token is cached");
    assertTrue(answeredFromTheCacheWithin(20, book, "CACHE1", 403), "the booking token is cached");
    double before = hits();
    for (int i = 0; i < 3; i++) {
      assertEquals(200, branches(manage, "CACHE1"), "cached: same scope");
      assertEquals(403, branches(manage, "CACHE2"), "cached: same tenants");
      assertEquals(403, branches(book, "CACHE1"), "cached: no manage scope still");
    }
    assertEquals(9.0, hits() - before, "every repeat is answered from the cache");
  }

  @Test
  void aCachedTokenIs401OnceItsExpHasPassed() throws InterruptedException {
    String token = Tokens.expiringIn(2, Tokens.MANAGE, "CACHE1");
    assertTrue(answeredFromTheCacheWithin(20, token, "CACHE1", 200), "answered from the cache");
    Thread.sleep(3_100);
    given().auth().oauth2(token).header("Tenant", "CACHE1").get(BRANCHES).then().statusCode(401)
        .body("code", equalTo("NOT_AUTHORISED"));
  }

  @Test
  void aTamperedCopyOfACachedTokenIs401() {
    String token = Tokens.forTenants(Tokens.MANAGE, "CACHE1");
    assertEquals(200, branches(token, "CACHE1"));
    assertEquals(200, branches(token, "CACHE1"));
    String[] parts = token.split("\\.");
    // Its signature altered.
    char last = parts[2].charAt(parts[2].length() - 2);
    String badSignature = parts[0] + "." + parts[1] + "."
        + parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
    assertEquals(401, branches(badSignature, "CACHE1"));
    // Its claims altered (another tenant) under the cached token's own signature.
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("CACHE1", "CACHE9");
    String otherClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals(401, branches(otherClaims, "CACHE9"));
    // A token signed by a key the provider never published, for the same tenant.
    assertEquals(401, branches(Tokens.wronglySigned(Tokens.MANAGE, "CACHE1"), "CACHE1"));
    assertEquals(200, branches(token, "CACHE1"), "the genuine token still answers");
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it fills the cache
  void theCacheKeepsNoMoreTokensThanItsBound() {
    for (int i = 0; i < 100; i++) {
      assertEquals(200, branches(Tokens.forTenants(Tokens.MANAGE, "CACHE" + i), "CACHE" + i));
    }
    double size = size();
    assertTrue(size > 0 && size <= 64, "bounded by max-entries=64 (test profile): " + size);
    String token = Tokens.forTenants(Tokens.MANAGE, "CACHE1");
    assertTrue(answeredFromTheCacheWithin(20, token, "CACHE1", 200), "a full cache still takes a token in use");
  }
}
