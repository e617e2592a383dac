package io.slotgate.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** slotgate's own settings; every key can be overridden by an environment variable (SLOTGATE_...). */
@ConfigMapping(prefix = "slotgate")
public interface SlotgateConfig {

  /** Holds placed through any face. */
  HoldSettings hold();

  /** Background release of expired holds. */
  SweepSettings sweep();

  /** Catalogue caching for the read-heavy availability path. */
  CatalogueSettings catalogue();

  /** Longest time any API request may take before it is answered 503 (our database stalled or gone). */
  @WithDefault("5s")
  Duration requestTimeout();

  /** Longest time the readiness check waits for the database before answering DOWN. */
  @WithDefault("2s")
  Duration readinessTimeout();

  /** Event subscriptions (webhooks) and their delivery. */
  HubSettings hub();

  /** Metrics series. */
  MetricsSettings metrics();

  /** The optional Kafka stream of appointment events (off unless {@code SLOTGATE_KAFKA_ENABLED=true}). */
  KafkaSettings kafka();

  /** The optional read replica for availability searches (off unless {@code SLOTGATE_READ_URL} is set). */
  ReadSettings read();

  /** Idempotency-Key on every write: how long a key and its answer are kept. */
  IdempotencySettings idempotency();

  interface IdempotencySettings {
    /** How long a key is remembered after its first use; a retry later than this runs as a new request. */
    @WithDefault("24h")
    Duration retention();

    /**
     * How long a request that claimed a key may take to store its answer; after that (its instance died between
     * the change and the answer) a retry with the key runs the request again. Longer than any database stall.
     */
    @WithDefault("60s")
    Duration lease();
  }

  interface MetricsSettings {
    /**
     * Labels slotgate's counters with the tenant (booker or owner). Off by default: tenant names are other
     * customers' business, and a label per tenant multiplies the series.
     */
    @WithDefault("false")
    boolean tenantLabels();
  }

  interface HubSettings {
    /** Interval between delivery rounds; the scheduler reads the same key. */
    @WithDefault("1s")
    Duration every();

    /**
     * Total deadline of one attempt (name resolution, connect, headers; the connection is reset then),
     * unless the subscription asked for its own.
     */
    @WithDefault("5s")
    Duration timeout();

    /** Most deliveries sent at once by one instance. */
    @WithDefault("64")
    int inFlight();

    /**
     * Most deliveries of one subscription in flight at once, across instances: a slow receiver holds only these.
     * Measured on 2 cores: with 32, one tenant's four hostile receivers (bench/run hub-faults) took an instance's 64
     * sending slots and another tenant's events waited up to 55 s; with 8 they cannot. The price: one busy subscriber
     * is sent at most 8 at a time (bench/run events: change to receipt p50 9.1 s / p99 10.7 s; 32 gave 3.7 / 5.9 s).
     */
    @WithDefault("8")
    int perSubscription();

    /**
     * Lease of a delivery being sent, renewed every third of it while the instance works on it: a killed
     * instance's deliveries are sent again by another within this plus one round.
     */
    @WithDefault("6s")
    Duration lease();

    /** A subscription whose oldest undelivered event is older than this is parked (GET shows it; resume restarts it). */
    @WithDefault("24h")
    Duration retryFor();

    /** Longest wait between two attempts of one delivery (exponential backoff with jitter up to this). */
    @WithDefault("1h")
    Duration maxBackoff();

    /** Delivered (or parked) deliveries are deleted after this; the events themselves are the history and stay. */
    @WithDefault("7d")
    Duration retention();

    /**
     * Callbacks to loopback, private or other special-purpose addresses are refused unless this is true
     * (SSRF); cloud metadata and link-local addresses are refused even then.
     */
    @WithDefault("false")
    boolean allowPrivateCallbacks();

    /**
     * Encrypts subscription secrets at rest (AES-256-GCM): 32 random bytes in base64 ({@code openssl rand
     * -base64 32}). Required in production; keep it with the database password, and keep it: rows sealed with a
     * lost key cannot sign again (delete and subscribe anew).
     */
    String secretKey();

    /** Most live subscriptions a tenant may have on one face (every event fans out to each of them). */
    @WithDefault("10")
    int maxSubscriptions();

    /** After rotate-secret, how long each delivery is signed with the old secret too. */
    @WithDefault("24h")
    Duration secretOverlap();
  }

  /** Comparing appointments placed at remote suppliers with the supplier's record of them. */
  ReconcileSettings reconcile();

  interface ReconcileSettings {
    /** Interval between reconciliation rounds; the scheduler reads the same key. */
    @WithDefault("60s")
    Duration every();

    /** An appointment is compared again once this long has passed since its last comparison. */
    @WithDefault("5m")
    Duration recheckAfter();

    /** Most appointments compared in one round. */
    @WithDefault("100")
    int batchSize();
  }

  /** What a request may carry: one input policy for every face. */
  InputSettings input();

  /** Checks on the bearer token beyond quarkus-oidc's signature, issuer and expiry. */
  SecuritySettings security();

  /** The branch booking face. */
  BookingSettings booking();

  interface InputSettings {
    /** Largest request body; a larger one is 413 in the face's error format. */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Largest body of the one operation that takes more: a supplier's coverage as CSV (PUT
     * /admin/v1/suppliers/{id}/coverage), tens of thousands of lines. quarkus.http.limits.max-body-size must be at
     * least this.
     */
    @WithDefault("8388608")
    int coverageMaxBodyBytes();

    /** Longest string any JSON field may hold (fields with their own limit have a smaller one). */
    @WithDefault("2048")
    int maxStringLength();
  }

  interface SecuritySettings {
    /** Longest lifetime (exp - iat) of a token this service accepts: a token meant to live for years is refused. */
    @WithDefault("24h")
    Duration maxTokenLifetime();
  }

  /** Bearer tokens quarkus-oidc has verified, remembered so a client's next calls skip the signature check. */
  AuthSettings auth();

  interface AuthSettings {
    /** The cache of verified tokens, keyed by the token's SHA-256. */
    TokenCacheSettings tokenCache();

    interface TokenCacheSettings {
      /** false: every request's token is verified (signature, claims) by quarkus-oidc. */
      @WithDefault("true")
      boolean enabled();

      /** Most tokens remembered (a few KB each); the least used are dropped first. */
      @WithDefault("2000")
      int maxEntries();

      /**
       * Longest time a verified token is answered from the cache (never past its exp): a key withdrawn from the
       * JWKS stops being honoured at most this long after quarkus-oidc stops honouring it.
       */
      @WithDefault("60s")
      Duration maxAge();
    }
  }

  interface BookingSettings {
    /** How far ahead, in days from today, timeslots are answered and reservations accepted. */
    @WithDefault("366")
    int horizonDays();
  }

  /** Remote suppliers reached over HTTP (adapter "http"), keyed by supplier id; set by properties only. */
  Map<String, RemoteSupplier> remoteSuppliers();

  interface RemoteSupplier {
    /** Base URL of the remote wholesale gateway (another slotgate speaks the same Face 1). */
    String url();

    /** The Tenant header presented to the remote supplier. */
    String tenant();

    /** Name of a quarkus.oidc-client.NAME whose client-credentials token is sent (takes precedence over token). */
    Optional<String> oidcClient();

    /** A static bearer token, for suppliers that issue API tokens and for local set-ups. */
    Optional<String> token();

    /** Longest wait for one remote call before answering 504 SUPPLIER_TIMED_OUT. */
    @WithDefault("3s")
    Duration timeout();

    /** Calls in the circuit breaker's rolling window. */
    @WithDefault("4")
    int breakerRequests();

    /** Share of failed calls in the window that opens the breaker (503 SERVICE_UNAVAILABLE). */
    @WithDefault("0.5")
    double breakerFailureRatio();

    /** How long the breaker stays open before trying the supplier again. */
    @WithDefault("10s")
    Duration breakerDelay();
  }

  /** Availability searches. */
  AvailabilitySettings availability();

  interface AvailabilitySettings {
    /**
     * How long the claims read for a search are shared with other searches. Changes through this
     * instance invalidate at once; changes through other instances show at most this late. 0 turns it off.
     */
    @WithDefault("1s")
    Duration cacheTtl();
  }

  /** Per-tenant limits on how fast new holds (and invitations) are placed. */
  RateSettings rate();

  /**
   * A token bucket per tenant and instance: {@code burst} holds at once, refilled at {@code holdsPerSecond}. With N
   * instances behind a balancer a tenant gets up to N times the rate; set it per instance accordingly.
   */
  interface RateSettings {
    /** Sustained new holds per second per tenant on one instance; 0 (the default) turns the limit off. */
    @WithDefault("0")
    double holdsPerSecond();

    /** Holds a tenant may place at once before the rate applies. */
    @WithDefault("50")
    int burst();

    /** Per-tenant overrides, e.g. slotgate.rate.tenants."RETAIL1".holds-per-second=5. */
    Map<String, TenantRate> tenants();

    interface TenantRate {
      /** Sustained new holds per second of this tenant on one instance; 0 turns its limit off. */
      double holdsPerSecond();

      /** Holds this tenant may place at once. */
      @WithDefault("50")
      int burst();
    }
  }

  /** The demo catalogue. */
  DemoSettings demo();

  interface DemoSettings {
    /** Whether POST /admin/v1/demo may load the demo catalogue. */
    @WithDefault("false")
    boolean enabled();

    /** Load the demo catalogue at start-up (dev mode does). */
    @WithDefault("false")
    boolean loadOnStart();
  }

  interface HoldSettings {
    /** Lifetime of a hold when the supplier or tenant sets none. */
    @WithDefault("15m")
    Duration ttl();

    /** Longest availability horizon a supplier may set, in days. */
    @WithDefault("14")
    int defaultHorizonDays();
  }

  interface SweepSettings {
    /** Interval between sweeps; the scheduler reads the same key. */
    @WithDefault("30s")
    Duration every();

    /** Most holds expired in one batch (one short transaction). */
    @WithDefault("500")
    int batchSize();

    /** Most batches one sweep runs back to back while batches come back full (a backlog). */
    @WithDefault("50")
    int maxBatches();

    /**
     * Batches in flight at once, each on its own connection (SKIP LOCKED keeps them apart): a backlog of
     * 100,000 lapsed holds took 3.3 s one batch after another and 2.0 s two at a time (bench/run sweep).
     */
    @WithDefault("2")
    int parallelism();
  }

  interface CatalogueSettings {
    /** How long a branch's schedule and resources are cached; admin changes on this instance clear it at once. */
    @WithDefault("5s")
    Duration cacheTtl();
  }
}
