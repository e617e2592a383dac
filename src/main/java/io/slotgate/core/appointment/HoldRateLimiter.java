package io.slotgate.core.appointment;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per tenant for new holds, so one booker's burst cannot take every slot before other bookers
 * get a turn. The buckets live in this instance's memory: with N instances a tenant may place up to N times the
 * configured rate (set the rate per instance). Off unless {@code slotgate.rate.holds-per-second} or a tenant's
 * override is above 0.
 */
@ApplicationScoped
public class HoldRateLimiter {

  private static final long NANOS = 1_000_000_000L;

  private final SlotgateConfig.RateSettings settings;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public HoldRateLimiter(SlotgateConfig config) {
    this.settings = config.rate();
  }

  /** Takes one token of the tenant's bucket, or fails with RATE_LIMITED saying when the next one is due. */
  public void take(String tenant) {
    SlotgateConfig.RateSettings.TenantRate own = settings.tenants().get(tenant);
    double rate = own != null ? own.holdsPerSecond() : settings.holdsPerSecond();
    int burst = own != null ? own.burst() : settings.burst();
    if (rate <= 0) {
      return;
    }
    long waitNanos = buckets.computeIfAbsent(tenant, t -> new Bucket(burst)).take(rate, burst, System.nanoTime());
    if (waitNanos > 0) {
      long seconds = Math.max(1, (waitNanos + NANOS - 1) / NANOS);
      throw new DomainFailure(DomainFailure.Kind.RATE_LIMITED, List.of("Tenant '" + tenant + "' places holds faster "
          + "than its limit of " + rate + " per second (bursts of " + burst + "); retry after " + seconds + " s"),
          Map.of("retryAfterSeconds", seconds));
    }
  }

  /** Tokens as a fraction, refilled lazily on each take; synchronized per tenant, never across tenants. */
  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(int burst) {
      this.tokens = burst;
      this.refilledAt = System.nanoTime();
    }

    /** 0 when a token was taken, otherwise the nanoseconds until one is due. */
    synchronized long take(double rate, int burst, long now) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * rate / NANOS);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / rate * NANOS);
    }
  }
}
