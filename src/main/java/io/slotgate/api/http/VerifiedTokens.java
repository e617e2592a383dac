package io.slotgate.api.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.slotgate.config.SlotgateConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens quarkus-oidc has verified, keyed by their SHA-256 and kept until their {@code exp} or
 * {@code slotgate.auth.token-cache.max-age}, whichever comes first (CachedTokenProvider answers from here).
 *
 * <p>As an augmentor with the highest priority it sees each identity exactly as quarkus-oidc built it, before any
 * other augmentor: the cache holds what the signature check proved, and every augmentor (TokenLifetime, the
 * permission checks) runs again on each cached answer. Per-request attributes (the routing context, the blocking
 * executor context) are not kept: a hit gets the current request's.
 */
@ApplicationScoped
public class VerifiedTokens implements SecurityIdentityAugmentor {

  /** Marks an identity answered from the cache, so it is not stored again (which would extend its stay). */
  static final String FROM_CACHE = "io.slotgate.token-cache.hit";

  private static final String BLOCKING_CONTEXT = AuthenticationRequestContext.class.getName();

  /** One digest per thread (the event loops): looking the algorithm up on every request showed in the profile. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  });

  private record Entry(String token, QuarkusSecurityIdentity identity, long notAfterMillis) {}

  private final Cache<String, Entry> cache;
  private final long maxAgeMillis;
  private final Counter hits;
  private final Counter misses;

  public VerifiedTokens(SlotgateConfig config, MeterRegistry metrics,
      @ConfigProperty(name = "quarkus.oidc.token.authorization-scheme", defaultValue = "Bearer") String scheme,
      @ConfigProperty(name = "quarkus.oidc.token.binding.certificate", defaultValue = "false") boolean certBound) {
    var settings = config.auth().tokenCache();
    this.maxAgeMillis = settings.maxAge().toMillis();
    // A token bound to a client certificate or a DPoP proof must be checked against each request's proof: off.
    boolean bound = certBound || "DPoP".equalsIgnoreCase(scheme);
    this.cache = !settings.enabled() || bound || maxAgeMillis <= 0 || settings.maxEntries() <= 0 ? null
        : Caffeine.newBuilder()
            .maximumSize(settings.maxEntries())
            .expireAfter(new UntilNotAfter())
            // Eviction on the caller's thread: a few map operations, and the bound holds at once.
            .executor(Runnable::run)
            .build();
    this.hits = Counter.builder("slotgate.auth.token.cache").tag("result", "hit").register(metrics);
    this.misses = Counter.builder("slotgate.auth.token.cache").tag("result", "miss").register(metrics);
    metrics.gauge("slotgate.auth.token.cache.size", this, tokens -> tokens.size());
  }

  /** Highest: sees quarkus-oidc's identity before any other augmentor changes it. */
  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (cache != null && identity instanceof QuarkusSecurityIdentity verified && !identity.isAnonymous()
        && identity.getAttribute(FROM_CACHE) == null && identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getExpirationTime() > 0) {
      AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
      if (credential != null && credential.getToken() != null) {
        long notAfter = Math.min(jwt.getExpirationTime() * 1000, System.currentTimeMillis() + maxAgeMillis);
        cache.put(key(credential.getToken()), new Entry(credential.getToken(), withoutRequest(verified), notAfter));
      }
    }
    return Uni.createFrom().item(identity);
  }

  /** The identity quarkus-oidc verified for this very token, for this request; null when not cached. */
  SecurityIdentity recall(String token, RoutingContext request) {
    if (cache == null || token == null) {
      return null;
    }
    String key = key(token);
    Entry entry = cache.getIfPresent(key);
    // exp is checked on the wall clock, as quarkus-oidc checks it; the whole token is compared, not only its hash.
    if (entry == null || System.currentTimeMillis() >= entry.notAfterMillis()
        || !MessageDigest.isEqual(entry.token().getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII))) {
      if (entry != null) {
        cache.asMap().remove(key, entry);
      }
      misses.increment();
      return null;
    }
    hits.increment();
    var identity = QuarkusSecurityIdentity.builder(entry.identity()).addAttribute(FROM_CACHE, Boolean.TRUE);
    if (request != null) {
      identity.addAttribute(RoutingContext.class.getName(), request);
      Object blocking = request.get(BLOCKING_CONTEXT);
      if (blocking != null) {
        identity.addAttribute(BLOCKING_CONTEXT, blocking);
      }
    }
    return identity.build();
  }

  boolean enabled() {
    return cache != null;
  }

  /** Tokens remembered now. */
  long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** The identity without what belongs to the request that verified it (kept, it would pin that request). */
  private static QuarkusSecurityIdentity withoutRequest(QuarkusSecurityIdentity identity) {
    Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
    attributes.values().removeIf(RoutingContext.class::isInstance);
    attributes.remove(BLOCKING_CONTEXT);
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(identity.getPrincipal())
        .addRoles(identity.getRoles())
        .addCredentials(identity.getCredentials())
        .addPermissions(identity.getPermissions())
        .addAttributes(attributes)
        .build();
  }

  private static String key(String token) {
    return HexFormat.of().formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /** An entry lives until its token's exp or max-age after it was verified, whichever is first. */
  private static final class UntilNotAfter implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long now) {
      return Math.max(0, entry.notAfterMillis() - System.currentTimeMillis()) * 1_000_000;
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long now, long current) {
      return expireAfterCreate(key, entry, now);
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long now, long current) {
      return current;
    }
  }
}
