package io.slotgate.api.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.slotgate.config.SlotgateConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Refuses tokens meant to live longer than {@code slotgate.security.max-token-lifetime} (exp - iat, or
 * exp - now without iat): a leaked token that never expires is as good as a password.
 */
@ApplicationScoped
public class TokenLifetime implements SecurityIdentityAugmentor {

  private static final Logger LOG = Logger.getLogger(TokenLifetime.class);

  private final Duration max;

  public TokenLifetime(SlotgateConfig config) {
    this.max = config.security().maxTokenLifetime();
  }

  @Override
  public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
      long from = jwt.getIssuedAtTime() > 0 ? jwt.getIssuedAtTime() : System.currentTimeMillis() / 1000;
      if (jwt.getExpirationTime() - from > max.toSeconds()) {
        LOG.debugf("401: token of %s lives %d s, more than the allowed %d s", jwt.getName(),
            jwt.getExpirationTime() - from, max.toSeconds());
        return Uni.createFrom().failure(new AuthenticationFailedException("Token lifetime exceeds "
            + max.toSeconds() + " s"));
      }
    }
    return Uni.createFrom().item(identity);
  }
}
