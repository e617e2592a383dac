package io.slotgate.core.catalogue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A small time-bounded cache of loaded values. Loads are single-flight: when an entry expires under
 * load, the concurrent requests share one reload instead of stampeding the database.
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
      return loader.get();
    }
    long now = System.nanoTime();
    Entry<V> entry = entries.compute(key, (k, current) -> current != null && now < current.expiresAtNanos()
        ? current
        : new Entry<>(loader.get().memoize().indefinitely(), now + ttlNanos));
    // A failed load is not cached: the next caller tries again.
    return entry.value().onFailure().invoke(() -> entries.remove(key, entry));
  }

  public void clear() {
    entries.clear();
  }

  /** Forgets the entries whose key matches. */
  public void remove(java.util.function.Predicate<K> which) {
    entries.keySet().removeIf(which);
  }
}
