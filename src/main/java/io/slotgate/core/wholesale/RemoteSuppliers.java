package io.slotgate.core.wholesale;

import io.micrometer.core.instrument.MeterRegistry;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Action;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentKey;
import io.slotgate.core.appointment.AppointmentRepository;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.core.appointment.Cancelled;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.slotgate.core.supplier.SupplierAdapter;
import io.slotgate.core.supplier.SupplierRoute;
import io.slotgate.core.supplier.SupplierRouter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeping a remote supplier in step with the local record of each appointment placed there: the id it
 * is known by there, releasing it after a cancel from any face, and a reconciliation that compares
 * both sides and repairs what a lost answer or a crash left different.
 */
@ApplicationScoped
public class RemoteSuppliers {

  private static final Logger LOG = Logger.getLogger(RemoteSuppliers.class);
  private static final int RELEASE_ATTEMPTS = 6;
  private static final Actor RECONCILER = new Actor("slotgate-reconciler", "OTHER", "OTHER");
  private static final List<String> HELD = List.of("RESERVED", "INCOMING_REQUEST", "ACCEPTED");

  private final CatalogueRepository catalogue;
  private final SupplierRouter suppliers;
  private final AppointmentRepository repository;
  private final AppointmentService appointments;
  private final MeterRegistry metrics;
  private final SlotgateConfig.ReconcileSettings settings;

  public RemoteSuppliers(CatalogueRepository catalogue, SupplierRouter suppliers, AppointmentRepository repository,
      AppointmentService appointments, MeterRegistry metrics, SlotgateConfig config) {
    this.catalogue = catalogue;
    this.suppliers = suppliers;
    this.repository = repository;
    this.appointments = appointments;
    this.metrics = metrics;
    this.settings = config.reconcile();
  }

  /** The supplier an existing wholesale appointment was placed with (retired or not). */
  public Uni<SupplierRoute> routeOf(Appointment appointment) {
    return catalogue.supplier(appointment.who().tenant(), appointment.what().serviceCode(), appointment.who().owner(),
            appointment.what().supplierId())
        .map(route -> route.orElseThrow(() -> new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE,
            List.of("Supplier '" + appointment.what().supplierId() + "' is no longer configured"), Map.of())));
  }

  /**
   * The id a remote supplier knows a booker's appointment by, derived from the booker and its own id:
   * a retry of a hold whose answer was lost (504) reaches the same appointment there, never a second one.
   */
  public static long remoteId(String tenant, String clientId) {
    return UUID.nameUUIDFromBytes((tenant + "\n" + clientId).getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits() & Long.MAX_VALUE;
  }

  public static long remoteId(Appointment appointment) {
    return remoteId(appointment.who().tenant(), appointment.who().externalId());
  }

  /** After any cancel: a remote supplier is told to release the appointment. Never fails the cancel. */
  void onCancelled(@Observes Cancelled event) {
    Appointment appointment = event.appointment();
    if (appointment.what().supplierId() == null) {
      return;
    }
    routeOf(appointment).subscribe().with(route -> {
      SupplierAdapter adapter = suppliers.adapterFor(route);
      if (adapter.remote()) {
        release(route, adapter, appointment.who().tenant(), appointment.who().externalId(), 0);
      }
    }, failure -> LOG.warnf("Cancelled appointment %s: its supplier %s could not be told (%s)", appointment.id(),
        appointment.what().supplierId(), failure.getMessage()));
  }

  /**
   * Tells the supplier to release the booker's appointment, again and again for a while if it does not
   * know it yet (a slow supplier may still create it). Stops as soon as a live local record of the same
   * client id exists again: the booker's retry owns the remote appointment now.
   */
  void release(SupplierRoute route, SupplierAdapter adapter, String tenant, String clientId, int attempt) {
    long id = remoteId(tenant, clientId);
    repository.live(tenant, Channel.WHOLESALE, clientId, appointments.now())
        .chain(retried -> retried ? Uni.createFrom().item(true) : adapter.cancel(route, id))
        .onFailure().recoverWithItem(false)
        .subscribe().with(released -> {
          if (!released && attempt < RELEASE_ATTEMPTS) {
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500L << attempt))
                .subscribe().with(ignored -> release(route, adapter, tenant, clientId, attempt + 1));
          } else if (!released) {
            LOG.warnf("Supplier %s did not confirm releasing hold %d; the reconciler or its own TTL will",
                route.supplierId(), id);
          }
        });
  }

  /**
   * One reconciliation round: compares up to {@code batchSize} due appointments with their supplier and
   * repairs differences; answers how many it repaired. Safe on several instances at once.
   */
  public Uni<Integer> reconcile() {
    Instant now = appointments.now();
    return repository.dueForCheck(now, now.minus(settings.recheckAfter()), now.minus(Duration.ofDays(1)),
            settings.batchSize())
        .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem().transformToUniAndConcatenate(id -> compare(id).onFailure().recoverWithItem(failure -> {
          LOG.debugf("Reconciling %s failed (%s); it comes round again", id, failure.getMessage());
          return false;
        }))
        .collect().asList()
        .map(repaired -> (int) repaired.stream().filter(Boolean::booleanValue).count());
  }

  private Uni<Boolean> compare(UUID id) {
    return repository.find(AppointmentKey.system(id), appointments.now())
        .chain(found -> found.isEmpty() ? Uni.createFrom().item(false)
            : routeOf(found.get()).chain(route -> {
              SupplierAdapter adapter = suppliers.adapterFor(route);
              if (!adapter.remote()) {
                return Uni.createFrom().item(false);
              }
              Appointment local = found.get();
              return adapter.status(route, remoteId(local)).chain(remote -> repair(route, adapter, local, remote));
            }));
  }

  /** What differs, and the move that makes both sides agree (the supplier's word wins on what it decided). */
  private Uni<Boolean> repair(SupplierRoute route, SupplierAdapter adapter, Appointment local, Optional<String> remote) {
    AppointmentStatus here = local.status();
    String there = remote.orElse("UNKNOWN");
    boolean liveHere = HELD.contains(here.name());
    boolean liveThere = HELD.contains(there);
    if (liveHere && !liveThere) {
      // The supplier lost, released or expired it: nothing is booked there, so nothing is booked here.
      Action action = here == AppointmentStatus.RESERVED && "EXPIRED".equals(there) ? Action.EXPIRE : Action.CANCEL;
      return repaired(route, local, there, appointments.move(local, action, RECONCILER, Changes.NONE));
    }
    if (!liveHere && liveThere) {
      // Cancelled or lapsed here, still held there (a lost release): release it there.
      return adapter.cancel(route, remoteId(local)).map(done -> count(route, local, there, "released-at-supplier"));
    }
    if (here == AppointmentStatus.RESERVED && ("ACCEPTED".equals(there) || "INCOMING_REQUEST".equals(there))) {
      // The supplier confirmed but its answer was lost: the order was placed.
      Action confirm = "ACCEPTED".equals(there) ? Action.CONFIRM : Action.CONFIRM_FOR_ACCEPTANCE;
      return repaired(route, local, there, appointments.move(local, confirm, RECONCILER, Changes.NONE));
    }
    if (here == AppointmentStatus.INCOMING_REQUEST && "ACCEPTED".equals(there)) {
      return repaired(route, local, there, appointments.move(local, Action.ACCEPT, RECONCILER, Changes.NONE));
    }
    return Uni.createFrom().item(false);
  }

  private Uni<Boolean> repaired(SupplierRoute route, Appointment local, String there, Uni<Appointment> move) {
    return move.map(moved -> count(route, local, there, moved.status().name().toLowerCase()))
        .onFailure(DomainFailure.class).recoverWithItem(false);
  }

  private boolean count(SupplierRoute route, Appointment local, String there, String repair) {
    LOG.infof("Reconciled %s with supplier %s: here %s, there %s -> %s", local.id(), route.supplierId(),
        local.status(), there, repair);
    metrics.counter("slotgate.reconciled", "supplier", route.supplierId(), "repair", repair).increment();
    return true;
  }
}
