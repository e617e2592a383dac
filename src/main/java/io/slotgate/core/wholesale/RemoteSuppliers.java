package io.slotgate.core.wholesale;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.Cancelled;
import io.slotgate.core.catalogue.CatalogueRepository;
import io.slotgate.supplier.SupplierRouter;
import io.slotgate.supplier.spi.SupplierAdapter;
import io.slotgate.supplier.spi.SupplierRoute;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The supplier an appointment was placed with, and keeping a remote supplier in step: whatever face
 * cancels an appointment, its remote hold or booking is released from here, in the background.
 */
@ApplicationScoped
public class RemoteSuppliers {

  private static final Logger LOG = Logger.getLogger(RemoteSuppliers.class);
  private static final int RELEASE_ATTEMPTS = 6;

  private final CatalogueRepository catalogue;
  private final SupplierRouter suppliers;

  public RemoteSuppliers(CatalogueRepository catalogue, SupplierRouter suppliers) {
    this.catalogue = catalogue;
    this.suppliers = suppliers;
  }

  /** The supplier an existing wholesale appointment was placed with (retired or not). */
  public Uni<SupplierRoute> routeOf(Appointment appointment) {
    return catalogue.supplier(appointment.tenant(), appointment.serviceCode(), appointment.owner(),
            appointment.supplierId())
        .map(route -> route.orElseThrow(() -> new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE,
            List.of("Supplier '" + appointment.supplierId() + "' is no longer configured"), Map.of())));
  }

  /** The id a remote supplier knows the appointment by: stable for the local record, so retries reuse it. */
  public static long remoteId(Appointment appointment) {
    return appointment.id().getMostSignificantBits() & Long.MAX_VALUE;
  }

  /** After any cancel: a remote supplier is told to release the appointment. Never fails the cancel. */
  void onCancelled(@Observes Cancelled event) {
    Appointment appointment = event.appointment();
    if (appointment.supplierId() == null) {
      return;
    }
    routeOf(appointment).subscribe().with(route -> {
      SupplierAdapter adapter = suppliers.adapterFor(route);
      if (adapter.remote()) {
        release(route, adapter, remoteId(appointment), 0);
      }
    }, failure -> LOG.warnf("Cancelled appointment %s: its supplier %s could not be told (%s)", appointment.id(),
        appointment.supplierId(), failure.getMessage()));
  }

  /** Tells the supplier to release {@code id}, again and again for a while if it does not know it yet. */
  void release(SupplierRoute route, SupplierAdapter adapter, long id, int attempt) {
    adapter.cancel(route, id)
        .onFailure().recoverWithItem(false)
        .subscribe().with(released -> {
          if (!released && attempt < RELEASE_ATTEMPTS) {
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(500L << attempt))
                .subscribe().with(ignored -> release(route, adapter, id, attempt + 1));
          } else if (!released) {
            LOG.warnf("Supplier %s did not confirm releasing hold %d; it lapses there by its own TTL",
                route.supplierId(), id);
          }
        });
  }
}
