package io.slotgate.api.wholesale;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wholesale face's wire records, field for field as in seeds 000 and 001. */
public final class WholesaleDtos {

  private WholesaleDtos() {}

  @Schema(name = "Address", description = "Address identifier for location including type of identifier.")
  public record Address(
      @Schema(required = true, example = "200004033694", maxLength = 64, description = "Address identifier of provided type e.g. UPRN") String id,
      @Schema(required = true, example = "UPRN", maxLength = 32, description = "Type of addressId provided e.g. UPRN") String type) {}

  @Schema(name = "ServiceSpecification", description = "Details of a service the supplier provides at the selected address.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ServiceSpecification(
      @Schema(required = true, example = "ftthl2r", maxLength = 64) String id,
      @Schema(example = "FTTH", description = "Name of the service") String name) {}

  @Schema(name = "Timeslot", description = "Represents an appointment timeslot with a supplier.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timeslot(
      @Schema(required = true, example = "2022-01-10T09:00:00.000Z", maxLength = 64) String timeslotStartDateTime,
      @Schema(required = true, example = "2022-01-10T13:00:00.000Z", maxLength = 64) String timeslotEndDateTime,
      @Schema(enumeration = {"WEEKDAY", "WEEKDAY_AM", "WEEKDAY_PM", "WEEKDAY_EARLY", "WEEKDAY_EVENING",
          "SATURDAY", "SATURDAY_AM", "SATURDAY_PM", "SATURDAY_EARLY", "SATURDAY_EVENING", "SUNDAY", "SUNDAY_AM",
          "SUNDAY_PM", "SUNDAY_EARLY", "SUNDAY_EVENING"}, example = "WEEKDAY_AM") String classification,
      @Schema(description = "Timeslot is classified as standard (non-premium)") Boolean standard) {}

  @Schema(name = "AppointmentRequest")
  public record HoldRequest(
      @Schema(required = true, example = "234", description = "Unique identifier for this appointment") Long id,
      @Schema(required = true) Address address,
      @Schema(required = true) ServiceSpecification serviceSpecification,
      @Schema(enumeration = {"PROVIDE", "REPAIR", "MODIFY"}, example = "PROVIDE", defaultValue = "PROVIDE") String purpose,
      @Schema(required = true) Timeslot timeslot) {}

  @Schema(name = "Appointment")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AppointmentView(
      @Schema(required = true, example = "234") Long id,
      @Schema(example = "SG-2K9X4T0QW1") String supplierReference,
      Address address,
      ServiceSpecification serviceSpecification,
      @Schema(enumeration = {"PROVIDE", "REPAIR", "MODIFY"}) String purpose,
      Timeslot timeslot,
      @Schema(example = "2022-01-01T13:45:00.000Z") String expiryDateTime,
      @Schema(enumeration = {"RESERVED", "EXPIRED", "INCOMING_REQUEST", "ACCEPTED", "ALTERNATIVE_DATE_REQUESTED",
          "OUTGOING_INVITE", "CANCELLED", "COMPLETED", "NO_SHOW"}, description = "Present on GET and actions")
      String status) {}

  @Schema(name = "AvailableAppointments")
  public record AvailableAppointments(Address address, ServiceSpecification serviceSpecification,
      List<Timeslot> availableTimeslots) {}

  @Schema(name = "ServiceQualificationItem", description = "A serviceSpecification the booker can book at the address")
  public record ServiceQualificationItem(ServiceSpecification serviceSpecification,
      @Schema(enumeration = {"qualified"}, example = "qualified") String qualificationItemResult) {}

  @Schema(name = "ServiceQualification", description = "Which serviceSpecifications the booker can book at the address "
      + "(after TMF645 Service Qualification): those it routes to a supplier (and, for another owner's supplier, is "
      + "granted) whose coverage includes the address")
  public record ServiceQualification(Address address,
      @Schema(enumeration = {"qualified", "unqualified"}, example = "qualified",
          description = "qualified when at least one serviceSpecification is available at the address")
      String qualificationResult,
      @Schema(maxItems = 1000) List<ServiceQualificationItem> serviceQualificationItem) {}

  @Schema(name = "ConfirmRequest")
  public record ConfirmRequest(@Schema(example = "ORD-1001", maxLength = 255, description = "The retail order the appointment belongs to")
      String orderReference) {}

  @Schema(name = "RescheduleRequest")
  public record RescheduleRequest(@Schema(required = true) Timeslot timeslot) {}
}
