package io.slotgate.core.appointment;

import java.util.List;
import java.util.UUID;

/**
 * How a face names an appointment: from the booker's side (the tenant that booked it, by slotgate's id
 * or the client's own id on its face) or from the owner's side (the tenant whose capacity it occupies,
 * by slotgate's id or the supplierReference). The tenant is always part of the key, which is what walls
 * tenants off: another tenant's id simply matches nothing.
 */
public record AppointmentKey(Side side, String tenant, UUID id, Channel channel, String externalId,
    String reference) {

  /** Which of the appointment's two tenants the key's tenant must be. */
  public enum Side {
    BOOKER("tenant"),
    OWNER("owner"),
    /** slotgate itself, in background work (the reconciler): no tenant to wall off. */
    SYSTEM(null);

    private final String column;

    Side(String column) {
      this.column = column;
    }
  }

  public static AppointmentKey byId(String tenant, UUID id) {
    return new AppointmentKey(Side.BOOKER, tenant, id, null, null, null);
  }

  public static AppointmentKey byClientId(String tenant, Channel channel, String externalId) {
    return new AppointmentKey(Side.BOOKER, tenant, null, channel, externalId, null);
  }

  /** For background work acting for slotgate itself, never for a request. */
  public static AppointmentKey system(UUID id) {
    return new AppointmentKey(Side.SYSTEM, null, id, null, null, null);
  }

  /** The owner's key: {@code idOrReference} is slotgate's id or the wholesale supplierReference. */
  public static AppointmentKey ofOwner(String owner, String idOrReference) {
    try {
      return new AppointmentKey(Side.OWNER, owner, UUID.fromString(idOrReference), null, null, null);
    } catch (IllegalArgumentException notAnId) {
      return new AppointmentKey(Side.OWNER, owner, null, null, null, idOrReference);
    }
  }

  /** The same side and tenant, naming the appointment by its id. */
  public AppointmentKey withId(UUID appointmentId) {
    return new AppointmentKey(side, tenant, appointmentId, null, null, null);
  }

  /** The SQL condition for this key; appends its parameters to {@code values}. */
  String where(List<Object> values, String alias) {
    String own = "";
    if (side.column != null) {
      values.add(tenant);
      own = alias + side.column + " = $" + values.size() + " AND ";
    }
    if (id != null) {
      values.add(id);
      return own + alias + "id = $" + values.size();
    }
    if (reference != null) {
      values.add(reference);
      return own + alias + "supplier_reference = $" + values.size();
    }
    // The booker's client id names one appointment through booker_request (V18), which is keyed by the booker: a
    // client-id key is always the booker's, so its tenant is the parameter the ownership condition just added.
    int booker = values.size();
    values.add(channel.name());
    values.add(externalId);
    return own + alias + "id = (SELECT appointment_id FROM booker_request WHERE tenant = $" + booker
        + " AND channel = $" + (booker + 1) + " AND external_id = $" + (booker + 2) + ")";
  }

  @Override
  public String toString() {
    return id != null ? id.toString() : reference != null ? reference : externalId;
  }
}
