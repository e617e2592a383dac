package io.slotgate.core.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Create, replace, list and retire catalogue entries of one tenant, each kind's rules checked in the write's
 * transaction. Retiring sets {@code retiredAt} and never deletes, so appointments keep what they refer to.
 * Faces name a kind and get entries back as {@code Object}, which they convert to their views; no entity and no
 * session reach them.
 */
@ApplicationScoped
public class CatalogueAdmin {

  private final ObjectMapper json;
  private final CatalogueRepository catalogue;
  private final Clock clock;

  public CatalogueAdmin(ObjectMapper json, CatalogueRepository catalogue, Clock clock) {
    // Panache turns entity fields into properties, so entities convert through their accessors.
    this.json = json.copy()
        .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /** A check run inside the transaction before writing; fails with a DomainFailure to refuse. */
  public interface Check<E> extends BiFunction<String, E, Uni<Void>> {}

  /** The kinds of entry the admin face edits. */
  public enum Kind {
    BRANCH(Branch.class), SERVICE_GROUP(ServiceGroup.class), SERVICE(Service.class), RESOURCE(Resource.class),
    SCHEDULE_RULE(ScheduleRule.class), SUPPLIER(Supplier.class), ROUTE(Route.class),
    SERVICE_COMBINATION(ServiceCombination.class);

    private final Class<? extends PanacheEntityBase> type;

    Kind(Class<? extends PanacheEntityBase> type) {
      this.type = type;
    }
  }

  /** Creates an entry of the kind with a new id from the input's fields, once its rule holds. */
  public Uni<Object> create(String tenant, Kind kind, Object input) {
    return create(tenant, input, kind.type, newId(), rule(kind)).map(Object.class::cast);
  }

  /** Creates the tenant's supplier {@code id}; 409 CONFLICT when the tenant has one with that id already. */
  public Uni<Object> createSupplier(String tenant, String id, Object input) {
    return Panache.withSession(() -> Supplier.<Supplier>findById(new Supplier.Key(tenant, id)))
        .chain(existing -> {
          if (existing != null) {
            throw DomainFailure.conflict("Supplier '" + id + "' exists already; replace it with PUT "
                + "/admin/v1/suppliers/" + id);
          }
          return create(tenant, input, Supplier.class, id, rule(Kind.SUPPLIER));
        })
        .map(Object.class::cast);
  }

  public Uni<Object> replace(String tenant, Kind kind, Object id, Object input) {
    return replace(tenant, input, kind.type, id, rule(kind)).map(Object.class::cast);
  }

  public Uni<List<Object>> list(String tenant, Kind kind, boolean includeRetired) {
    return list(tenant, kind.type, includeRetired).map(List::<Object>copyOf);
  }

  public Uni<Object> get(String tenant, Kind kind, Object id) {
    return get(tenant, kind.type, id).map(Object.class::cast);
  }

  public Uni<Object> retire(String tenant, Kind kind, Object id) {
    return retire(tenant, kind.type, id).map(Object.class::cast);
  }

  /** The tenant's booking defaults (en_US and 900 s until set). */
  public Uni<Object> settings(String tenant) {
    return Panache.withSession(() -> TenantSettings.<TenantSettings>findById(tenant))
        .map(found -> found == null ? settings(tenant, null, null) : found);
  }

  public Uni<Object> replaceSettings(String tenant, String defaultLocale, Integer holdTtlSeconds) {
    TenantSettings settings = settings(tenant, defaultLocale, holdTtlSeconds);
    return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.merge(settings)))
        .map(Object.class::cast);
  }

  private static TenantSettings settings(String tenant, String defaultLocale, Integer holdTtlSeconds) {
    TenantSettings settings = new TenantSettings();
    settings.tenant = tenant;
    settings.defaultLocale = defaultLocale == null ? "en_US" : defaultLocale;
    settings.holdTtlSeconds = holdTtlSeconds == null ? 900 : holdTtlSeconds;
    return settings;
  }

  // ---- each kind's rule, checked before a create or replace

  @SuppressWarnings("unchecked") // each kind's rule is written for that kind's entity class
  private <E> Check<E> rule(Kind kind) {
    Check<?> rule = switch (kind) {
      case BRANCH -> (Check<Branch>) (tenant, branch) -> checkBranch(branch);
      case SERVICE -> (Check<Service>) this::checkService;
      case RESOURCE -> (Check<Resource>) this::checkResource;
      case SCHEDULE_RULE -> (Check<ScheduleRule>) this::checkRule;
      case SUPPLIER -> (Check<Supplier>) this::checkSupplier;
      case SERVICE_COMBINATION -> (Check<ServiceCombination>) this::checkCombination;
      case SERVICE_GROUP, ROUTE -> (tenant, entry) -> Uni.createFrom().voidItem();
    };
    return (Check<E>) rule;
  }

  private static Uni<Void> checkBranch(Branch branch) {
    try {
      ZoneId.of(branch.timeZone);
      return Uni.createFrom().voidItem();
    } catch (DateTimeException e) {
      throw DomainFailure.invalid("Field 'timeZone' must be an IANA time zone such as Europe/London, not '"
          + branch.timeZone + "'");
    }
  }

  private Uni<Void> checkService(String tenant, Service service) {
    return exists(tenant, ServiceGroup.class, service.groupId == null ? List.of() : List.of(service.groupId), "groupId");
  }

  private Uni<Void> checkResource(String tenant, Resource resource) {
    return exists(tenant, Branch.class, List.of(resource.branchId), "branchId")
        .chain(() -> exists(tenant, Service.class, resource.serviceIds, "serviceIds"));
  }

  private Uni<Void> checkRule(String tenant, ScheduleRule rule) {
    if (!rule.endTime.isAfter(rule.startTime)) {
      throw DomainFailure.invalid("Field 'endTime' must be after startTime");
    }
    return exists(tenant, Branch.class, List.of(rule.branchId), "branchId")
        .chain(() -> exists(tenant, Service.class, rule.serviceIds, "serviceIds"));
  }

  private Uni<Void> checkCombination(String tenant, ServiceCombination combination) {
    if (combination.serviceIds.size() != new java.util.HashSet<>(combination.serviceIds).size()) {
      throw DomainFailure.invalid("Field 'serviceIds' must name each service once");
    }
    return exists(tenant, Branch.class, List.of(combination.branchId), "branchId")
        .chain(() -> exists(tenant, Service.class, combination.serviceIds, "serviceIds"));
  }

  private Uni<Void> checkSupplier(String tenant, Supplier supplier) {
    return exists(tenant, Branch.class, supplier.branchId == null ? List.of() : List.of(supplier.branchId),
        "branchId");
  }

  // ---- the generic path, by entity class (also for the core's own callers)

  public <E extends PanacheEntityBase> Uni<E> create(String tenant, Object input, Class<E> type, Object id,
      Check<E> check) {
    E entity = json.convertValue(input, type);
    set(entity, "id", id);
    set(entity, "tenant", tenant);
    return Panache.withTransaction(() -> check.apply(tenant, entity).chain(() -> entity.persist()))
        .invoke(catalogue::changed).replaceWith(entity);
  }

  public <E extends PanacheEntityBase> Uni<E> replace(String tenant, Object input, Class<E> type, Object id,
      Check<E> check) {
    E entity = json.convertValue(input, type);
    set(entity, "id", id);
    set(entity, "tenant", tenant);
    return Panache.withTransaction(() -> owned(tenant, type, id)
            .chain(existing -> check.apply(tenant, entity))
            .chain(() -> Panache.getSession().chain(session -> session.merge(entity))))
        .invoke(catalogue::changed);
  }

  public <E extends PanacheEntityBase> Uni<List<E>> list(String tenant, Class<E> type, boolean includeRetired) {
    String query = "from " + type.getSimpleName() + " where tenant = ?1"
        + (includeRetired || !retirable(type) ? "" : " and retiredAt is null");
    return Panache.withSession(() -> Panache.getSession().chain(session ->
        session.createSelectionQuery(query, type).setParameter(1, tenant).getResultList()));
  }

  public <E extends PanacheEntityBase> Uni<E> get(String tenant, Class<E> type, Object id) {
    return Panache.withSession(() -> owned(tenant, type, id));
  }

  public <E extends PanacheEntityBase> Uni<E> retire(String tenant, Class<E> type, Object id) {
    return Panache.withTransaction(() -> owned(tenant, type, id).invoke(entity -> {
      if (retirable(type)) {
        set(entity, "retiredAt", clock.instant());
      }
    }).chain(entity -> retirable(type) ? Uni.createFrom().item(entity) : entity.delete().replaceWith(entity)))
        .invoke(catalogue::changed);
  }

  /** Loads an entry of the tenant; another tenant's entry is as unknown as a missing one. */
  public <E extends PanacheEntityBase> Uni<E> owned(String tenant, Class<E> type, Object id) {
    Object key = type == Supplier.class ? new Supplier.Key(tenant, (String) id) : id;
    return Panache.getSession().chain(session -> session.find(type, key)).map(entity -> {
      if (entity == null || !tenant.equals(get(entity, "tenant"))) {
        throw DomainFailure.notFound(type.getSimpleName() + " " + id);
      }
      return entity;
    });
  }

  /** Fails unless every id names a live entry of the tenant. */
  public <E extends PanacheEntityBase> Uni<Void> exists(String tenant, Class<E> type, List<?> ids, String field) {
    if (ids == null || ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select count(*) from " + type.getSimpleName() + " where tenant = ?1 and id in ?2"
                    + (retirable(type) ? " and retiredAt is null" : ""), Long.class)
            .setParameter(1, tenant).setParameter(2, ids).getSingleResult())
        .invoke(count -> {
          if (count != ids.stream().distinct().count()) {
            throw DomainFailure.invalid("Field '" + field + "' names a " + type.getSimpleName()
                + " that does not exist (or is retired) in this tenant: " + ids);
          }
        }).replaceWithVoid();
  }


  public <V> V view(Object entity, Class<V> view) {
    return json.convertValue(entity, view);
  }

  public static UUID newId() {
    return UUID.randomUUID();
  }

  private static boolean retirable(Class<?> type) {
    return java.util.Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals("getRetiredAt"));
  }

  // Panache generates these accessors for every public entity field.
  private static void set(Object entity, String field, Object value) {
    String name = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    try {
      java.util.Arrays.stream(entity.getClass().getMethods()).filter(m -> m.getName().equals(name)).findFirst()
          .orElseThrow(() -> new NoSuchMethodException(name)).invoke(entity, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object get(Object entity, String field) {
    try {
      return entity.getClass().getMethod("get" + Character.toUpperCase(field.charAt(0)) + field.substring(1))
          .invoke(entity);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
