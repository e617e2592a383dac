package io.slotgate.core.appointment;

import io.slotgate.core.DomainFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An appointment's resources for its slot, taken all or none in the caller's transaction: one service's stretch, or
 * every segment of a combination; a shortfall fails as SLOT_UNAVAILABLE and rolls the whole transaction back. A hold
 * and a reschedule take them alike.
 */
@ApplicationScoped
class AppointmentClaims {

  private final SlotClaims claims;
  private final AppointmentRepository repository;

  AppointmentClaims(SlotClaims claims, AppointmentRepository repository) {
    this.claims = claims;
    this.repository = repository;
  }

  /**
   * What a slot needs: {@code need} resources of {@code pool} (the {@code owner}'s) from start to end plus the
   * trailing buffer, or for a combination its parts'. A null pool is capacity kept by a remote supplier (nothing to
   * claim); an empty one is no capacity at all.
   */
  record Wanted(String owner, UUID serviceId, Instant start, Instant end, Duration trailingBuffer, List<UUID> pool,
      Combination combination, int need) {}

  /**
   * Takes what the slot needs and answers it as segments (one for a single service, none for a remote supplier): a
   * live appointment of local capacity never exists without its claims.
   */
  Uni<List<Segment>> take(SqlClient tx, UUID id, Wanted wanted, Instant expiresAt, Instant now, String advice) {
    if (wanted.pool() == null) {
      return Uni.createFrom().item(List.of());
    }
    if (wanted.combination() != null) {
      return takeSegments(tx, wanted.owner(), id, wanted.combination(), expiresAt, wanted.need(), now, advice);
    }
    return claims.claim(tx, wanted.owner(), id, wanted.pool(), wanted.start(),
            wanted.end().plus(wanted.trailingBuffer()), expiresAt, wanted.need(), now)
        .invoke(taken -> requireAll(taken, wanted.need(), wanted.start(), wanted.end(), advice))
        .map(taken -> List.of(new Segment(wanted.serviceId(), wanted.start(), wanted.end(), taken)));
  }

  /**
   * Gives up the appointment's claims and takes the new slot's; the old claims go first so a resource can be taken
   * again.
   */
  Uni<List<Segment>> retake(SqlClient tx, UUID id, Wanted wanted, Instant now, String advice) {
    return claims.dropClaims(tx, id)
        .chain(() -> take(tx, id, wanted, null, now, advice));
  }

  /**
   * Claims every segment of a combination, each refused segment failing the whole transaction (so no segment is
   * ever held alone), and stores the segments with the resources that took them.
   */
  private Uni<List<Segment>> takeSegments(SqlClient tx, String owner, UUID id, Combination combination,
      Instant expiresAt, int need, Instant now, String advice) {
    List<Combination.Part> parts = combination.parts();
    Uni<List<Segment>> taken;
    if (combination.sameResource()) {
      taken = claims.claim(tx, owner, id, 0, parts.getFirst().pool(), combination.start(),
              combination.end().plus(combination.trailingBuffer()), expiresAt, need, now)
          .invoke(resources -> requireAll(resources, need, combination.start(), combination.end(), advice))
          .map(resources -> parts.stream().map(part -> new Segment(part.serviceId(), part.start(), part.end(),
              resources.stream().sorted().toList())).toList());
    } else {
      taken = Uni.createFrom().item(List.of());
      for (int i = 0; i < parts.size(); i++) {
        int segment = i;
        Combination.Part part = parts.get(i);
        Instant claimedUntil = segment == parts.size() - 1 ? part.end().plus(combination.trailingBuffer()) : part.end();
        taken = taken.chain(done -> claims.claim(tx, owner, id, segment, part.pool(), part.start(), claimedUntil,
                expiresAt, need, now)
            .invoke(resources -> requireAll(resources, need, part.start(), part.end(), advice))
            .map(resources -> {
              List<Segment> more = new ArrayList<>(done);
              more.add(new Segment(part.serviceId(), part.start(), part.end(), resources.stream().sorted().toList()));
              return more;
            }));
      }
    }
    return taken.call(segments -> repository.segments(tx, id, segments));
  }

  private static void requireAll(List<UUID> taken, int need, Instant start, Instant end, String advice) {
    if (taken.size() < need) {
      throw DomainFailure.slotUnavailable("The timeslot " + start + " - " + end + " has "
          + (need > 1 ? "fewer than " + need + " free resources" : "no free capacity") + " left; " + advice);
    }
  }
}
