package io.slotgate.core.owner;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.AppointmentService;
import io.slotgate.core.appointment.AppointmentStatus;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.appointment.NewAppointment;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.schedule.CapacityCalendar;
import io.slotgate.core.schedule.Slot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The capacity owner's own use cases beyond moving appointments: its list, and invitations it sends. */
@ApplicationScoped
public class OwnerService {

  private final AppointmentService appointments;
  private final BookingService booking;
  private final CapacityCalendar calendar;

  public OwnerService(AppointmentService appointments, BookingService booking, CapacityCalendar calendar) {
    this.appointments = appointments;
    this.booking = booking;
    this.calendar = calendar;
  }

  /** Up to {@code limit} of the owner's appointments after skipping {@code offset}, newest first. */
  public Uni<List<Appointment>> list(String owner, List<AppointmentStatus> statuses, Instant from, Instant to,
      int offset, int limit) {
    if (from != null && to != null && !to.isAfter(from)) {
      return Uni.createFrom().failure(DomainFailure.invalid("Query parameter 'to' must be after 'from'"));
    }
    return appointments.ofOwner(owner, statuses, from, to, offset, limit);
  }

  /** An invitation to place, already parsed; {@code externalId} (optional) makes retries safe. */
  /** An invitation; {@code meetingType} and {@code hybrid}, when given, replace the service's. */
  public record Invite(String owner, String externalId, String requestHash, UUID serviceId, UUID branchId,
      UUID employee, Instant start, Instant end, String meetingType, Boolean hybrid, Customer customer,
      String internalNotes, String messageForCustomer, Actor actor) {}

  /**
   * An OUTGOING_INVITE on the owner's own capacity: the timeslot must be one its schedule offers for the
   * service at the branch, and it takes a resource (the named employee, or any free one) until the
   * customer's answer is recorded (accept or cancel); a taken slot is 409.
   */
  public Uni<Appointment> invite(Invite invite) {
    if (!invite.start().isAfter(appointments.now())) {
      return Uni.createFrom().failure(DomainFailure.invalid("Field 'start' " + invite.start()
          + " is in the past; invite for a future timeslot"));
    }
    return booking.service(invite.owner(), invite.serviceId())
        .chain(service -> booking.offered(invite.owner(), invite.branchId(), invite.serviceId()).chain(at -> {
          var plan = at.plan();
          BookingService.requireResource(plan, invite.employee());
          Slot slot = calendar.offered(plan, invite.start(), invite.end()).orElseThrow(() ->
              DomainFailure.invalid("Timeslot " + invite.start() + " - " + invite.end() + " is not offered for "
                  + "service " + invite.serviceId() + " at branch " + invite.branchId()));
          return appointments.hold(NewAppointment.invitation(
              new NewAppointment.Who(invite.owner(), invite.owner(), Channel.BACKOFFICE, invite.externalId(),
                  invite.requestHash(), invite.actor()),
              new NewAppointment.What(null, invite.branchId(), invite.serviceId(), service.code, null,
                  at.meeting(service, invite.meetingType(), invite.hybrid())),
              new NewAppointment.When(slot.start(), slot.end(), slot.classification().name(), slot.standard(), null),
              new NewAppointment.Capacity(1, invite.employee(), CapacityCalendar.pool(plan, invite.employee()),
                  plan.trailingBuffer()),
              invite.customer(), invite.internalNotes(), invite.messageForCustomer()));
        }));
  }
}
