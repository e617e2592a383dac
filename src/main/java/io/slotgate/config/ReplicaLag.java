package io.slotgate.config;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * A replica's lag measured by WAL positions, not by {@code now() - pg_last_xact_replay_timestamp()}: that one grows
 * while the primary is idle (nothing to replay, nothing stale) and reads 0 on a standby cut off from its primary
 * whose received WAL is all replayed. Here each check first notes the primary's WAL insert position with the time it
 * asked; a replica that has replayed up to a noted position holds every commit made before that time, so its lag is
 * the age of the newest such note.
 */
final class ReplicaLag {

  private record Note(long nanos, long lsn) {}

  private final ArrayDeque<Note> notes = new ArrayDeque<>();
  private final long keepNanos;

  /** Keeps notes for {@code keepNanos}: a replica behind every kept note lags more than that, which is all we need. */
  ReplicaLag(long keepNanos) {
    this.keepNanos = keepNanos;
  }

  /** The primary's WAL insert position was at least {@code lsn} when asked at {@code nanos} (System.nanoTime). */
  synchronized void primaryAt(long nanos, long lsn) {
    notes.addLast(new Note(nanos, lsn));
    while (notes.size() > 1 && nanos - notes.peekFirst().nanos() > keepNanos) {
      notes.removeFirst();
    }
  }

  /**
   * The replica's lag at {@code nanos}, having replayed up to {@code replayed}; empty when it is behind every kept
   * note (lagging more than they reach back) or nothing was noted yet.
   */
  synchronized OptionalLong lagAt(long nanos, long replayed) {
    for (Iterator<Note> newestFirst = notes.descendingIterator(); newestFirst.hasNext(); ) {
      Note note = newestFirst.next();
      if (note.lsn() <= replayed) {
        return OptionalLong.of(Math.max(0, nanos - note.nanos()));
      }
    }
    return OptionalLong.empty();
  }
}
