package io.slotgate.core.events;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a webhook may be sent to (SSRF): one function, asked at subscribe and again at every
 * delivery for the address actually connected to.
 */
public final class CallbackAddresses {

  /** What an address is, from a callback's point of view. */
  public enum Kind {
    /** A public unicast address: always allowed. */
    PUBLIC,
    /** This host, a private network or another IANA special-purpose range: allowed only in dev and test. */
    SPECIAL,
    /** Cloud metadata, link-local, multicast, broadcast, reserved or unspecified: never called. */
    FORBIDDEN
  }

  private CallbackAddresses() {}

  /** Whether slotgate refuses to call {@code address}; {@code allowPrivate} admits SPECIAL, never FORBIDDEN. */
  public static boolean refused(InetAddress address, boolean allowPrivate) {
    Kind kind = kind(address);
    return kind == Kind.FORBIDDEN || kind == Kind.SPECIAL && !allowPrivate;
  }

  /** The IANA special-purpose registries (IPv4 and IPv6) and the cloud metadata addresses, by prefix. */
  public static Kind kind(InetAddress address) {
    byte[] a = address.getAddress();
    return a.length == 4 ? ipv4(a) : ipv6(a);
  }

  private static Kind ipv4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    int b3 = a[3] & 0xff;
    if (b0 == 0 // 0.0.0.0/8 "this network"
        || b0 >= 224 // 224.0.0.0/4 multicast, 240.0.0.0/4 reserved, 255.255.255.255 broadcast
        || b0 == 169 && b1 == 254 // 169.254.0.0/16 link-local, where 169.254.169.254 (AWS, GCP, Azure) lives
        || b0 == 100 && b1 == 100 && b2 == 100 && b3 == 200) { // Alibaba Cloud metadata, inside 100.64.0.0/10
      return Kind.FORBIDDEN;
    }
    if (b0 == 127 // loopback
        || b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168 // RFC 1918
        || b0 == 100 && (b1 & 0xc0) == 64 // 100.64.0.0/10 shared address space (carrier-grade NAT)
        || b0 == 192 && b1 == 0 && b2 == 0 // 192.0.0.0/24 IETF protocol assignments
        || b0 == 192 && b1 == 0 && b2 == 2 || b0 == 198 && b1 == 51 && b2 == 100 || b0 == 203 && b1 == 0 && b2 == 113
        || b0 == 192 && b1 == 88 && b2 == 99 // 6to4 relay anycast
        || b0 == 198 && (b1 & 0xfe) == 18) { // 198.18.0.0/15 benchmarking
      return Kind.SPECIAL;
    }
    return Kind.PUBLIC;
  }

  private static Kind ipv6(byte[] a) {
    if (isFdEc2Metadata(a)) {
      return Kind.FORBIDDEN;
    }
    if (zero(a, 0, 10)) {
      if ((a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) { // ::ffff:a.b.c.d, IPv4-mapped
        return ipv4(slice(a, 12));
      }
      if (zero(a, 10, 12)) {
        if (zero(a, 12, 15) && ((a[15] & 0xff) <= 1)) { // :: unspecified, ::1 loopback
          return a[15] == 0 ? Kind.FORBIDDEN : Kind.SPECIAL;
        }
        return worst(Kind.SPECIAL, ipv4(slice(a, 12))); // ::a.b.c.d, IPv4-compatible (deprecated)
      }
    }
    int w0 = ((a[0] & 0xff) << 8) | (a[1] & 0xff);
    int w1 = ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    if (w0 == 0x64 && w1 == 0xff9b && zero(a, 4, 12)) { // 64:ff9b::/96 NAT64, the IPv4 address embedded
      return worst(Kind.SPECIAL, ipv4(slice(a, 12)));
    }
    if (w0 == 0x2002) { // 2002::/16 6to4, the IPv4 address in bits 16-47
      return worst(Kind.SPECIAL, ipv4(slice(a, 2)));
    }
    if ((a[0] & 0xff) == 0xff // ff00::/8 multicast
        || w0 == 0xfe80 || (w0 & 0xffc0) == 0xfe80) { // fe80::/10 link-local
      return Kind.FORBIDDEN;
    }
    if ((a[0] & 0xfe) == 0xfc // fc00::/7 unique local
        || (w0 & 0xffc0) == 0xfec0 // fec0::/10 site-local (deprecated)
        || w0 == 0x64 && w1 == 0xff9b // 64:ff9b:1::/48 local-use NAT64
        || w0 == 0x0100 && zero(a, 2, 8) // 100::/64 discard-only
        || w0 == 0x2001 && w1 < 0x0200 // 2001::/23 IETF protocol assignments (Teredo 2001::/32 included)
        || w0 == 0x2001 && w1 == 0x0db8 // 2001:db8::/32 documentation
        || w0 == 0x3fff && (w1 & 0xf000) == 0) { // 3fff::/20 documentation
      return Kind.SPECIAL;
    }
    return Kind.PUBLIC;
  }

  /** fd00:ec2::254, the AWS instance metadata service over IPv6 (inside fc00::/7, refused even in dev). */
  private static boolean isFdEc2Metadata(byte[] a) {
    return (a[0] & 0xff) == 0xfd && a[1] == 0 && (a[2] & 0xff) == 0x0e && (a[3] & 0xff) == 0xc2 && zero(a, 4, 14)
        && a[14] == 0x02 && (a[15] & 0xff) == 0x54;
  }

  private static Kind worst(Kind a, Kind b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean zero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] a, int from) {
    return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
  }

  /**
   * Resolves {@code host} and answers the address to connect to, after checking every address it resolves
   * to (a name answering a public and a private address is refused). Blocks on name resolution.
   */
  public static InetAddress resolve(String host, boolean allowPrivate) throws UnknownHostException {
    InetAddress[] all = InetAddress.getAllByName(host);
    for (InetAddress address : all) {
      if (refused(address, allowPrivate)) {
        throw new Refused();
      }
    }
    return all[0];
  }

  /** A callback's host resolves to an address slotgate never calls; says no more (no address, no port). */
  public static final class Refused extends RuntimeException {
    public Refused() {
      super("address refused", null, false, false);
    }
  }
}
