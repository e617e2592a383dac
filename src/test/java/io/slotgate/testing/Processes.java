package io.slotgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child processes of the test servers (PostgreSQL's tools, a Kafka JVM, kill and chown): one place that starts them
 * and waits for them, so that an I/O failure becomes unchecked and an interrupt is kept on the thread and fails the
 * caller, in {@link EmbeddedPostgres}, {@link StandbyPostgres} and {@link KafkaBroker} alike. JDK only, as
 * EmbeddedPostgres runs as a source-file program too.
 */
final class Processes {

  private Processes() {}

  /** Starts {@code builder}'s process; failing to start it is an unchecked I/O failure. */
  static Process start(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} with this process's output and answers its exit code. */
  static int exitCode(List<String> command) {
    return exitCode(start(new ProcessBuilder(command).inheritIO()));
  }

  /** Runs {@code command} with this process's output and fails unless it exits 0. */
  static void check(List<String> command) {
    if (exitCode(command) != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed");
    }
  }

  /** Waits for {@code process} to exit and answers its exit code. */
  static int exitCode(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code process} exited within {@code atMost}. */
  static boolean exited(Process process, Duration atMost) {
    try {
      return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
