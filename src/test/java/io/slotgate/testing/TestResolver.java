package io.slotgate.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * The JDK's name resolution in tests, with one name a test can re-point (DNS rebinding): {@link #NAME}
 * resolves to the address in system property {@link #PROPERTY} (a system property, so the test and the
 * application see one value whatever class loader each runs in); every other name as the JDK does. The
 * surefire JVM caches no answers ({@code -Dsun.net.inetaddr.ttl=0}), so a re-pointed name takes effect.
 */
public class TestResolver extends InetAddressResolverProvider {

  public static final String NAME = "rebind.slotgate.test";
  public static final String PROPERTY = "slotgate.test.rebind";

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
        if (NAME.equalsIgnoreCase(host)) {
          String address = System.getProperty(PROPERTY);
          if (address == null) {
            throw new UnknownHostException(host);
          }
          return Stream.of(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
        }
        return builtin.lookupByName(host, policy);
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "slotgate-test";
  }
}
