package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something that can be booked: a fibre install (code = serviceSpecification id) or a branch visit. */
@Entity
public class Service extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  /** Wholesale serviceSpecification id (fttp, ftthl2r); null for branch-only services. */
  public String code;
  @JdbcTypeCode(SqlTypes.JSON) public Map<String, String> names;
  @JdbcTypeCode(SqlTypes.JSON) public Map<String, String> descriptions;
  public int durationMinutes;
  /** How long a resource stays taken after the appointment ends (seed 002's trailingBufferTime). */
  public int trailingBufferMinutes;
  /** How the service is met (OFFICE, ON_LOCATION, PHONE, VIDEO); an invitation may choose another. */
  public String meetingType = "OFFICE";
  /** Participants may join in person or by video. */
  public boolean hybrid;
  public UUID groupId;
  public int position;
  public boolean onlineBookable;
  public int maxNumberOfReservations;
  public boolean requiresDateOfBirth;
  /** Customers may pick a resource (staff member) themselves. */
  public boolean resourceSelection;
  @Convert(converter = JsonLists.InformationQuestions.class) public List<InformationQuestion> informationQuestions;
  @Convert(converter = JsonLists.ScreeningQuestions.class) public List<ScreeningQuestion> screeningQuestions;
  public Instant retiredAt;

  /** A question whose answer is stored with the appointment. Registered: Jackson's convertValue builds it reflectively. */
  @RegisterForReflection
  public record InformationQuestion(String id, boolean required, Map<String, String> questionText,
      Map<String, String> clarificationText) {}

  /** A yes/no question; the booking is refused unless the answer matches {@code yesRequiredAnswer}. Registered as above. */
  @RegisterForReflection
  public record ScreeningQuestion(String id, boolean yesRequiredAnswer, Map<String, String> questionText,
      Map<String, String> clarificationText, Map<String, String> answerDeniedMessage) {}
}
