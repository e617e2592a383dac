package io.slotgate.api.http;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token quarkus-oidc has already verified from VerifiedTokens, before quarkus-oidc's own provider
 * (signature, claims); answers nothing (null) for any other token, which quarkus-oidc then checks as always.
 */
@ApplicationScoped
public class CachedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

  private final VerifiedTokens tokens;

  public CachedTokenProvider(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  /** Before quarkus-oidc's provider, which keeps the default priority. */
  @Override
  public int priority() {
    return SYSTEM_FIRST * 2;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    if (!tokens.enabled() || !(request.getToken() instanceof AccessTokenCredential credential)) {
      return Uni.createFrom().nullItem();
    }
    return Uni.createFrom().item(tokens.recall(credential.getToken(),
        HttpSecurityUtils.getRoutingContextAttribute(request)));
  }
}
