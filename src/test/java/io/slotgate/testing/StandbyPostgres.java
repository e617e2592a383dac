package io.slotgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * A hot standby of an {@link EmbeddedPostgres}, as production runs a read replica: a base backup of the primary
 * streaming from it through a replication slot, on its own port, with the same binaries.
 */
public final class StandbyPostgres implements AutoCloseable {

  private final EmbeddedPostgres primary;
  private final Path dir;
  private final int port;
  private final String slot;

  private StandbyPostgres(EmbeddedPostgres primary, Path dir, int port, String slot) {
    this.primary = primary;
    this.dir = dir;
    this.port = port;
    this.slot = slot;
  }

  /**
   * Copies the running primary and starts the copy as its standby; returns once it accepts connections. The copy is
   * PostgreSQL's low-level base backup (pg_backup_start, a file copy, pg_backup_stop's backup_label): the embedded
   * binaries have no pg_basebackup, and a system one of another major version refuses the server.
   */
  public static StandbyPostgres start(EmbeddedPostgres primary, String name) {
    long pid = ProcessHandle.current().pid();
    Path dir = EmbeddedPostgres.root().resolve(name + "-" + pid);
    StandbyPostgres standby = new StandbyPostgres(primary, dir, EmbeddedPostgres.freePort(), "standby_" + pid);
    try {
      EmbeddedPostgres.deleteTree(dir);
      Files.createDirectories(dir);
      standby.baseBackup();
      if (EmbeddedPostgres.isRoot()) {
        // The PostgreSQL processes run as nobody (see EmbeddedPostgres): the copy must be theirs.
        Processes.check(List.of("chown", "-R", "65534:65534", dir.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    // max_connections as on the primary: a hot standby refuses to start with fewer.
    primary.asPostgres(List.of(primary.binDir().resolve("pg_ctl").toString(), "-D", standby.data().toString(), "-l",
        dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", String.join(" ", List.of("-p",
            String.valueOf(standby.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB", "-c", "fsync=off", "-c", "hot_standby=on")),
        "start"));
    Runtime.getRuntime().addShutdownHook(new Thread(standby::stop));
    return standby;
  }

  /**
   * A slot first, so that the primary keeps every WAL record from before the backup's checkpoint until the standby
   * has streamed it; then the copy, without the primary's WAL, slots and pid (the standby streams its WAL).
   */
  private void baseBackup() throws IOException, SQLException {
    try (Connection connection = DriverManager.getConnection(primary.jdbcUrl(), EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
      Path primaryData;
      try (ResultSet dir = statement.executeQuery("SHOW data_directory")) {
        dir.next();
        primaryData = Path.of(dir.getString(1));
      }
      statement.execute("SELECT pg_backup_start('" + slot + "', true)");
      copy(primaryData, data());
      try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        stop.next();
        Files.writeString(data().resolve("backup_label"), stop.getString(1));
      }
    }
    Files.createFile(data().resolve("standby.signal"));
    Files.writeString(data().resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
        + primary.port() + " user=" + EmbeddedPostgres.USER + " application_name=standby'\n"
        + "primary_slot_name = '" + slot + "'\n", StandardOpenOption.APPEND);
    Files.setPosixFilePermissions(data(), PosixFilePermissions.fromString("rwx------"));
  }

  /** Copies a live data folder: files the server removes meanwhile are skipped, as pg_basebackup skips them. */
  private static void copy(Path from, Path to) throws IOException {
    Set<String> emptied = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path source, BasicFileAttributes attributes) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(source).toString()));
        return source.getParent().equals(from) && emptied.contains(source.getFileName().toString())
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path source, BasicFileAttributes attributes) throws IOException {
        String name = source.getFileName().toString();
        if (source.getParent().equals(from) && (name.equals("postmaster.pid") || name.equals("postmaster.opts"))) {
          return FileVisitResult.CONTINUE;
        }
        try {
          Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (NoSuchFileException removedMeanwhile) {
          // A relation dropped or a temporary file removed during the copy: the WAL replays its removal anyway.
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path source, IOException failure) throws IOException {
        if (failure instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw failure;
      }
    });
    Files.createDirectories(to.resolve("pg_wal/archive_status"));
  }

  private Path data() {
    return dir.resolve("data");
  }

  public String reactiveUrl() {
    return "postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgres.DATABASE;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgres.DATABASE;
  }

  /** Stops applying the WAL it receives: it answers with the data it has until {@link #resumeReplay()}. */
  public void pauseReplay() {
    query("SELECT pg_wal_replay_pause()");
  }

  public void resumeReplay() {
    query("SELECT pg_wal_replay_resume()");
  }

  /** Whether it has replayed everything the primary has written so far. */
  public boolean caughtUp() {
    long written = Long.parseLong(first(primary.jdbcUrl(), "SELECT (pg_current_wal_insert_lsn() - '0/0')::bigint"));
    return Long.parseLong(query("SELECT (pg_last_wal_replay_lsn() - '0/0')::bigint")) >= written;
  }

  /** The first column of the first row of {@code sql}, run on the standby. */
  public String query(String sql) {
    return first(jdbcUrl(), sql);
  }

  /** The first column of the first row of {@code sql} on the server at {@code url}: the standby or its primary. */
  private static String first(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops it and drops its slot (else the primary keeps WAL for it): safe to call again. */
  public synchronized void stop() {
    if (Files.exists(data())) {
      try {
        primary.asPostgres(List.of(primary.binDir().resolve("pg_ctl").toString(), "-D", data().toString(), "-m",
            "fast", "-w", "stop"));
      } catch (RuntimeException notRunning) {
        // Already stopped.
      }
    }
    String mine = " FROM pg_replication_slots WHERE slot_name = '" + slot + "'";
    try {
      // Its walsender on the primary may outlive the standby by a moment, and an active slot cannot be dropped.
      Await.until(() -> {
        first(primary.jdbcUrl(), "SELECT pg_drop_replication_slot(slot_name)" + mine + " AND NOT active");
        return "0".equals(first(primary.jdbcUrl(), "SELECT count(*)" + mine));
      }, java.time.Duration.ofSeconds(10), "the standby's replication slot dropped");
    } catch (RuntimeException | AssertionError primaryGone) {
      // The primary stopped first (JVM shutdown): its slots go with it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    EmbeddedPostgres.deleteTree(dir);
  }

  @Override
  public void close() {
    stop();
  }
}
