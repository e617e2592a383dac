package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.cache.TtlCache;
import io.slotgate.core.schedule.CapacityPlan;
import io.slotgate.core.schedule.CombinationPlan;
import io.slotgate.core.schedule.WindowRule;
import io.slotgate.core.supplier.Classification;
import io.slotgate.core.supplier.SupplierRoute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads of the catalogue on the booking paths, cached briefly because every search needs them. */
@ApplicationScoped
public class CatalogueRepository {

  private final TtlCache<String, CapacityPlan> plans;
  private final TtlCache<UUID, CombinationPlan> combinationPlans;
  private final TtlCache<String, Optional<SupplierRoute>> routes;
  private final TtlCache<String, Boolean> grants;
  private final Duration defaultTtl;

  public CatalogueRepository(SlotgateConfig config) {
    this.plans = new TtlCache<>(config.catalogue().cacheTtl());
    this.combinationPlans = new TtlCache<>(config.catalogue().cacheTtl());
    this.routes = new TtlCache<>(config.catalogue().cacheTtl());
    this.grants = new TtlCache<>(config.catalogue().cacheTtl());
    this.defaultTtl = config.hold().ttl();
  }

  /** Forgets cached reads; the admin API calls it after every change. */
  public void changed() {
    plans.clear();
    combinationPlans.clear();
    routes.clear();
    grants.clear();
  }

  /**
   * The live supplier a booker's requests for a serviceSpecification go to, with its policy: the booker's own
   * route, to its own supplier or to one whose owner's grant covers the specification (a route whose grant was
   * revoked leads nowhere, but stays the booker's until it deletes it).
   */
  public Uni<Optional<SupplierRoute>> route(String tenant, String specification) {
    return routes.get(tenant + "\n" + specification, () -> Panache.withSession(() ->
        Route.<Route>find("tenant = ?1 and serviceSpecification = ?2", tenant, specification).firstResult()
            .chain(route -> route == null ? Uni.createFrom().item(Optional.<SupplierRoute>empty())
                : grantOf(tenant, route.supplierTenant, route.supplierId, specification)
                    .chain(granted -> !granted ? Uni.createFrom().item(Optional.<SupplierRoute>empty())
                        : supplierRoute(tenant, specification, route.supplierTenant, route.supplierId, false)))));
  }

  /** The serviceSpecifications the booker routes somewhere (its own routes; whether they lead anywhere is apart). */
  public Uni<List<String>> routedSpecifications(String tenant) {
    return Panache.withSession(() -> Route.<Route>list("tenant = ?1", tenant))
        .map(routes -> routes.stream().map(route -> route.serviceSpecification).distinct().toList());
  }

  /** Whether the booker may use the owner's supplier for the specification now: its own, or granted to it. */
  public Uni<Boolean> granted(String tenant, String owner, String supplierId, String specification) {
    return tenant.equals(owner) ? Uni.createFrom().item(true)
        : grants.get(tenant + "\n" + owner + "\n" + supplierId + "\n" + specification,
            () -> Panache.withSession(() -> grantOf(tenant, owner, supplierId, specification)));
  }

  private static Uni<Boolean> grantOf(String tenant, String owner, String supplierId, String specification) {
    if (tenant.equals(owner)) {
      return Uni.createFrom().item(true);
    }
    return Grant.<Grant>findById(new Grant.Key(owner, supplierId, tenant))
        .map(grant -> grant != null && grant.covers(specification));
  }

  /**
   * The supplier an existing appointment was placed with, retired or not: appointments outlive their
   * supplier's retirement, and must still be confirmed, cancelled and released there.
   */
  public Uni<Optional<SupplierRoute>> supplier(String tenant, String specification, String owner, String supplierId) {
    return routes.get("supplier\n" + tenant + "\n" + owner + "\n" + supplierId + "\n" + specification,
        () -> Panache.withSession(() -> supplierRoute(tenant, specification, owner, supplierId, true)));
  }

  private Uni<Optional<SupplierRoute>> supplierRoute(String tenant, String specification, String owner,
      String supplierId, boolean retiredToo) {
    return Supplier.<Supplier>findById(new Supplier.Key(owner, supplierId)).chain(supplier -> {
      if (supplier == null || supplier.retiredAt != null && !retiredToo) {
        return Uni.createFrom().item(Optional.<SupplierRoute>empty());
      }
      return Service.<Service>find("tenant = ?1 and code = ?2 and retiredAt is null", supplier.tenant, specification)
          .firstResult()
          .map(service -> Optional.of(new SupplierRoute(tenant, specification, supplier.id, supplier.tenant,
              supplier.adapter, supplier.branchId, service == null ? null : service.id,
              service == null ? specification.toUpperCase() : name(service),
              supplier.holdTtlSeconds > 0 ? Duration.ofSeconds(supplier.holdTtlSeconds) : defaultTtl,
              supplier.horizonDays, supplier.requiresAcceptance)));
    });
  }

  private static String name(Service service) {
    if (service.names == null || service.names.isEmpty()) {
      return service.code.toUpperCase();
    }
    return service.names.getOrDefault("en_US", service.names.values().iterator().next());
  }

  /** The tenant's live catalogue, as its booking pages list it. */
  public record Listing(List<Branch> branches, List<Service> services, List<ServiceGroup> groups,
      List<Resource> resources, TenantSettings settings) {}

  public Uni<Listing> listing(String tenant) {
    return Panache.withSession(() -> Branch.<Branch>list("tenant = ?1 and retiredAt is null order by name", tenant)
        .chain(branches -> Service.<Service>list("tenant = ?1 and retiredAt is null order by position, id", tenant)
            .chain(services -> ServiceGroup.<ServiceGroup>list("tenant = ?1 and retiredAt is null order by position, id", tenant)
                .chain(groups -> Resource.<Resource>list("tenant = ?1 and retiredAt is null order by name", tenant)
                    .chain(resources -> TenantSettings.<TenantSettings>findById(tenant)
                        .map(settings -> new Listing(branches, services, groups, resources, settings)))))));
  }

  /** One branch, service or tenant's settings, or null (retired ones included: their owners' checks decide). */
  public Uni<Branch> branch(UUID id) {
    return Panache.withSession(() -> Branch.<Branch>findById(id));
  }

  public Uni<Service> service(UUID id) {
    return Panache.withSession(() -> Service.<Service>findById(id));
  }

  /** The services with these ids, retired ones included. */
  public Uni<List<Service>> services(List<UUID> ids) {
    return Panache.withSession(() -> Service.<Service>list("id in ?1", ids));
  }

  public Uni<TenantSettings> settings(String tenant) {
    return Panache.withSession(() -> TenantSettings.<TenantSettings>findById(tenant));
  }

  /** The branches with these ids, by id, read in one query (retired ones included: appointments keep theirs). */
  public Uni<Map<UUID, Branch>> branches(List<UUID> ids) {
    return ids.isEmpty() ? Uni.createFrom().item(Map.of())
        : Panache.withSession(() -> Branch.<Branch>list("id in ?1", ids))
            .map(list -> list.stream().collect(Collectors.toMap(b -> b.id, Function.identity())));
  }

  /** Rules and resources of one service at one branch; empty when either is unknown or retired. */
  public Uni<Optional<CapacityPlan>> plan(UUID branchId, UUID serviceId) {
    return plan(branchId, serviceId, null);
  }

  /**
   * As {@link #plan(UUID, UUID)} with only the rules open to a wholesale {@code purpose} (a rule listing no purposes
   * is open to all); null takes every rule, as the branch face, which has no purposes, does.
   */
  public Uni<Optional<CapacityPlan>> plan(UUID branchId, UUID serviceId, String purpose) {
    return plans.get(branchId + "/" + serviceId + "/" + purpose,
            () -> Panache.withSession(() -> load(branchId, serviceId, purpose)))
        .map(Optional::ofNullable);
  }

  private Uni<CapacityPlan> load(UUID branchId, UUID serviceId, String purpose) {
    return Branch.<Branch>findById(branchId).chain(branch -> {
      if (branch == null || branch.retiredAt != null) {
        return Uni.createFrom().nullItem();
      }
      return Service.<Service>findById(serviceId).chain(service -> {
        if (service == null || service.retiredAt != null) {
          return Uni.createFrom().nullItem();
        }
        Uni<List<ScheduleRule>> rules = ScheduleRule.list("branchId = ?1 and retiredAt is null", branchId);
        return rules.chain(ruleList -> Resource.<Resource>list("branchId = ?1 and retiredAt is null order by name",
                branchId)
            .map(resources -> {
              List<Resource> serving = resources.stream()
                  .filter(r -> r.serviceIds != null && r.serviceIds.contains(serviceId)).toList();
              return new CapacityPlan(branchId, branch.tenant, ZoneId.of(branch.timeZone), serviceId, purpose,
                  java.time.Duration.ofMinutes(service.trailingBufferMinutes),
                  ruleList.stream().filter(r -> serves(r.serviceIds, serviceId) && opens(r.purposes, purpose))
                      .map(r -> window(r, service.durationMinutes)).toList(),
                  serving.stream().map(r -> r.id).toList(),
                  serving.stream().collect(Collectors.toMap(r -> r.id, r -> r.name)));
            }));
      });
    });
  }

  /** The tenant's live service combinations, in their order. */
  public Uni<List<ServiceCombination>> combinations(String tenant) {
    return Panache.withSession(() -> ServiceCombination.<ServiceCombination>list(
        "tenant = ?1 and retiredAt is null order by position, id", tenant));
  }

  /** One service combination, or null (retired ones included: their owners' checks decide). */
  public Uni<ServiceCombination> combination(UUID id) {
    return Panache.withSession(() -> ServiceCombination.<ServiceCombination>findById(id));
  }

  /**
   * Rules and resources of a live combination at its branch: the windows open to every one of its services, cut
   * into slots of the whole combination's length, and each service's pool (with sameResource, the resources serving
   * them all). Empty when the branch or one of the services is gone.
   */
  public Uni<Optional<CombinationPlan>> combinationPlan(ServiceCombination combination) {
    return combinationPlans.get(combination.id, () -> Panache.withSession(() -> loadCombination(combination)))
        .map(Optional::ofNullable);
  }

  private Uni<CombinationPlan> loadCombination(ServiceCombination combination) {
    return Branch.<Branch>findById(combination.branchId).chain(branch -> branch == null ? Uni.createFrom().nullItem()
        : Service.<Service>list("id in ?1", combination.serviceIds)
        .chain(services -> ScheduleRule.<ScheduleRule>list("branchId = ?1 and retiredAt is null", branch.id)
            .chain(rules -> Resource.<Resource>list("branchId = ?1 and retiredAt is null order by name", branch.id)
                .map(resources -> {
                  Map<UUID, Service> byId = services.stream().filter(service -> service.retiredAt == null)
                      .collect(Collectors.toMap(service -> service.id, Function.identity()));
                  if (branch.retiredAt != null || !byId.keySet().containsAll(combination.serviceIds)) {
                    return null;
                  }
                  int minutes = combination.serviceIds.stream().mapToInt(id -> byId.get(id).durationMinutes).sum();
                  List<Resource> all = resources.stream().filter(r -> r.serviceIds != null
                      && r.serviceIds.containsAll(combination.serviceIds)).toList();
                  List<CombinationPlan.Part> parts = combination.serviceIds.stream().map(id -> new CombinationPlan.Part(
                      id, Duration.ofMinutes(byId.get(id).durationMinutes), (combination.sameResource ? all
                          : resources.stream().filter(r -> r.serviceIds != null && r.serviceIds.contains(id)).toList())
                          .stream().map(r -> r.id).toList())).toList();
                  return new CombinationPlan(combination.id, branch.id, branch.tenant, ZoneId.of(branch.timeZone),
                      combination.sameResource, Duration.ofMinutes(combination.trailingBufferMinutes),
                      rules.stream().filter(r -> combination.serviceIds.stream().allMatch(id -> serves(r.serviceIds, id)))
                          .map(r -> new WindowRule(days(r.days), r.startTime, r.endTime, minutes,
                              r.classification == null ? null : Classification.valueOf(r.classification), r.standard))
                          .toList(),
                      parts, resources.stream().collect(Collectors.toMap(r -> r.id, r -> r.name)));
                }))));
  }

  private static boolean serves(List<UUID> serviceIds, UUID serviceId) {
    return serviceIds == null || serviceIds.isEmpty() || serviceIds.contains(serviceId);
  }

  private static boolean opens(List<String> purposes, String purpose) {
    return purpose == null || purposes == null || purposes.isEmpty() || purposes.contains(purpose);
  }

  static WindowRule window(ScheduleRule rule, int serviceMinutes) {
    Integer minutes = rule.wholeWindow ? null : rule.slotMinutes != null ? rule.slotMinutes : serviceMinutes;
    return new WindowRule(days(rule.days), rule.startTime, rule.endTime, minutes,
        rule.classification == null ? null : Classification.valueOf(rule.classification), rule.standard);
  }

  static Set<DayOfWeek> days(String days) {
    return Arrays.stream(days.split(",")).map(String::trim).filter(d -> !d.isEmpty()).map(DayOfWeek::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
  }
}
