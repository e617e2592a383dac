package io.slotgate.core.supplier;

import io.slotgate.core.DomainFailure;
import java.util.List;
import java.util.Map;

/** Ways a supplier can fail a call, as domain failures with stable codes (504, 500, 503). */
public final class SupplierUnavailable {

  private SupplierUnavailable() {}

  public static DomainFailure timedOut(String supplier, java.time.Duration after) {
    return new DomainFailure(DomainFailure.Kind.SUPPLIER_TIMED_OUT,
        List.of("Supplier '" + supplier + "' did not answer within " + after.toMillis() + " ms; try again"), Map.of());
  }

  public static DomainFailure fault(String supplier, String what) {
    return new DomainFailure(DomainFailure.Kind.SUPPLIER_FAULT,
        List.of("Supplier '" + supplier + "' failed: " + what), Map.of());
  }

  public static DomainFailure circuitOpen(String supplier, long retryAfterSeconds) {
    return new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE,
        List.of("Supplier '" + supplier + "' is unavailable after repeated failures; retry after "
            + retryAfterSeconds + " s"), Map.of("retryAfterSeconds", retryAfterSeconds));
  }

  public static boolean isFault(Throwable failure) {
    return failure instanceof DomainFailure f
        && (f.kind() == DomainFailure.Kind.SUPPLIER_FAULT || f.kind() == DomainFailure.Kind.SUPPLIER_TIMED_OUT);
  }
}
