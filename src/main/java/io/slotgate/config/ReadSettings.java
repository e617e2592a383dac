package io.slotgate.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * slotgate.read: an optional PostgreSQL streaming replica that answers availability searches (config/SearchPool;
 * docs/operations.md "Read replica"). Unset, every read goes to the primary.
 */
public interface ReadSettings {
  /** The replica, {@code postgresql://host:5432/db} ({@code SLOTGATE_READ_URL}). Unset: no replica. */
  Optional<String> url();

  /** Its user; defaults to {@code quarkus.datasource.username} (a physical replica has the primary's roles). */
  Optional<String> username();

  /** Its password; defaults to {@code quarkus.datasource.password}. */
  Optional<String> password();

  /** Connections to the replica per instance. */
  @WithDefault("8")
  int maxSize();

  /**
   * The most a search may lag the primary: beyond it (or with lag unknown: the replica unreachable, not a standby)
   * searches read the primary until a check finds the replica within it again.
   */
  @WithDefault("5s")
  Duration maxLag();

  /** How often the lag is measured: the primary's WAL position against the replica's replayed position. */
  @WithDefault("1s")
  Duration checkEvery();

  /** Longest a search or a lag check waits for the replica; then the search asks the primary, the replica is unused. */
  @WithDefault("2s")
  Duration timeout();
}
