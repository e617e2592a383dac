package io.slotgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slotgate.core.DomainFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscription query's grammar (callback addresses: CallbackAddressesTest). */
class SubscriptionServiceTest {

  @Test
  void theQueryNamesKnownEventTypes() {
    assertEquals(List.of(), SubscriptionService.eventTypes(null));
    assertEquals(List.of("AppointmentStateChangeEvent"), SubscriptionService.eventTypes("eventType=AppointmentStateChangeEvent"));
    assertEquals(List.of("AppointmentCreateEvent", "AppointmentStateChangeEvent"),
        SubscriptionService.eventTypes("eventType=AppointmentCreateEvent,AppointmentStateChangeEvent"));
    assertThrows(DomainFailure.class, () -> SubscriptionService.eventTypes("eventType=Nope"));
    assertThrows(DomainFailure.class, () -> SubscriptionService.eventTypes("status=ACCEPTED"));
  }
}
