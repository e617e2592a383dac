package io.slotgate.api.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The lifecycle face's wire records in seed 002's shape (objects marked closed carry nothing extra). */
public final class LifecycleDtos {

  private LifecycleDtos() {}

  public record Envelope<T>(T data) {}

  public record Ref(String id) {}

  public record Participant(String role, Ref participant, String type, String videoUrl, String videoTestUrl) {}

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
      String meetingType,
      String status,
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
      Object location) {}

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
