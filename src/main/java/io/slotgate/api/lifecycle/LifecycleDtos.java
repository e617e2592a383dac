package io.slotgate.api.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The lifecycle face's wire records in seed 002's shape (objects marked closed carry nothing extra). */
public final class LifecycleDtos {

  private LifecycleDtos() {}

  public record Envelope<T>(T data) {}

  /** A page of the back office's list; {@code hasMore} tells whether the next page has anything. */
  public record Page<T>(List<T> data, PageMeta meta) {}

  public record PageMeta(int page, int pageSize, boolean hasMore) {}

  /** A reference in a request: the id of a service, branch, customer or resource. */
  public record RefInput(@NotBlank @Size(max = 255) String id) {}

  public record ParticipantInput(
      @NotNull @Schema(enumeration = {"PRIMARY", "SECONDARY"}) @Pattern(regexp = "PRIMARY|SECONDARY") String role,
      @NotNull @Valid RefInput participant,
      @NotNull @Schema(enumeration = {"CUSTOMER", "EMPLOYEE"}) @Pattern(regexp = "CUSTOMER|EMPLOYEE") String type) {}

  /**
   * A back-office invitation (OUTGOING_INVITE) in seed 002's terms: subject = the service, office = the
   * branch, participants = the CUSTOMER (required) and optionally the EMPLOYEE (a resource id) to assign.
   */
  public record InviteRequest(
      @Size(min = 1, max = 255) String externalId,
      @NotNull @Size(max = 64) String start,
      @NotNull @Size(max = 64) String end,
      @NotNull @Valid RefInput subject,
      @NotNull @Valid RefInput office,
      @NotNull @Size(min = 1, max = 2) List<@NotNull @Valid ParticipantInput> appointmentParticipants,
      @Size(max = 2048) String internalNotes,
      @Size(max = 2048) String messageForCustomer,
      @Schema(enumeration = {"OFFICE", "ON_LOCATION", "PHONE", "VIDEO"}) @Pattern(regexp = "OFFICE|ON_LOCATION|PHONE|VIDEO")
      String meetingType,
      Boolean hybrid) {}

  public record Ref(String id) {}

  public record Participant(@Schema(enumeration = {"PRIMARY", "SECONDARY"}) String role, Ref participant,
      @Schema(enumeration = {"CUSTOMER", "EMPLOYEE"}) String type, String videoUrl, String videoTestUrl) {}

  public record AnswerView(String value, List<Ref> selectedAnswerOptions, List<Ref> files, String id, Ref form,
      Ref question, String answerType, String createdAt, String updatedAt) {}

  public record AppointmentData(
      String id,
      String externalId,
      String start,
      String end,
      Ref subject,
      Ref office,
      List<Participant> appointmentParticipants,
      List<AnswerView> answers,
      Ref callbackRequest,
      Ref listing,
      Ref leadSegment,
      Ref meetingRoom,
      @Schema(enumeration = {"ON_LOCATION", "OFFICE", "VIDEO", "PHONE"}) String meetingType,
      @Schema(enumeration = {"RESERVED", "EXPIRED", "INCOMING_REQUEST", "ACCEPTED", "ALTERNATIVE_DATE_REQUESTED", "OUTGOING_INVITE", "CANCELLED", "COMPLETED", "NO_SHOW"}) String status,
      boolean hybrid,
      int trailingBufferTime,
      String internalNotes,
      String messageForCustomer,
      String createdAt,
      Ref createdBy,
      String createdByType,
      String createdFrom,
      String updatedAt,
      Ref updatedBy,
      String updatedByType,
      String updatedFrom,
      Object location,
      @JsonInclude(JsonInclude.Include.NON_NULL)
      @Schema(description = "slotgate's extension: a service combination's services in order (subject is then the "
          + "combination); absent for one service")
      List<Segment> segments) {}

  /** One service of a combination appointment: subject = the service, employees = the resources serving it. */
  public record Segment(Ref subject, String start, String end, List<Ref> employees) {}

  public record Text(String language, String value) {}

  public record Geolocation(double latitude, double longitude) {}

  public record Translations(List<Text> city, List<Text> state, List<Text> street1, List<Text> street2) {}

  /** Seed 002's location: texts per language, geolocation and translations. */
  public record Location(Text city, Text state, Text street1, Text street2, String postalCode, String countryCode,
      String formattedAddress, Geolocation geolocation, Translations translations) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HistoryView(String at, Ref actor, String actorType, String source, String action, String fromStatus,
      String toStatus) {}
}
