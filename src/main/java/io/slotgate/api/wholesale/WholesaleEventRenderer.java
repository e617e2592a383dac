package io.slotgate.api.wholesale;

import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.slotgate.core.wholesale.WholesaleService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Events for wholesale subscribers: the appointment as the wholesale face answers it (seed 000), with status. */
@ApplicationScoped
public class WholesaleEventRenderer implements EventRenderer {

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;

  public WholesaleEventRenderer(WholesaleService wholesale, WholesaleMapper mapper) {
    this.wholesale = wholesale;
    this.mapper = mapper;
  }

  @Override
  public Subscription.Face face() {
    return Subscription.Face.WHOLESALE;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return wholesale.serviceName(appointment).map(name -> mapper.toView(appointment, name, true));
  }
}
