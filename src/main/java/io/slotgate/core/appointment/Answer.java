package io.slotgate.core.appointment;

/** A customer's answer to one of the service's information or screening questions. */
public record Answer(String questionId, String value) {}
