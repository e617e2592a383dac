package io.slotgate.api.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Bounds every request: a face's answer that has not arrived within {@code slotgate.request-timeout}
 * becomes 503 SERVICE_UNAVAILABLE with Retry-After. Suppliers have shorter timeouts of their own (504),
 * so what is left to wait on is our database, stalled or gone: callers get a clear answer in seconds
 * instead of hanging for the whole stall. A write may still commit once the database resumes; every
 * write here is safe to retry with the same Idempotency-Key (IdempotentWrites stores the late answer) or hold id.
 */
@Bounded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class RequestBound {

  private final Duration timeout;
  private final MeterRegistry metrics;

  public RequestBound(SlotgateConfig config, MeterRegistry metrics) {
    this.timeout = config.requestTimeout();
    this.metrics = metrics;
  }

  @AroundInvoke
  Object bound(InvocationContext invocation) throws Exception {
    Object result = invocation.proceed();
    if (result instanceof Uni<?> answer) {
      return bounded(answer);
    }
    return result;
  }

  /**
   * The answer, or the refusal once the bound passes. The work itself is not cancelled: cancelling a
   * query stuck on a frozen database would itself wait for the database (measured: answers came only
   * when it resumed), so it runs on and its late result is dropped.
   */
  private <T> Uni<T> bounded(Uni<T> answer) {
    return Uni.createFrom().emitter(emitter -> {
      java.util.concurrent.ScheduledFuture<?> timer = io.smallrye.mutiny.infrastructure.Infrastructure
          .getDefaultWorkerPool().schedule(() -> emitter.fail(timedOut()), timeout.toMillis(),
              java.util.concurrent.TimeUnit.MILLISECONDS);
      answer.subscribe().with(item -> {
        timer.cancel(false);
        emitter.complete(item);
      }, failure -> {
        timer.cancel(false);
        emitter.fail(failure);
      });
    });
  }

  private DomainFailure timedOut() {
    metrics.counter("slotgate.requests.timed.out").increment();
    return new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE, List.of("slotgate could not answer within "
        + timeout.toSeconds() + " s: its database is not answering, and the change may still go through; retry "
        + "shortly with the same Idempotency-Key (or hold id) to get its answer"), Map.of("retryAfterSeconds", "5"));
  }
}
