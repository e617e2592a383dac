package io.slotgate.core.appointment;

import java.util.UUID;

/**
 * How an appointment is met (seed 002's meetingType and hybrid) and, for one met by video, its links: the
 * branch's template with the appointment's id filled in when the appointment is made, kept from then on.
 */
public record Meeting(Type type, boolean hybrid, String videoUrl, String videoTestUrl) {

  public enum Type { OFFICE, ON_LOCATION, PHONE, VIDEO }

  /** Where a template names the appointment. */
  public static final String APPOINTMENT_ID = "{appointmentId}";

  /** A wholesale install: at the customer's address, no video. */
  public static Meeting onLocation() {
    return new Meeting(Type.ON_LOCATION, false, null, null);
  }

  /** Whether participants join by video: a VIDEO meeting, or a hybrid one (in person or by video). */
  public boolean byVideo() {
    return type == Type.VIDEO || hybrid;
  }

  /**
   * The meeting of appointment {@code id}: a video one gets its links from the branch's template (null where the
   * branch has none); any other keeps none.
   */
  public Meeting forAppointment(UUID id) {
    if (!byVideo()) {
      return new Meeting(type, hybrid, null, null);
    }
    return new Meeting(type, hybrid, videoUrl == null ? null : videoUrl.replace(APPOINTMENT_ID, id.toString()),
        videoTestUrl);
  }
}
