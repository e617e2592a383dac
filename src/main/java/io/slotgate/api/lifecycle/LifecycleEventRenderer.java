package io.slotgate.api.lifecycle;

import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Events for capacity owners' subscribers: the appointment in the lifecycle face's (seed 002) shape. */
@ApplicationScoped
public class LifecycleEventRenderer implements EventRenderer {

  private final LifecycleMapper mapper;

  public LifecycleEventRenderer(LifecycleMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Subscription.Face face() {
    return Subscription.Face.OWNER;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return Uni.createFrom().item(() -> mapper.toView(appointment));
  }
}
