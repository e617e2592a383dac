package io.slotgate.api.booking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The branch booking face's wire records, as in seed 003. */
public final class BookingDtos {

  private BookingDtos() {}

  @Schema(name = "BookingAddress")
  public record Address(String streetName, String zipCode, String city, String country) {}

  @Schema(name = "BookingLocation")
  public record Location(Double longitude, Double latitude) {}

  @Schema(name = "BookingBranch")
  public record BranchView(@Schema(example = "3fa85f64-5717-4562-b3fc-2c963f66afa6") String id, String name,
      Address address, Location location) {}

  public record Config(int maxNumberOfReservations, boolean onlineBookable) {}

  public record ServiceRef(String id, String name, Config config) {}

  public record ResourceRef(String id, String name) {}

  public record ResourceSelection(boolean required, List<ResourceRef> availableResources) {}

  public record InformationQuestionView(String id, boolean required, String questionText, String clarificationText) {}

  public record ScreeningQuestionView(String id, boolean yesRequiredAnswer, String questionText, String clarificationText,
      String answerDeniedMessage) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ServiceOffer(BranchView branch, ServiceRef service, ResourceSelection resourceSelection,
      List<InformationQuestionView> informationQuestions, List<ScreeningQuestionView> screeningQuestions) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BranchOffer(BranchView branch, ResourceSelection resourceSelection) {}

  public record GroupedService(String id, String name, int index, String externalDescription, boolean onlineBookable) {}

  @Schema(name = "BookingServiceGroup")
  public record ServiceGroupView(String id, String name, int index, List<GroupedService> services) {}

  public record ServiceGroups(List<GroupedService> services, List<ServiceGroupView> serviceGroups) {}

  @Schema(name = "BookingTimeslot")
  public record Timeslot(@Schema(example = "2026-12-01T08:00:00.000Z") String startTime,
      @Schema(example = "2026-12-01T09:00:00.000Z") String endTime, List<ResourceRef> availableResources) {}

  @Schema(name = "ReservationRequest")
  public record ReservationRequest(
      @Schema(required = true) String serviceId,
      @Schema(required = true) String branchId,
      String requestedResourceId,
      @Schema(required = true, example = "2026-12-01T08:00:00.000Z") String startTime,
      @Schema(required = true, example = "2026-12-01T09:00:00.000Z") String endTime,
      @Schema(maxLength = 2048) String notes,
      @Schema(defaultValue = "1") Integer numberOfReservations) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reservation(String id, @Schema(enumeration = {"RESERVED", "EXPIRED", "INCOMING_REQUEST", "ACCEPTED",
      "ALTERNATIVE_DATE_REQUESTED", "OUTGOING_INVITE", "CANCELLED", "COMPLETED", "NO_SHOW"}) String status,
      String expiresAt, String serviceId, String branchId, String startTime, String endTime,
      Integer numberOfReservations, List<String> resourceIds,
      @Schema(description = "A service combination's id; absent for one service (serviceId is then the service)")
      String serviceCombinationId,
      @Schema(description = "A service combination's services in order, back to back; absent for one service")
      List<SegmentView> segments) {}

  /** One service of a combination appointment: when it runs and who serves it. */
  public record SegmentView(String serviceId, String startTime, String endTime, List<String> resourceIds) {}

  // ---- service combinations (seed 003: /external/v1/serviceCombination/)

  @Schema(name = "ServiceCombinationService")
  public record CombinedService(String id, String name,
      @Schema(description = "Minutes this service's segment lasts") int duration) {}

  @Schema(name = "ServiceCombination")
  public record CombinationView(String id, String name, List<CombinedService> services,
      @Schema(description = "Minutes of the whole combination, every service back to back") int duration,
      @Schema(description = "Minutes the resources stay taken after the last service") int trailingBufferTime,
      @Schema(description = "One resource serves every service (true), or each service any resource serving it")
      boolean sameResource,
      boolean onlineBookable) {}

  @Schema(name = "ServiceCombinationBranch")
  public record CombinationBranch(BranchView branch, List<CombinationView> serviceCombinations) {}

  public record SegmentSlot(String serviceId, @Schema(example = "2026-12-01T08:00:00.000Z") String startTime,
      @Schema(example = "2026-12-01T08:30:00.000Z") String endTime, List<ResourceRef> availableResources) {}

  @Schema(name = "ServiceCombinationTimeslot")
  public record CombinationTimeslot(@Schema(example = "2026-12-01T08:00:00.000Z") String startTime,
      @Schema(example = "2026-12-01T09:30:00.000Z") String endTime, List<SegmentSlot> segments) {}

  @Schema(name = "ServiceCombinationReservationRequest")
  public record CombinationReservationRequest(
      @Schema(required = true) String serviceCombinationId,
      @Schema(required = true, example = "2026-12-01T08:00:00.000Z") String startTime,
      @Schema(required = true, example = "2026-12-01T09:30:00.000Z") String endTime,
      @Schema(maxLength = 2048) String notes,
      @Schema(defaultValue = "1") Integer numberOfReservations) {}

  /**
   * Seed 003's own spellings are read too: {@code id} for questionId, {@code answer} for value. They are fields of
   * their own, not aliases, so that a client generated from this document, which sends both spellings (one of them
   * null), is read: the documented spelling wins where it is given.
   */
  public record AnswerInput(@Schema(required = true) String questionId,
      @Schema(maxLength = 2048) String value,
      @Schema(deprecated = true, description = "Seed 003's spelling of questionId, read where questionId is absent")
      String id,
      @Schema(maxLength = 2048, deprecated = true, description = "Seed 003's spelling of value, read where value is absent")
      String answer) {

    public AnswerInput {
      questionId = questionId != null ? questionId : id;
      value = value != null ? value : answer;
    }
  }

  /** Seed 003's spellings dateofBirth and informationQuestions are read as AnswerInput's are (see there). */
  @Schema(name = "CustomerDetails")
  public record CustomerRequest(
      @Schema(required = true, pattern = "[A-Za-z0-9]{10,48}") String personalIdentifier,
      @Schema(required = true, maxLength = 255) String firstName,
      @Schema(required = true, maxLength = 255) String lastName,
      @Schema(maxLength = 255, description = "A string; a JSON number (seed 003 says integer) is read as its digits")
      String phoneNumber,
      @Schema(required = true, maxLength = 255) String email,
      @Schema(example = "2000-01-01", description = "Required where the service says so") String dateOfBirth,
      @Schema(maxItems = 50, description = "Answers to the service's information and screening questions (yes/no)")
      List<AnswerInput> answers,
      @Schema(deprecated = true, description = "Seed 003's spelling of dateOfBirth, read where dateOfBirth is absent")
      String dateofBirth,
      @Schema(maxItems = 50, deprecated = true,
          description = "Seed 003's spelling of answers (with id and answer), read where answers is absent or empty")
      List<AnswerInput> informationQuestions) {

    public CustomerRequest {
      dateOfBirth = dateOfBirth != null ? dateOfBirth : dateofBirth;
      answers = answers != null && !answers.isEmpty() ? answers : informationQuestions;
    }
  }

  public record TimeslotChange(@Schema(required = true) String startTime, @Schema(required = true) String endTime) {}
}
