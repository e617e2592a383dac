package io.slotgate.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process), run from Kafka's own jars on the test
 * classpath ({@code org.apache.kafka:kafka_2.13}) in a child JVM, on loopback ports with a log directory of its own:
 * no Docker. It can be stopped and started again on the same port and data, as an outage would.
 */
public final class KafkaBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private Process process;

  private KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Formats a new log directory and starts the broker; answers once it accepts connections. */
  public static KafkaBroker start() {
    try {
      Path dir = Files.createTempDirectory("slotgate-kafka-");
      KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
      Files.writeString(dir.resolve("server.properties"), broker.properties());
      Processes.exitCode(broker.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
          "-c", dir.resolve("server.properties").toString()), "format.log"));
      broker.startAgain();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts the broker (again) on its port and log directory; answers once it accepts connections. */
  public synchronized void startAgain() {
    if (process != null && process.isAlive()) {
      return;
    }
    process = run(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), "server.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka did not start; see " + dir.resolve("server.log"));
      }
      sleep(100);
    }
  }

  /** Stops the broker (SIGTERM, its orderly shutdown; killed after 20 s) and waits until its port is closed. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A temp directory left behind is harmless.
    }
  }

  private String properties() {
    return """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        log.dirs=%3$s
        num.partitions=3
        auto.create.topics.enable=true
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        """.formatted(port, controllerPort, dir.resolve("data"));
  }

  /** A JVM on the test classpath running {@code main} with {@code args}, its output to {@code log} in the directory. */
  private Process run(List<String> mainAndArgs, String log) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", classpath()));
    command.addAll(mainAndArgs);
    return Processes.start(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile())));
  }

  /**
   * Kafka's jars and their dependencies from the test classpath; Quarkus's and JBoss's logging left out, so that
   * Kafka logs through its own log4j rather than a log manager that is not set up in that JVM.
   */
  private static String classpath() {
    String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(all.split(File.pathSeparator))
        .filter(entry -> !entry.contains("jboss-logmanager") && !entry.contains("slf4j-jboss"))
        .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
