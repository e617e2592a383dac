package io.slotgate.core.appointment;

/** The person the appointment is for, as given on confirmation. */
public record Customer(
    String personalIdentifier,
    String firstName,
    String lastName,
    String phoneNumber,
    String email,
    String dateOfBirth) {}
