package io.slotgate.core.appointment;

import io.micrometer.core.instrument.MeterRegistry;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.AppointmentRepository.Changes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The appointment use cases every face shares: hold, move through the lifecycle, reschedule, expire. */
@ApplicationScoped
public class AppointmentService {

  private final AppointmentRepository repository;
  private final SlotClaims claims;
  private final HoldExpiry expiry;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final jakarta.enterprise.event.Event<CapacityChanged> capacityChanged;
  private final jakarta.enterprise.event.Event<Cancelled> cancelled;
  private final HoldRateLimiter rate;

  public AppointmentService(AppointmentRepository repository, SlotClaims claims, HoldExpiry expiry, Clock clock,
      MeterRegistry metrics, jakarta.enterprise.event.Event<CapacityChanged> capacityChanged,
      jakarta.enterprise.event.Event<Cancelled> cancelled,
      HoldRateLimiter rate) {
    this.rate = rate;
    this.repository = repository;
    this.claims = claims;
    this.expiry = expiry;
    this.clock = clock;
    this.metrics = metrics;
    this.capacityChanged = capacityChanged;
    this.cancelled = cancelled;
  }

  /** Tells searches on this instance that the appointment's branch changed occupancy. */
  private void changed(Appointment appointment) {
    capacityChanged.fire(new CapacityChanged(appointment.what().branchId()));
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * Places a hold: the appointment row and its claims in one transaction. A retry with the same
   * client id and request gets the stored appointment back; with another request, DUPLICATE_ID.
   */
  public Uni<Appointment> hold(NewAppointment hold) {
    return place(hold).map(Held::appointment);
  }

  /** A hold and whether this call created it (false: a retry got the stored one back). */
  public record Held(Appointment appointment, boolean created) {}

  /** Like {@link #hold}, telling a new hold from a replay (a remote supplier is called only for new ones). */
  public Uni<Held> place(NewAppointment hold) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    String reference = reference(id);
    return Uni.createFrom().item(hold).invoke(h -> rate.take(h.who().tenant()))
        .chain(() -> repository.inTransaction(tx -> admit(tx, hold)
            .chain(cap -> repository.insert(tx, id, reference, hold, now)
                .chain(created -> created
                    ? withinCap(tx, hold, cap, now).chain(() -> claim(tx, id, hold, now))
                        .map(segments -> held(id, reference, hold, segments, now))
                    : replay(tx, hold, now)
                        .map(found -> found.orElseThrow(() -> new IllegalStateException("Replayed hold not found")))))))
        .invoke(appointment -> count("slotgate.holds", hold.who().tenant(), "outcome",
            appointment.id().equals(id) ? "created" : "replayed"))
        .invoke(this::changed)
        .map(appointment -> new Held(appointment, appointment.id().equals(id)))
        .onFailure(DomainFailure.class).invoke(failure -> count("slotgate.holds", hold.who().tenant(), "outcome",
            ((DomainFailure) failure).kind().name().toLowerCase(Locale.ROOT)));
  }

  /**
   * A booker holding on another tenant's supplier needs that owner's grant for the specification, checked in the
   * hold's own transaction (a grant revoked a moment ago admits nothing); answers the grant's cap, 0 for none.
   * Holds on the tenant's own capacity need no grant.
   */
  private Uni<Integer> admit(io.vertx.mutiny.sqlclient.SqlClient tx, NewAppointment hold) {
    if (hold.what().supplierId() == null || hold.who().tenant().equals(hold.who().owner())) {
      return Uni.createFrom().item(0);
    }
    return repository.grant(tx, hold).map(cap -> cap.orElseThrow(() -> DomainFailure.invalid("serviceSpecification.id '"
        + hold.what().serviceCode() + "' is no longer offered to tenant '" + hold.who().tenant()
        + "' by the supplier of its route "
        + "(the owner withdrew its grant); see GET /admin/v1/grants and choose another route")));
  }

  /** Under a capped grant, the new hold must not take the booker past the cap (the grant row is locked). */
  private Uni<Void> withinCap(io.vertx.mutiny.sqlclient.SqlClient tx, NewAppointment hold, int cap, Instant now) {
    if (cap == 0) {
      return Uni.createFrom().voidItem();
    }
    NewAppointment.Who who = hold.who();
    return repository.liveHolds(tx, who.tenant(), who.owner(), hold.what().supplierId(), now).invoke(live -> {
      if (live > cap) {
        throw new DomainFailure(DomainFailure.Kind.HOLD_LIMIT_REACHED, List.of("Tenant '" + hold.who().tenant()
            + "' already has " + cap + " live holds on this supplier, as many as its owner's grant allows "
            + "(maxActiveHolds); confirm or cancel one first"), java.util.Map.of("maxActiveHolds", cap));
      }
    }).replaceWithVoid();
  }

  /** Cancels a booker's live holds on a supplier that no longer offers their specification (see HoldExpiry). */
  public Uni<Long> releaseUngrantedHolds(String tenant, String owner, String supplierId, List<String> stillOffered) {
    return expiry.releaseHolds(tenant, owner, supplierId, stillOffered, clock.instant())
        .invoke(released -> metrics.counter("slotgate.holds.released", "reason", "grant-withdrawn").increment(released));
  }

  /** The appointment just written, as stored (timestamps at the database's microsecond precision). */
  private static Appointment held(UUID id, String reference, NewAppointment hold, List<Segment> segments,
      Instant now) {
    Instant at = micros(now);
    NewAppointment.Who who = hold.who();
    NewAppointment.What what = hold.what();
    NewAppointment.When when = hold.when();
    NewAppointment.Capacity capacity = hold.capacity();
    NewAppointment.Notes notes = hold.notes();
    List<UUID> resources = segments.stream().flatMap(s -> s.resourceIds().stream()).distinct().sorted().toList();
    return new Appointment(id, hold.status(),
        new Appointment.Who(who.tenant(), who.owner(), who.channel(), who.externalId(), who.requestHash()),
        new Appointment.What(what.supplierId(), reference, what.branchId(), what.serviceId(), what.serviceCode(),
            what.combination() == null ? null : what.combination().id(),
            what.combination() == null ? List.of() : segments.stream().map(s -> new Segment(s.serviceId(),
                micros(s.start()), micros(s.end()), s.resourceIds())).toList(),
            what.meeting().forAppointment(id)),
        new Appointment.Where(hold.where().addressId(), hold.where().addressType(), hold.where().purpose()),
        new Appointment.When(micros(when.start()), micros(when.end()), when.classification(), when.standard(),
            micros(when.expiresAt()), capacity.pool() == null ? 0 : (int) capacity.trailingBuffer().toMinutes()),
        new Appointment.Capacity(capacity.reservations(), capacity.requestedResourceId(), resources),
        new Appointment.Details(notes.notes(), notes.customer(), List.of(), null, notes.internalNotes(),
            notes.messageForCustomer()),
        new Appointment.Audit(at, who.actor(), at, who.actor(), 0));
  }

  private static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  /**
   * Claims the hold's resources, all or none: a live appointment of local capacity never exists without
   * its claims. A null pool is capacity kept by a remote supplier; an empty one is no capacity at all. Answers
   * what was taken as segments (one for a single service).
   */
  private Uni<List<Segment>> claim(io.vertx.mutiny.sqlclient.SqlClient tx, UUID id, NewAppointment hold, Instant now) {
    String advice = "search again and pick another";
    NewAppointment.Capacity capacity = hold.capacity();
    NewAppointment.When when = hold.when();
    if (capacity.pool() == null) {
      return Uni.createFrom().item(List.of());
    }
    if (hold.what().combination() != null) {
      return claimSegments(tx, hold.who().owner(), id, hold.what().combination(), when.expiresAt(),
          capacity.reservations(), now, advice);
    }
    return claims.claim(tx, hold.who().owner(), id, capacity.pool(), when.start(),
            when.end().plus(capacity.trailingBuffer()), when.expiresAt(), capacity.reservations(), now)
        .invoke(taken -> requireAll(taken, capacity.reservations(), when.start(), when.end(), advice))
        .map(taken -> List.of(new Segment(hold.what().serviceId(), when.start(), when.end(), taken)));
  }

  /**
   * Claims every segment of a combination, each refused segment failing the whole transaction (so no segment is
   * ever held alone), and stores the segments with the resources that took them.
   */
  private Uni<List<Segment>> claimSegments(io.vertx.mutiny.sqlclient.SqlClient tx, String owner, UUID id,
      Combination combination, Instant expiresAt, int need, Instant now, String advice) {
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
              List<Segment> more = new java.util.ArrayList<>(done);
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

  private Uni<java.util.Optional<Appointment>> replay(io.vertx.mutiny.sqlclient.SqlClient tx, NewAppointment hold,
      Instant now) {
    AppointmentKey key = AppointmentKey.byClientId(hold.who().tenant(), hold.who().channel(), hold.who().externalId());
    return repository.find(tx, key, now).invoke(existing -> existing.ifPresent(found -> found.replayFor(
        hold.who().requestHash(), "id " + hold.who().externalId() + " was already used by this tenant for a "
            + "different request; reuse an id only to retry the identical request")));
  }

  /**
   * Applies a lifecycle action to the appointment as the caller finds it now; refused moves change
   * nothing. The move is decided against that reading (its version), so a concurrent move that got
   * there first makes this one fail rather than stack on top of it.
   */
  public Uni<Appointment> move(AppointmentKey key, Action action, Actor actor, Changes changes) {
    return get(key).chain(seen -> move(seen, action, actor, changes));
  }

  /** Like {@link #move(AppointmentKey, Action, Actor, Changes)}, for an appointment the caller has just read. */
  public Uni<Appointment> move(Appointment seen, Action action, Actor actor, Changes changes) {
    if (!action.allowedFrom(seen.status())) {
      return Uni.createFrom().failure(DomainFailure.statusInvalid(seen.status().name(), action.label()));
    }
    AppointmentKey key = AppointmentKey.byId(seen.who().tenant(), seen.id());
    Instant now = clock.instant();
    return repository.move(repository.pool(), key, action, actor, now, changes, seen.audit().version())
        .chain(moved -> afterMove(key, action, moved));
  }

  /**
   * Cancels from any face, the booker's or the owner's: the slot is released here, and a remote
   * supplier is told after the commit (see {@link Cancelled}), which never turns the answer into an error.
   */
  public Uni<Appointment> cancel(AppointmentKey key, Actor actor) {
    return move(key, Action.CANCEL, actor, Changes.NONE);
  }

  private Uni<Appointment> afterMove(AppointmentKey key, Action action, AppointmentRepository.Moved moved) {
    if (moved.id() == null) {
      return Uni.createFrom().failure(DomainFailure.notFound("Appointment " + key));
    }
    if (moved.to() == null) {
      return Uni.createFrom().failure(action.allowedFrom(moved.current())
          ? DomainFailure.changedConcurrently(moved.current().name(), action.label())
          : DomainFailure.statusInvalid(moved.current().name(), action.label()));
    }
    count("slotgate.moves", key.tenant(), "action", action.label());
    return get(key.withId(moved.id()))
        .invoke(this::changed)
        .invoke(appointment -> {
          if (action == Action.CANCEL) {
            cancelled.fire(new Cancelled(appointment));
          }
        });
  }

  /**
   * Moves an appointment to another slot in one transaction: the old claims go, the new ones are
   * taken; if the new slot is taken the transaction rolls back and the old booking stands.
   */
  public Uni<Appointment> reschedule(AppointmentKey key, Reschedule change, Actor actor) {
    Instant now = clock.instant();
    return repository.inTransaction(tx -> repository.lock(tx, key, now).chain(found -> {
      Appointment current = found.orElseThrow(() -> DomainFailure.notFound("Appointment " + key));
      if (!Action.RESCHEDULE.allowedFrom(current.status())) {
        throw DomainFailure.statusInvalid(current.status().name(), Action.RESCHEDULE.label());
      }
      int need = current.capacity().reservations();
      // The old claims go first so the same resource can be taken again; a shortfall rolls both back.
      String advice = "the appointment keeps its current timeslot";
      return claims.dropClaims(tx, current.id())
          .chain(() -> change.pool() == null ? Uni.createFrom().item(List.<UUID>of())
              : change.combination() != null
                  ? claimSegments(tx, current.who().owner(), current.id(), change.combination(), null, need, now,
                      advice)
                  : claims.claim(tx, current.who().owner(), current.id(), change.pool(), change.start(),
                      change.end().plus(change.trailingBuffer()), null, need, now)
                      .invoke(taken -> requireAll(taken, need, change.start(), change.end(), advice)))
          .chain(() -> repository.move(tx, key.withId(current.id()), Action.RESCHEDULE,
              actor, now, new Changes(null, null, null, change.start(), change.end(), change.classification(),
                  change.standard()), null));
    })).chain(moved -> afterMove(key, Action.RESCHEDULE, moved));
  }

  /**
   * A new slot for an appointment, with the pool its capacity comes from (null: a remote supplier's), and for a
   * combination its segments' new parts (null: one service).
   */
  public record Reschedule(Instant start, Instant end, String classification, Boolean standard, List<UUID> pool,
      java.time.Duration trailingBuffer, Combination combination) {

    public Reschedule(Instant start, Instant end, String classification, Boolean standard, List<UUID> pool,
        java.time.Duration trailingBuffer) {
      this(start, end, classification, standard, pool, trailingBuffer, null);
    }
  }

  /** Brings the hold's expiry forward to {@code lapses} when that is earlier (null: keeps it); answers it as stored. */
  public Uni<Appointment> expireNoLaterThan(Appointment hold, Instant lapses) {
    if (lapses == null || hold.when().expiresAt() != null && !lapses.isBefore(hold.when().expiresAt())) {
      return Uni.createFrom().item(hold);
    }
    return repository.expireNoLaterThan(hold.id(), lapses)
        .chain(() -> get(AppointmentKey.byId(hold.who().tenant(), hold.id())));
  }

  /** Undoes a hold whose supplier refused or failed it (see {@link AppointmentRepository#forget}). */
  public Uni<Void> forget(Appointment appointment) {
    count("slotgate.holds", appointment.who().tenant(), "outcome", "released_after_supplier_failure");
    return repository.forget(appointment.id()).invoke(() -> changed(appointment));
  }

  /** Replaces the customer's details (and answers, when given) on a live appointment. */
  public Uni<Appointment> updateCustomer(AppointmentKey key, Customer customer, List<Answer> answers, Actor actor) {
    return move(key, Action.UPDATE_CUSTOMER, actor, new Changes(null, customer, answers, null, null, null, null));
  }

  public Uni<Appointment> get(AppointmentKey key) {
    return repository.find(key, clock.instant())
        .map(found -> found.orElseThrow(() -> DomainFailure.notFound("Appointment " + key)));
  }

  /** The owner's back-office list, newest first. */
  public Uni<List<Appointment>> ofOwner(String owner, List<AppointmentStatus> statuses, Instant from, Instant to,
      int offset, int limit) {
    return repository.ofOwner(owner, statuses, from, to, offset, limit, clock.instant());
  }

  /** Appointments by id for background work (not a request: no tenant is involved). */
  public Uni<java.util.Map<UUID, Appointment>> all(List<UUID> ids) {
    return repository.findAll(ids, clock.instant()).map(found -> found.stream()
        .collect(java.util.stream.Collectors.toMap(Appointment::id, a -> a)));
  }

  public Uni<List<HistoryEntry>> history(UUID id) {
    return repository.history(id);
  }

  /** One sweep: expires up to {@code batchSize} lapsed holds and answers how many. */
  public Uni<Long> expireLapsedHolds(int batchSize) {
    return expiry.expireLapsedHolds(clock.instant(), batchSize)
        .invoke(expired -> metrics.counter("slotgate.holds.expired").increment(expired));
  }

  private void count(String name, String tenant, String tag, String value) {
    metrics.counter(name, "tenant", tenant, tag, value).increment();
  }

  /** The supplier reference clients quote: short, unique, derived from the appointment id. */
  static String reference(UUID id) {
    return "SG-" + Long.toString(id.getMostSignificantBits() & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT);
  }
}
