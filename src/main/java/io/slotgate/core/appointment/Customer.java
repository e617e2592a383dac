package io.slotgate.core.appointment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The person the appointment is for, as given on confirmation. Registered for reflection: the repository stores it
 * as JSON with Jackson, which a native image cannot do for an unregistered record.
 */
@RegisterForReflection
public record Customer(
    String personalIdentifier,
    String firstName,
    String lastName,
    String phoneNumber,
    String email,
    String dateOfBirth) {}
