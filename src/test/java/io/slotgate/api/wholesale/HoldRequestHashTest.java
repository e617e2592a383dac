package io.slotgate.api.wholesale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.api.http.JacksonSetup;
import io.slotgate.api.wholesale.WholesaleDtos.Address;
import io.slotgate.api.wholesale.WholesaleDtos.HoldRequest;
import io.slotgate.api.wholesale.WholesaleDtos.ServiceSpecification;
import io.slotgate.api.wholesale.WholesaleDtos.Timeslot;
import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.appointment.Actor;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which wholesale holds count as the same request (a retry under the client's id gets its appointment back) and
 * which as another one (DUPLICATE_ID): the request hash of the hold's meaningful fields.
 */
class HoldRequestHashTest {

  /** Parsing a hold reads no catalogue: the service that names appointments in events is not needed here. */
  private final WholesaleMapper mapper = new WholesaleMapper(new JacksonSetup(new ObjectMapper(), config()), null);

  @Test
  void theIdenticalHoldHasTheSameHashWhoeverSendsIt() {
    assertEquals(hash("T-1", hold(7L, "PROVIDE", "2030-01-07T09:00:00Z")), hash("T-1", hold(7L, "PROVIDE",
        "2030-01-07T09:00:00Z")));
    // The tenant and the client's id are the key the hash is looked up by, not part of it.
    assertEquals(hash("T-1", hold(7L, "PROVIDE", "2030-01-07T09:00:00Z")), hash("T-2", hold(8L, "PROVIDE",
        "2030-01-07T09:00:00Z")));
  }

  @Test
  void theSameInstantsWrittenAnotherWayAreTheSameRequest() {
    assertEquals(hash("T-1", hold(7L, "PROVIDE", "2030-01-07T09:00:00Z")),
        hash("T-1", hold(7L, "PROVIDE", "2030-01-07T10:00:00.000+01:00")));
  }

  @Test
  void anOmittedPurposeIsProvide() {
    assertEquals(hash("T-1", hold(7L, "PROVIDE", "2030-01-07T09:00:00Z")), hash("T-1", hold(7L, null,
        "2030-01-07T09:00:00Z")));
  }

  @Test
  void everyMeaningfulFieldMakesAnotherRequest() {
    String first = hash("T-1", hold(7L, "PROVIDE", "2030-01-07T09:00:00Z"));
    Timeslot slot = new Timeslot("2030-01-07T09:00:00Z", "2030-01-07T09:30:00Z", null, null);
    List<HoldRequest> others = List.of(
        hold(7L, "REPAIR", "2030-01-07T09:00:00Z"),
        hold(7L, "PROVIDE", "2030-01-07T09:30:00Z"),
        new HoldRequest(7L, new Address("200004033695", "UPRN"), new ServiceSpecification("fttp", null), "PROVIDE", slot),
        new HoldRequest(7L, new Address("200004033694", "UDPRN"), new ServiceSpecification("fttp", null), "PROVIDE", slot),
        new HoldRequest(7L, new Address("200004033694", "UPRN"), new ServiceSpecification("ftthl2r", null), "PROVIDE", slot),
        new HoldRequest(7L, new Address("200004033694", "UPRN"), new ServiceSpecification("fttp", null), "PROVIDE",
            new Timeslot("2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null, null)));
    for (HoldRequest other : others) {
      assertNotEquals(first, hash("T-1", other), other.toString());
    }
  }

  @Test
  void fieldsSlotgateDecidesItselfDoNotMakeAnotherRequest() {
    // The timeslot's classification and standard flag are the supplier's answer, not the booker's choice.
    HoldRequest plain = hold(7L, "PROVIDE", "2030-01-07T09:00:00Z");
    HoldRequest labelled = new HoldRequest(7L, plain.address(), new ServiceSpecification("fttp", "FTTP"), "PROVIDE",
        new Timeslot("2030-01-07T09:00:00Z", "2030-01-07T09:30:00Z", "WEEKDAY_AM", true));
    assertEquals(hash("T-1", plain), hash("T-1", labelled));
  }

  private String hash(String tenant, HoldRequest request) {
    return mapper.toHold(tenant, request, new Actor("client", "OTHER", "OTHER")).requestHash();
  }

  /** A 30-minute hold of fttp at the test address from {@code start}. */
  private static HoldRequest hold(Long id, String purpose, String start) {
    java.time.OffsetDateTime from = java.time.OffsetDateTime.parse(start);
    return new HoldRequest(id, new Address("200004033694", "UPRN"), new ServiceSpecification("fttp", null), purpose,
        new Timeslot(start, from.plusMinutes(30).toString(), null, null));
  }

  /** The configuration JacksonSetup reads: every setting's default (the string limit; nothing else is read). */
  private static SlotgateConfig config() {
    Object input = Proxy.newProxyInstance(HoldRequestHashTest.class.getClassLoader(),
        new Class<?>[] {SlotgateConfig.InputSettings.class}, (proxy, method, args) -> 2048);
    return (SlotgateConfig) Proxy.newProxyInstance(HoldRequestHashTest.class.getClassLoader(),
        new Class<?>[] {SlotgateConfig.class}, (proxy, method, args) -> method.getName().equals("input") ? input : null);
  }
}
