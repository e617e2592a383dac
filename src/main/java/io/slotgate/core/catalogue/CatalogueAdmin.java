package io.slotgate.core.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Create, replace, list and retire catalogue entries of one tenant. Retiring sets {@code retiredAt}
 * and never deletes, so appointments keep what they refer to.
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
