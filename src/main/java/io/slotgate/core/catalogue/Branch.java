package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.util.UUID;

/** A location: a bank or council branch, or a wholesale supplier's service area. */
@Entity
public class Branch extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  public String name;
  /** IANA zone its schedules are written in, e.g. Europe/London. */
  public String timeZone;
  public String streetName;
  public String zipCode;
  public String city;
  public String country;
  public Double latitude;
  public Double longitude;
  /** Confirmed bookings wait for the branch's acceptance (INCOMING_REQUEST) instead of being ACCEPTED. */
  public boolean requiresAcceptance;
  /** Video appointments' link: a URL where {appointmentId} stands for the appointment's id; null: no video links. */
  public String videoUrlTemplate;
  /** Where participants test their camera and sound before a video appointment. */
  public String videoTestUrl;
  /** The language of the address fields above (ISO 639-1). */
  public String language = "en";
  /** The address in other languages, by ISO 639-1 code: what the lifecycle face answers an Accept-Language with. */
  @JdbcTypeCode(SqlTypes.JSON) public Map<String, Place> translations = Map.of();

  /** A branch's city and street in one language. Registered: Jackson builds it reflectively (native image). */
  @RegisterForReflection
  public record Place(String city, String streetName) {}
  public Instant retiredAt;
}
