package io.slotgate;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule, on the compiled classes: faces → core → ports ← adapters. The ports (the supplier
 * SPI with its value types, the failure every port throws, the event renderer) belong to the core and are
 * implemented at the edge; nothing depends on a face or an adapter, faces do not use each other, and no
 * two packages depend on each other in a loop. A port may name the core's model (the event renderer renders
 * an {@code Appointment}); an adapter sees only the ports.
 */
class ArchitectureTest {

  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.slotgate");

  /** The core's ports: what adapters may see of the core, and what faces implement (the event renderer). */
  // The event stream (events/kafka) is an adapter like the suppliers': it sees EventStream and its Message only.
  static final DescribedPredicate<JavaClass> PORTS = DescribedPredicate.describe("the core's ports",
      c -> c.getPackageName().startsWith("io.slotgate.core.supplier")
          || c.getName().startsWith("io.slotgate.core.events.EventRenderer")
          || c.getName().startsWith("io.slotgate.core.events.EventStream")
          || c.getName().startsWith("io.slotgate.core.DomainFailure"));

  static final DescribedPredicate<JavaClass> CORE = DescribedPredicate.describe("the core (ports aside)",
      c -> c.getPackageName().startsWith("io.slotgate.core") && !PORTS.test(c));

  /**
   * Issue 25: 122 violations before. The supplier SPI and SupplierRouter moved from supplier/ into core/supplier
   * (with Classification, which adapters map); the calendar adapter reaches the core's own capacity through the
   * LocalCapacity port (core/catalogue/CalendarCapacity) instead of CatalogueRepository and CapacityCalendar.
   */
  @Test
  void facesUseTheCoreWhichUsesItsPortsWhichAdaptersImplement() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Faces").definedBy("io.slotgate.api..")
        .layer("Core").definedBy(CORE)
        .layer("Ports").definedBy(PORTS)
        .layer("Adapters").definedBy("io.slotgate.supplier..", "io.slotgate.events..")
        .whereLayer("Faces").mayNotBeAccessedByAnyLayer()
        .whereLayer("Core").mayOnlyBeAccessedByLayers("Faces", "Ports")
        .whereLayer("Ports").mayOnlyBeAccessedByLayers("Faces", "Core", "Adapters")
        .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
        .check(MAIN);
  }

  @Test
  void configDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("io.slotgate.config..")
        .should().dependOnClassesThat().resideInAnyPackage("io.slotgate.api..", "io.slotgate.core..",
            "io.slotgate.supplier..")
        .check(MAIN);
  }

  @Test
  void coreKnowsNoHttp() {
    noClasses().that().resideInAPackage("io.slotgate.core..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
        .check(MAIN);
  }

  /** Each face owns its contract; what they share (request plumbing, errors, the OpenAPI document) is not a face. */
  @Test
  void facesDoNotUseEachOther() {
    slices().matching("io.slotgate.api.(*)..")
        .should().notDependOnEachOther()
        .ignoreDependency(alwaysTrue(), resideInAnyPackage("io.slotgate.api.http..", "io.slotgate.api.error..",
            "io.slotgate.api.openapi.."))
        .check(MAIN);
  }

  /**
   * One persistence idiom per layer: a resource calls the core, never Panache, SQL or an entity. Issue 25: 88
   * violations before (CatalogueResource 85, LifecycleResource 3); the admin face split per entity over AdminCrud
   * and CatalogueAdmin's kinds, LifecycleResource's branch lookup moved to CatalogueRepository.branches.
   */
  @Test
  void resourcesTouchNoPersistence() {
    noClasses().that().resideInAPackage("io.slotgate.api..").and().areAnnotatedWith(Path.class)
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate.reactive.panache..",
            "io.vertx.mutiny.sqlclient..", "org.hibernate..", "jakarta.persistence..")
        .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
        .check(MAIN);
  }

  /**
   * One persistence idiom per area of the core: the catalogue's entities are Hibernate Reactive Panache's, and
   * only core/catalogue opens a Panache session (SqlStates reads Hibernate's failures to translate them);
   * appointments, events and idempotency keys are SQL on the reactive client, which nothing else in the core
   * uses. Issue 25: it failed before on BookingService (it read branches, services and settings itself) and Grants (in
   * core/wholesale, wrote grants): BookingService asks CatalogueRepository, Grants moved to core/catalogue.
   */
  @Test
  void eachCoreAreaHasOnePersistenceIdiom() {
    noClasses().that().resideInAPackage("io.slotgate.core..").and().resideOutsideOfPackage("io.slotgate.core.catalogue..")
        .and().doNotHaveFullyQualifiedName("io.slotgate.core.SqlStates")
        .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate.reactive.panache..",
            "org.hibernate..", "jakarta.persistence..")
        .check(MAIN);
    noClasses().that().resideInAPackage("io.slotgate.core.catalogue..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..")
        .check(MAIN);
  }

  /**
   * Issue 25: 3 cycles before. api ⇄ api/error: plumbing to api/http, RefusedText to api/error, OpenAPI completion
   * to api/openapi. core/catalogue ⇄ core/schedule (and through supplier/spi): CapacityPlan to core/schedule,
   * TtlCache to core/cache, Classification to core/supplier.
   */
  @Test
  void noPackageCycles() {
    slices().matching("io.slotgate.(**)").should().beFreeOfCycles().check(MAIN);
  }

  /**
   * The adapters' own packages stay apart too: an adapter is added or removed alone. Issue 25: 2 violations before
   * (both adapters used supplier/spi, a sibling); gone with the SPI's move to core/supplier.
   */
  @Test
  void adaptersDoNotUseEachOther() {
    slices().matching("io.slotgate.supplier.(*)..").should().notDependOnEachOther().check(MAIN);
  }

  /**
   * Issue 23: every resource answers within the request bound, and every resource that writes takes an
   * Idempotency-Key (IdempotentWrites), so a new face or an admin entity split off cannot forget either.
   */
  @Test
  void everyResourceIsBoundedAndItsWritesTakeAnIdempotencyKey() {
    DescribedPredicate<JavaClass> writes = DescribedPredicate.describe("resources with writes",
        c -> c.getAllMethods().stream().anyMatch(m -> m.isAnnotatedWith(jakarta.ws.rs.POST.class)
            || m.isAnnotatedWith(jakarta.ws.rs.PUT.class) || m.isAnnotatedWith(jakarta.ws.rs.PATCH.class)
            || m.isAnnotatedWith(jakarta.ws.rs.DELETE.class)));
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("io.slotgate.api..")
        .and().areAnnotatedWith(Path.class).should().beAnnotatedWith(io.slotgate.api.http.Bounded.class)
        .check(MAIN);
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage("io.slotgate.api..")
        .and().areAnnotatedWith(Path.class).and(writes).should().beAnnotatedWith(io.slotgate.api.http.Idempotent.class)
        .check(MAIN);
  }
}
