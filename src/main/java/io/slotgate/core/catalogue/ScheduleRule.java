package io.slotgate.core.catalogue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Opening hours of a branch for some (or all) of its services, in the branch's local time. */
@Entity
public class ScheduleRule extends PanacheEntityBase {
  @Id public UUID id;
  public String tenant;
  public UUID branchId;
  /** Services the rule opens; empty means every service of the branch. */
  @Convert(converter = JsonLists.Uuids.class) public List<UUID> serviceIds;
  /** Wholesale purposes (PROVIDE, REPAIR, MODIFY) the rule opens; empty means every purpose. */
  @Convert(converter = JsonLists.Strings.class) public List<String> purposes;
  /** Comma-separated ISO days: MONDAY,TUESDAY,... */
  public String days;
  public LocalTime startTime;
  public LocalTime endTime;
  /** Slot length; null means the service's duration, unless the whole window is one slot. */
  public Integer slotMinutes;
  public boolean wholeWindow;
  /** Seed 001 classification for every slot of the rule; null derives it from the local times. */
  public String classification;
  public boolean standard;
  public Instant retiredAt;
}
