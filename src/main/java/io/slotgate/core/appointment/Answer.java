package io.slotgate.core.appointment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A customer's answer to one of the service's information or screening questions (stored as JSON, as Customer). */
@RegisterForReflection
public record Answer(String questionId, String value) {}
