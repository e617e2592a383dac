package io.slotgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slotgate.core.DomainFailure;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which callback addresses are internal (SSRF), and the subscription query's grammar. */
class HubServiceTest {

  @Test
  void internalAddressesAreRecognised() throws Exception {
    for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0",
        "::1", "fe80::1", "fd12:3456::1", "224.0.0.1")) {
      assertTrue(HubService.internal(InetAddress.getByName(internal)), internal);
    }
    for (String external : List.of("8.8.8.8", "151.101.1.69", "2a00:1450:4009:81f::200e")) {
      assertFalse(HubService.internal(InetAddress.getByName(external)), external);
    }
  }

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
