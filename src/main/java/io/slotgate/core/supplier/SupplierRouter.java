package io.slotgate.core.supplier;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.supplier.SupplierAdapter;
import io.slotgate.core.supplier.SupplierRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Picks the adapter a supplier route is configured with. */
@ApplicationScoped
public class SupplierRouter {

  private final Map<String, SupplierAdapter> adapters;

  public SupplierRouter(@Any Instance<SupplierAdapter> adapters) {
    this.adapters = adapters.stream().collect(Collectors.toMap(SupplierAdapter::name, Function.identity()));
  }

  public SupplierAdapter adapterFor(SupplierRoute route) {
    SupplierAdapter adapter = adapters.get(route.adapter());
    if (adapter == null) {
      throw new DomainFailure(DomainFailure.Kind.NOT_IMPLEMENTED,
          List.of("Supplier '" + route.supplierId() + "' uses adapter '" + route.adapter()
              + "', which this slotgate does not have; available: " + adapters.keySet()),
          Map.of());
    }
    return adapter;
  }
}
