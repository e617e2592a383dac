package io.slotgate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule: api -> core -> supplier.spi <- supplier.NAME. The core never imports an API
 * face, JAX-RS or a concrete adapter; adapters never import an API face; faces never import each other.
 */
class ArchitectureTest {

  static final Path MAIN = Paths.get("src/main/java/io/slotgate");

  @Test
  void coreImportsNoFaceNoJaxRsAndNoConcreteAdapter() throws IOException {
    assertEquals(List.of(), violations("core", List.of("io.slotgate.api.", "jakarta.ws.rs.", "org.jboss.resteasy.",
        "io.slotgate.supplier.calendar.", "io.slotgate.supplier.http.")));
  }

  @Test
  void adaptersImportNoFace() throws IOException {
    assertEquals(List.of(), violations("supplier", List.of("io.slotgate.api.", "jakarta.ws.rs.")));
  }

  @Test
  void facesDoNotImportEachOther() throws IOException {
    for (String face : List.of("wholesale", "booking", "lifecycle", "admin")) {
      List<String> others = Stream.of("wholesale", "booking", "lifecycle", "admin").filter(f -> !f.equals(face))
          .map(f -> "io.slotgate.api." + f + ".").toList();
      assertEquals(List.of(), violations("api/" + face, others), face);
    }
  }

  /** Issue 20: faces render events through core/events' EventRenderer port; delivery depends on no face. */
  @Test
  void eventDeliveryImportsNoFace() throws IOException {
    assertEquals(List.of(), violations("api/hub", Stream.of("wholesale", "booking", "lifecycle", "admin")
        .map(f -> "io.slotgate.api." + f + ".").toList()));
  }

  private static List<String> violations(String folder, List<String> forbidden) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(folder))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          // Imports and fully qualified uses alike.
          for (String bad : forbidden) {
            if (line.contains(bad) && !line.trim().startsWith("*") && !line.trim().startsWith("//")) {
              found.add(MAIN.relativize(file) + ": " + line.trim());
            }
          }
        }
      }
    }
    return found;
  }
}
