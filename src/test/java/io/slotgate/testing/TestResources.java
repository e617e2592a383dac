package io.slotgate.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The real parts every @QuarkusTest runs against: an embedded PostgreSQL and an OIDC provider
 * (WireMock serving discovery and the JWKS of the key that {@link Tokens} signs with).
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(RemoteSupplierResource.class)
public final class TestResources {
  private TestResources() {}
}
