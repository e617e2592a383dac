package io.slotgate.core.appointment;

/**
 * Who changed an appointment and through which face, in seed 002's words: type CUSTOMER, EMPLOYEE
 * or OTHER; source BACKOFFICE_APP, PARTNER_BOOKING_APP, PLUGIN or OTHER.
 */
public record Actor(String id, String type, String source) {

  public static final Actor SWEEPER = new Actor("slotgate-sweeper", "OTHER", "OTHER");
}
