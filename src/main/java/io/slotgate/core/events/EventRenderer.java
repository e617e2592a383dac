package io.slotgate.core.events;

import io.slotgate.core.appointment.Appointment;
import io.smallrye.mutiny.Uni;

/**
 * The port through which a face renders an appointment for its subscribers' events: each face implements
 * it in its own package, so event delivery depends on this interface and on no face.
 */
public interface EventRenderer {

  /** The face whose subscribers this renders for. */
  Subscription.Face face();

  /** The appointment in the face's representation (serialised to JSON as the event's {@code appointment}). */
  Uni<Object> render(Appointment appointment);
}
