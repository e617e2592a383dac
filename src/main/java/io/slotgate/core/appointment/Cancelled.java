package io.slotgate.core.appointment;

/**
 * An appointment was cancelled, through whichever face; fired after the commit. Observers (a remote
 * supplier's release) act in the background and must not throw: the cancel has already happened.
 */
public record Cancelled(Appointment appointment) {}
