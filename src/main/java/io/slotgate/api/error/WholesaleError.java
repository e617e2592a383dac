package io.slotgate.api.error;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wholesale and booking error body (seed 000): a traceable uuid, a stable code and readable messages. */
@Schema(name = "Error", description = "Fibre Cafe error")
public record WholesaleError(
    @Schema(example = "87432dfb-2e47-4532-a1b7-4b113d48867d") String uuid,
    @Schema(enumeration = {"INVALID_REQUEST", "MALFORMED_REQUEST", "NOT_AUTHORISED", "NOT_FOUND", "NOT_IMPLEMENTED",
        "SUPPLIER_FAULT", "SLOT_UNAVAILABLE", "DUPLICATE_ID", "APPOINTMENT_STATUS_INVALID", "SERVICE_UNAVAILABLE",
        "SUPPLIER_TIMED_OUT"}) String code,
    @Schema(example = "[\"e.g. Invalid value for field x - accepted values are y\"]") List<String> messages) {}
