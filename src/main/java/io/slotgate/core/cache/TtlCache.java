package io.slotgate.core.cache;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small time-bounded cache of loaded values. Loads are single-flight: when an entry expires under
 * load, the concurrent requests share one reload instead of stampeding the database.
 *
 * <p>A load may use Hibernate Reactive, whose session lives in the Vert.x context of the request
 * that opened it. So the loader is assembled only when the first request subscribes (it runs wholly
 * on that request's context), and every request gets the result back on its own context, never
 * continuing on another request's.
 */
public final class TtlCache<K, V> {
  private record Entry<V>(Uni<V> value, long expiresAtNanos) {}

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;

  public TtlCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  public Uni<V> get(K key, Supplier<Uni<V>> loader) {
    if (ttlNanos <= 0) {
      return Uni.createFrom().deferred(() -> loader.get());
    }
    long now = System.nanoTime();
    Entry<V> entry = entries.compute(key, (k, current) -> current != null && now < current.expiresAtNanos()
        ? current
        : new Entry<>(Uni.createFrom().deferred(() -> loader.get()).memoize().indefinitely(), now + ttlNanos));
    // A failed load is not cached: the next caller tries again.
    return onCallersContext(entry.value().onFailure().invoke(() -> entries.remove(key, entry)));
  }

  private static <V> Uni<V> onCallersContext(Uni<V> shared) {
    return Uni.createFrom().deferred(() -> {
      Context caller = Vertx.currentContext();
      if (caller == null) {
        return shared;
      }
      return shared.emitOn(command -> {
        if (Vertx.currentContext() == caller) {
          command.run();
        } else {
          caller.runOnContext(ignored -> command.run());
        }
      });
    });
  }

  public void clear() {
    entries.clear();
  }

  /** Forgets the entries whose key matches. */
  public void remove(java.util.function.Predicate<K> which) {
    entries.keySet().removeIf(which);
  }
}
