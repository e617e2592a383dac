package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
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
  public Instant retiredAt;
}
