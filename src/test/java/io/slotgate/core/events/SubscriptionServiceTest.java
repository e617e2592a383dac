package io.slotgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slotgate.core.DomainFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscription query's grammar (callback addresses: CallbackAddressesTest). */
class HubServiceTest {

  @Test
  void theQueryNamesKnownEventTypes() {
    assertEquals(List.of(), HubService.eventTypes(null));
    assertEquals(List.of("AppointmentStateChangeEvent"), HubService.eventTypes("eventType=AppointmentStateChangeEvent"));
    assertEquals(List.of("AppointmentCreateEvent", "AppointmentStateChangeEvent"),
        HubService.eventTypes("eventType=AppointmentCreateEvent,AppointmentStateChangeEvent"));
    assertThrows(DomainFailure.class, () -> HubService.eventTypes("eventType=Nope"));
    assertThrows(DomainFailure.class, () -> HubService.eventTypes("status=ACCEPTED"));
  }
}
