package io.slotgate.core.appointment;

import java.util.List;
import java.util.UUID;

/**
 * How a face names an appointment inside a tenant: by slotgate's id, or by the client's own id on
 * its face (the wholesale {@code id}). The tenant is always part of the key, which is what walls
 * tenants off: another tenant's id simply matches nothing.
 */
public record AppointmentKey(String tenant, UUID id, Channel channel, String externalId) {

  public static AppointmentKey byId(String tenant, UUID id) {
    return new AppointmentKey(tenant, id, null, null);
  }

  public static AppointmentKey byClientId(String tenant, Channel channel, String externalId) {
    return new AppointmentKey(tenant, null, channel, externalId);
  }

  /** The SQL condition for this key; appends its parameters to {@code values}. */
  String where(List<Object> values, String alias) {
    if (id != null) {
      values.add(id);
      return alias + "id = $" + values.size();
    }
    values.add(channel.name());
    values.add(externalId);
    return alias + "channel = $" + (values.size() - 1) + " AND " + alias + "external_id = $" + values.size();
  }

  @Override
  public String toString() {
    return id != null ? id.toString() : externalId;
  }
}
