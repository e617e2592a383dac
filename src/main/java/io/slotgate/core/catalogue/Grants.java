package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.AppointmentService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The two sides of wholesale access: an owner offers a supplier's capacity to a booker (a grant, optionally capped),
 * and the booker chooses which offered supplier serves each of its serviceSpecifications (its route). Neither side
 * ever writes the other's rows, and no answer tells an owner what a booker routes where.
 */
@ApplicationScoped
public class Grants {

  private final CatalogueAdmin admin;
  private final CatalogueRepository catalogue;
  private final AppointmentService appointments;
  private final Clock clock;

  public Grants(CatalogueAdmin admin, CatalogueRepository catalogue, AppointmentService appointments, Clock clock) {
    this.admin = admin;
    this.catalogue = catalogue;
    this.appointments = appointments;
    this.clock = clock;
  }

  /**
   * Offers (or re-offers) the owner's supplier to the booker for exactly these specifications, with an optional cap
   * on the booker's live holds there. Routes nothing. Specifications left out of a narrower offer are withdrawn as
   * a revoke withdraws them: the booker's live holds for them are released.
   */
  public Uni<Grant> offer(String owner, String supplierId, String booker, List<String> specifications,
      Integer maxActiveHolds) {
    List<String> offered = specifications.stream().distinct().sorted().toList();
    return Panache.withTransaction(() -> admin.owned(owner, Supplier.class, supplierId)
            .invoke(() -> {
              if (owner.equals(booker)) {
                throw DomainFailure.invalid("Field 'tenant': a tenant uses its own supplier without a grant; route "
                    + "to it with POST /admin/v1/routes");
              }
            })
            .call(supplier -> checkOffered(owner, supplier, offered))
            .call(() -> lockAgainstHolds(owner, supplierId, booker))
            .chain(() -> Grant.<Grant>findById(new Grant.Key(owner, supplierId, booker)))
            .chain(existing -> {
              Grant grant = existing != null ? existing : newGrant(owner, supplierId, booker);
              grant.serviceSpecifications = offered;
              grant.maxActiveHolds = maxActiveHolds;
              return existing != null ? Uni.createFrom().item(grant) : grant.<Grant>persist();
            }))
        .invoke(catalogue::changed)
        .call(grant -> appointments.releaseUngrantedHolds(booker, owner, supplierId, offered));
  }

  /**
   * Withdraws the offer: the booker's route to the supplier stays its own but leads nowhere, its live holds there
   * are released at once (a confirm of one is refused), and it can neither hold nor reschedule there; appointments
   * confirmed before keep running and can be cancelled from either side.
   */
  public Uni<Grant> revoke(String owner, String supplierId, String booker) {
    return Panache.withTransaction(() -> admin.owned(owner, Supplier.class, supplierId)
            .chain(() -> Grant.<Grant>findById(new Grant.Key(owner, supplierId, booker)))
            .call(grant -> {
              if (grant == null) {
                throw DomainFailure.notFound("Grant of supplier " + supplierId + " to tenant " + booker);
              }
              return grant.delete();
            }))
        .invoke(catalogue::changed)
        .call(grant -> appointments.releaseUngrantedHolds(booker, owner, supplierId, List.of()));
  }

  /**
   * Holds take the grant row FOR KEY SHARE (AppointmentRepository#grant), which an UPDATE of its other columns would
   * not wait for; FOR UPDATE does. So a narrower offer waits for the holds already admitted under the old one, and
   * the release after it sees them; holds arriving meanwhile wait and then read the new offer.
   */
  private static Uni<Void> lockAgainstHolds(String owner, String supplierId, String booker) {
    return Panache.getSession().chain(session -> session.createNativeQuery("SELECT 1 FROM supplier_grant "
                + "WHERE supplier_tenant = ?1 AND supplier_id = ?2 AND tenant = ?3 FOR UPDATE")
            .setParameter(1, owner).setParameter(2, supplierId).setParameter(3, booker).getResultList())
        .replaceWithVoid();
  }

  /** The owner's offers of one of its suppliers, by booker. */
  public Uni<List<Grant>> ofSupplier(String owner, String supplierId) {
    return Panache.withSession(() -> admin.owned(owner, Supplier.class, supplierId)
        .chain(() -> Grant.<Grant>list("supplierTenant = ?1 and supplierId = ?2 order by tenant", owner, supplierId)));
  }

  /** What owners offer the booker, to choose its routes from. */
  public Uni<List<Grant>> offeredTo(String booker) {
    return Panache.withSession(() -> Grant.<Grant>list("tenant = ?1 order by supplierTenant, supplierId", booker));
  }

  /**
   * The booker's own choice: its requests for {@code specification} go to {@code supplierId} of {@code owner} (its
   * own supplier when {@code owner} is itself). Another owner's supplier must be offered to it for the
   * specification; one that is not answers exactly like one that does not exist (404).
   */
  public Uni<Route> route(String tenant, String specification, String owner, String supplierId) {
    Map<String, Object> values = Map.of("serviceSpecification", specification, "supplierId", supplierId,
        "supplierTenant", owner);
    return admin.create(tenant, values, Route.class, CatalogueAdmin.newId(), this::checkRoute);
  }

  private Uni<Void> checkRoute(String tenant, Route route) {
    Uni<Void> reachable = tenant.equals(route.supplierTenant)
        ? admin.owned(tenant, Supplier.class, route.supplierId).invoke(supplier -> {
            if (supplier.retiredAt != null) {
              throw DomainFailure.invalid("Field 'supplierId': supplier '" + route.supplierId + "' is retired");
            }
          }).replaceWithVoid()
        : Supplier.<Supplier>findById(new Supplier.Key(route.supplierTenant, route.supplierId))
            .chain(supplier -> Grant.<Grant>findById(new Grant.Key(route.supplierTenant, route.supplierId, tenant))
                .invoke(grant -> {
                  if (supplier == null || supplier.retiredAt != null || grant == null
                      || !grant.covers(route.serviceSpecification)) {
                    throw DomainFailure.notFound("Supplier '" + route.supplierId + "' of tenant '"
                        + route.supplierTenant + "' offered to this tenant for '" + route.serviceSpecification + "'");
                  }
                }))
            .replaceWithVoid();
    return reachable
        .chain(() -> Route.count("tenant = ?1 and serviceSpecification = ?2", tenant, route.serviceSpecification))
        .invoke(count -> {
          if (count > 0) {
            throw DomainFailure.conflict("Field 'serviceSpecification': this tenant already routes '"
                + route.serviceSpecification + "'; delete that route first (GET /admin/v1/routes)");
          }
        }).replaceWithVoid();
  }

  /** A calendar supplier offers what its owner's live services with that code offer; a remote one, whatever it says. */
  private static Uni<Void> checkOffered(String owner, Supplier supplier, List<String> specifications) {
    if (!"calendar".equals(supplier.adapter)) {
      return Uni.createFrom().voidItem();
    }
    return Service.<Service>list("tenant = ?1 and code in ?2 and retiredAt is null", owner, specifications)
        .invoke(services -> {
          List<String> missing = specifications.stream()
              .filter(code -> services.stream().noneMatch(service -> code.equals(service.code))).toList();
          if (!missing.isEmpty()) {
            throw DomainFailure.invalid("Field 'serviceSpecifications': no live service of this tenant has code "
                + missing + "; create the service first");
          }
        }).replaceWithVoid();
  }

  private Grant newGrant(String owner, String supplierId, String booker) {
    Grant grant = new Grant();
    grant.supplierTenant = owner;
    grant.supplierId = supplierId;
    grant.tenant = booker;
    grant.createdAt = clock.instant();
    return grant;
  }
}
