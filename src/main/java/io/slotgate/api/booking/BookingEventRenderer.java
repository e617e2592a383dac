package io.slotgate.api.booking;

import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Events for booking-face subscribers: the appointment as a reservation of the booking face. */
@ApplicationScoped
public class BookingEventRenderer implements EventRenderer {

  private final BookingMapper mapper;

  public BookingEventRenderer(BookingMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public Subscription.Face face() {
    return Subscription.Face.BOOKING;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return Uni.createFrom().item(() -> mapper.toView(appointment));
  }
}
