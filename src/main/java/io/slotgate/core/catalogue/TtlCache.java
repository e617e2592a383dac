package io.slotgate.core.catalogue;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A small time-bounded cache of loaded values; concurrent misses may load twice, which is harmless. */
final class TtlCache<K, V> {
  private record Entry<V>(V value, long expiresAtNanos) {}

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;

  TtlCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  Uni<V> get(K key, Supplier<Uni<V>> loader) {
    Entry<V> entry = entries.get(key);
    if (entry != null && System.nanoTime() < entry.expiresAtNanos()) {
      return Uni.createFrom().item(entry.value());
    }
    return loader.get().invoke(value -> {
      if (value != null && ttlNanos > 0) {
        entries.put(key, new Entry<>(value, System.nanoTime() + ttlNanos));
      }
    });
  }

  void clear() {
    entries.clear();
  }
}
