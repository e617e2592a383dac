package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.slotgate.config.SlotgateConfig;
import org.jboss.logging.Logger;

/**
 * The demo catalogue: a wholesale supplier "openfibre" (fttp and ftthl2r at any UPRN, Europe/London,
 * AM/PM weekday and Saturday windows, two crews so capacity 2 per window) offered to TENANT1, TENANT2
 * and TENANT-ID, each of which routes fttp and ftthl2r to it; and a bank branch for the booking face (tenant BANK1). Loaded by default in dev mode
 * and by POST /admin/v1/demo; never twice.
 */
@ApplicationScoped
public class DemoCatalogue {

  private static final Logger LOG = Logger.getLogger(DemoCatalogue.class);

  public static final String SUPPLIER_TENANT = "OPENFIBRE";
  public static final String SUPPLIER = "openfibre";
  public static final List<String> WHOLESALE_TENANTS = List.of("TENANT1", "TENANT2", "TENANT-ID");
  public static final UUID AREA = UUID.fromString("0f1b0000-0000-4000-8000-000000000001");
  public static final UUID FTTP = UUID.fromString("0f1b0000-0000-4000-8000-000000000011");
  public static final UUID FTTHL2R = UUID.fromString("0f1b0000-0000-4000-8000-000000000012");
  public static final UUID CREW_A = UUID.fromString("0f1b0000-0000-4000-8000-000000000021");
  public static final UUID CREW_B = UUID.fromString("0f1b0000-0000-4000-8000-000000000022");

  public static final String BANK = "BANK1";
  public static final UUID GHENT = UUID.fromString("ba4c0000-0000-4000-8000-000000000001");
  public static final UUID ACCOUNTS = UUID.fromString("ba4c0000-0000-4000-8000-000000000101");
  public static final UUID ADVICE = UUID.fromString("ba4c0000-0000-4000-8000-000000000102");
  public static final UUID OPEN_ACCOUNT = UUID.fromString("ba4c0000-0000-4000-8000-000000000011");
  public static final UUID MORTGAGE = UUID.fromString("ba4c0000-0000-4000-8000-000000000012");
  public static final UUID INFO_SESSION = UUID.fromString("ba4c0000-0000-4000-8000-000000000013");
  public static final UUID ACCOUNT_AND_MORTGAGE = UUID.fromString("ba4c0000-0000-4000-8000-000000000041");

  private final boolean enabled;
  private final boolean loadOnStart;
  private final CatalogueRepository catalogue;

  public DemoCatalogue(SlotgateConfig config, CatalogueRepository catalogue) {
    this.enabled = config.demo().enabled();
    this.loadOnStart = config.demo().loadOnStart();
    this.catalogue = catalogue;
  }

  void onStart(@Observes StartupEvent event) throws Throwable {
    if (enabled && loadOnStart) {
      // Hibernate Reactive needs a Vert.x context; start-up blocks no request while it waits.
      boolean created = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(this::load);
      LOG.infof("Demo catalogue %s", created ? "loaded" : "already present");
    }
  }

  /** Loads the demo catalogue unless present; answers whether it created anything. */
  public Uni<Boolean> load() {
    if (!enabled) {
      return Uni.createFrom().failure(new DomainFailure(DomainFailure.Kind.NOT_IMPLEMENTED,
          List.of("The demo catalogue is switched off here (slotgate.demo.enabled=false)"), Map.of()));
    }
    return Panache.withTransaction(() -> Supplier.<Supplier>findById(new Supplier.Key(SUPPLIER_TENANT, SUPPLIER))
            .chain(supplier -> Branch.<Branch>findById(GHENT).chain(branch -> {
              List<Object> missing = new ArrayList<>();
              if (supplier == null) {
                missing.addAll(wholesale());
              }
              if (branch == null) {
                missing.addAll(booking());
              }
              return missing.isEmpty() ? Uni.createFrom().item(false)
                  : Panache.getSession().chain(session -> session.persistAll(missing.toArray())).replaceWith(true);
            })))
        .invoke(catalogue::changed);
  }

  private static List<Object> wholesale() {
    List<Object> all = new ArrayList<>();
    Branch area = branch(AREA, SUPPLIER_TENANT, "OpenFibre national install area", "Europe/London");
    area.country = "GB";
    all.add(area);
    all.add(service(FTTP, SUPPLIER_TENANT, "fttp", Map.of("en_US", "FTTP", "en_UK", "FTTP"), 300, null, 1));
    all.add(service(FTTHL2R, SUPPLIER_TENANT, "ftthl2r", Map.of("en_US", "FTTH", "en_UK", "FTTH"), 300, null, 1));
    all.add(resource(CREW_A, SUPPLIER_TENANT, AREA, "Crew A", List.of(FTTP, FTTHL2R)));
    all.add(resource(CREW_B, SUPPLIER_TENANT, AREA, "Crew B", List.of(FTTP, FTTHL2R)));
    all.add(rule("0f1b0000-0000-4000-8000-000000000031", SUPPLIER_TENANT, AREA, "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY", 8, 13, true, true));
    all.add(rule("0f1b0000-0000-4000-8000-000000000032", SUPPLIER_TENANT, AREA, "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY", 13, 18, true, true));
    all.add(rule("0f1b0000-0000-4000-8000-000000000033", SUPPLIER_TENANT, AREA, "SATURDAY", 8, 13, true, false));
    all.add(rule("0f1b0000-0000-4000-8000-000000000034", SUPPLIER_TENANT, AREA, "SATURDAY", 13, 18, true, false));
    Supplier supplier = new Supplier();
    supplier.id = SUPPLIER;
    supplier.tenant = SUPPLIER_TENANT;
    supplier.adapter = "calendar";
    supplier.branchId = AREA;
    supplier.holdTtlSeconds = 900;
    supplier.horizonDays = 14;
    all.add(supplier);
    for (String tenant : WHOLESALE_TENANTS) {
      // The owner's offer, and each demo booker's own route to it (the demo stands in for both sides' admins).
      Grant grant = new Grant();
      grant.supplierTenant = SUPPLIER_TENANT;
      grant.supplierId = SUPPLIER;
      grant.tenant = tenant;
      grant.serviceSpecifications = List.of("ftthl2r", "fttp");
      grant.createdAt = java.time.Instant.EPOCH;
      all.add(grant);
      for (String specification : List.of("fttp", "ftthl2r")) {
        Route route = new Route();
        route.id = UUID.nameUUIDFromBytes((tenant + "/" + specification).getBytes());
        route.tenant = tenant;
        route.serviceSpecification = specification;
        route.supplierTenant = SUPPLIER_TENANT;
        route.supplierId = SUPPLIER;
        all.add(route);
      }
    }
    return all;
  }

  /**
   * A bank branch in Ghent (Europe/Brussels) for the booking face: two service groups, three services
   * (one needing date of birth and an information question, one taking up to 4 reservations), three
   * staff, opening hours Mon-Fri 09:00-17:00 and Sat 09:00-12:00, names in en_US and nl_NL.
   */
  private static List<Object> booking() {
    List<Object> all = new ArrayList<>();
    TenantSettings settings = new TenantSettings();
    settings.tenant = BANK;
    settings.defaultLocale = "nl_NL";
    settings.holdTtlSeconds = 900;
    all.add(settings);
    Branch ghent = branch(GHENT, BANK, "Gent Korenmarkt", "Europe/Brussels");
    ghent.streetName = "Korenmarkt 1";
    ghent.zipCode = "9000";
    ghent.city = "Gent";
    ghent.country = "BE";
    ghent.latitude = 51.0547;
    ghent.longitude = 3.7215;
    all.add(ghent);
    all.add(group(ACCOUNTS, "Accounts", "Rekeningen", 0));
    all.add(group(ADVICE, "Advice", "Advies", 1));
    Service account = service(OPEN_ACCOUNT, BANK, null, Map.of("en_US", "Open an account", "nl_NL", "Rekening openen"), 30, ACCOUNTS, 1);
    account.requiresDateOfBirth = true;
    account.informationQuestions = List.of(new Service.InformationQuestion("purpose", true,
        Map.of("en_US", "What will you use the account for?", "nl_NL", "Waarvoor gebruikt u de rekening?"),
        Map.of("en_US", "For example: salary, savings", "nl_NL", "Bijvoorbeeld: loon, sparen")));
    account.screeningQuestions = List.of(new Service.ScreeningQuestion("resident", true,
        Map.of("en_US", "Do you live in Belgium?", "nl_NL", "Woont u in België?"), Map.of(),
        Map.of("en_US", "Accounts can only be opened by residents", "nl_NL", "Enkel voor inwoners")));
    all.add(account);
    Service mortgage = service(MORTGAGE, BANK, null, Map.of("en_US", "Mortgage advice", "nl_NL", "Hypotheekadvies"), 60, ADVICE, 1);
    mortgage.resourceSelection = true;
    all.add(mortgage);
    all.add(service(INFO_SESSION, BANK, null, Map.of("en_US", "Investment information session", "nl_NL", "Infosessie beleggen"), 60, ADVICE, 4));
    String[] staff = {"An Peeters", "Bram De Smet", "Chloé Janssens"};
    for (int i = 0; i < staff.length; i++) {
      all.add(resource(UUID.fromString("ba4c0000-0000-4000-8000-00000000002" + i), BANK, GHENT, staff[i],
          i == 0 ? List.of(OPEN_ACCOUNT, INFO_SESSION) : List.of(OPEN_ACCOUNT, MORTGAGE, INFO_SESSION)));
    }
    all.add(rule("ba4c0000-0000-4000-8000-000000000031", BANK, GHENT, "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY", 9, 17, false, true));
    all.add(rule("ba4c0000-0000-4000-8000-000000000032", BANK, GHENT, "SATURDAY", 9, 12, false, true));
    // Seed 003's service combinations: both services back to back with one adviser (Bram or Chloé serve both).
    ServiceCombination both = new ServiceCombination();
    both.id = ACCOUNT_AND_MORTGAGE;
    both.tenant = BANK;
    both.branchId = GHENT;
    both.names = Map.of("en_US", "Open an account and mortgage advice", "nl_NL", "Rekening openen en hypotheekadvies");
    both.serviceIds = List.of(OPEN_ACCOUNT, MORTGAGE);
    both.trailingBufferMinutes = 15;
    all.add(both);
    return all;
  }

  private static ServiceGroup group(UUID id, String en, String nl, int position) {
    ServiceGroup group = new ServiceGroup();
    group.id = id;
    group.tenant = BANK;
    group.names = Map.of("en_US", en, "nl_NL", nl);
    group.position = position;
    return group;
  }

  private static Service service(UUID id, String tenant, String code, Map<String, String> names, int minutes,
      UUID group, int max) {
    Service service = new Service();
    service.id = id;
    service.tenant = tenant;
    service.code = code;
    service.names = names;
    service.descriptions = Map.of();
    service.durationMinutes = minutes;
    service.meetingType = code != null ? "ON_LOCATION" : "OFFICE";
    service.groupId = group;
    service.onlineBookable = true;
    service.maxNumberOfReservations = max;
    service.informationQuestions = List.of();
    service.screeningQuestions = List.of();
    return service;
  }

  private static Branch branch(UUID id, String tenant, String name, String timeZone) {
    Branch branch = new Branch();
    branch.id = id;
    branch.tenant = tenant;
    branch.name = name;
    branch.timeZone = timeZone;
    return branch;
  }

  /** A staff member, room or crew of a branch. */
  private static Resource resource(UUID id, String tenant, UUID branch, String name, List<UUID> services) {
    Resource resource = new Resource();
    resource.id = id;
    resource.tenant = tenant;
    resource.branchId = branch;
    resource.name = name;
    resource.serviceIds = services;
    return resource;
  }

  private static ScheduleRule rule(String id, String tenant, UUID branch, String days, int from, int to,
      boolean wholeWindow, boolean standard) {
    ScheduleRule rule = new ScheduleRule();
    rule.id = UUID.fromString(id);
    rule.tenant = tenant;
    rule.branchId = branch;
    rule.serviceIds = List.of();
    rule.days = days;
    rule.startTime = LocalTime.of(from, 0);
    rule.endTime = LocalTime.of(to, 0);
    rule.wholeWindow = wholeWindow;
    rule.standard = standard;
    return rule;
  }
}
