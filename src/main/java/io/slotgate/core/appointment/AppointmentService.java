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
  private final AppointmentClaims claims;
  private final HoldExpiry expiry;
  private final Clock clock;
  private final MeterRegistry metrics;
  private final jakarta.enterprise.event.Event<CapacityChanged> capacityChanged;
  private final jakarta.enterprise.event.Event<Cancelled> cancelled;
  private final HoldRateLimiter rate;

  public AppointmentService(AppointmentRepository repository, AppointmentClaims claims, HoldExpiry expiry, Clock clock,
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
                    ? withinCap(tx, hold, cap, now).chain(() -> claims.take(tx, id, wanted(hold),
                            hold.when().expiresAt(), now, "search again and pick another"))
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

  private static AppointmentClaims.Wanted wanted(NewAppointment hold) {
    NewAppointment.When when = hold.when();
    NewAppointment.Capacity capacity = hold.capacity();
    return new AppointmentClaims.Wanted(hold.who().owner(), hold.what().serviceId(), when.start(), when.end(),
        capacity.trailingBuffer(), capacity.pool(), hold.what().combination(), capacity.reservations());
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
      // A shortfall on the new slot rolls back the dropped claims too.
      return claims.retake(tx, current.id(), new AppointmentClaims.Wanted(current.who().owner(),
              current.what().serviceId(), change.start(), change.end(), change.trailingBuffer(), change.pool(),
              change.combination(), current.capacity().reservations()), now,
              "the appointment keeps its current timeslot")
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
