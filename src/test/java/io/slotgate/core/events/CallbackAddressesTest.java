package io.slotgate.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slotgate.core.events.CallbackAddresses.Kind;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20: which addresses a webhook may go to, over the IANA special-purpose registries and cloud metadata. */
class CallbackAddressesTest {

  @Test
  void cloudMetadataLinkLocalMulticastAndReservedAreRefusedEvenWhenPrivateCallbacksAreAllowed() throws Exception {
    for (String never : List.of("169.254.169.254", "169.254.170.2", "169.254.0.1", "100.100.100.200", "fd00:ec2::254",
        "0.0.0.0", "0.1.2.3", "255.255.255.255", "240.0.0.1", "250.1.2.3", "224.0.0.1", "239.255.255.250", "::",
        "fe80::1", "febf::1", "ff02::1", "::ffff:169.254.169.254", "::169.254.169.254", "64:ff9b::a9fe:a9fe",
        "2002:a9fe:a9fe::1", "64:ff9b::6464:64c8")) {
      InetAddress address = InetAddress.getByName(never);
      assertEquals(Kind.FORBIDDEN, CallbackAddresses.kind(address), never);
      assertTrue(CallbackAddresses.refused(address, true), never + " refused even in dev");
      assertTrue(CallbackAddresses.refused(address, false), never);
    }
  }

  @Test
  void privateAndOtherSpecialPurposeRangesAreRefusedUnlessAllowed() throws Exception {
    for (String special : List.of("127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.9", "172.31.255.255",
        "192.168.1.1", "100.64.0.1", "100.127.255.254", "192.0.0.8", "192.0.0.170", "198.18.0.1", "198.19.255.254",
        "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1",
        "::1", "fc00::1", "fd12:3456::1", "fec0::1", "64:ff9b::8.8.8.8", "64:ff9b:1::1", "2002:0808:0808::1",
        "::127.0.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::8.8.8.8", "100::1", "2001::1", "2001:db8::1",
        "2001:10::1")) {
      InetAddress address = InetAddress.getByName(special);
      assertEquals(Kind.SPECIAL, CallbackAddresses.kind(address), special);
      assertTrue(CallbackAddresses.refused(address, false), special);
      assertFalse(CallbackAddresses.refused(address, true), special + " allowed in dev and test");
    }
  }

  @Test
  void publicAddressesAreAllowed() throws Exception {
    for (String external : List.of("8.8.8.8", "151.101.1.69", "100.63.255.255", "100.128.0.1", "172.15.0.1",
        "172.32.0.1", "192.0.1.1", "198.17.0.1", "198.20.0.1", "223.255.255.255", "169.253.1.1", "1.1.1.1",
        "2a00:1450:4009:81f::200e", "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8")) {
      InetAddress address = InetAddress.getByName(external);
      assertEquals(Kind.PUBLIC, CallbackAddresses.kind(address), external);
      assertFalse(CallbackAddresses.refused(address, false), external);
    }
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIs() {
    org.junit.jupiter.api.Assertions.assertThrows(CallbackAddresses.Refused.class,
        () -> CallbackAddresses.resolve("127.0.0.1", false));
    org.junit.jupiter.api.Assertions.assertThrows(CallbackAddresses.Refused.class,
        () -> CallbackAddresses.resolve("[fd00:ec2::254]", true));
  }
}
