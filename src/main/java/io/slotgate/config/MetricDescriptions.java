package io.slotgate.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The HELP text of every slotgate metric, in one place, and which labels leave the process; counters are
 * created where they count.
 */
public class MetricDescriptions {

  static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("slotgate.holds", "Hold requests by outcome (and booker tenant where slotgate.metrics.tenant-labels): created, replayed, slot_unavailable, "
          + "duplicate_id, invalid_request, released_after_supplier_failure, ..."),
      Map.entry("slotgate.moves", "Lifecycle moves carried out, by action (and tenant where configured) (confirm, accept, cancel, ...)"),
      Map.entry("slotgate.holds.expired", "Lapsed holds recorded as EXPIRED by the sweeper"),
      Map.entry("slotgate.holds.released", "Live holds cancelled because the owner withdrew the grant they were placed under"),
      Map.entry("slotgate.sweep.duration", "Time one sweep took, all its batches"),
      Map.entry("slotgate.idempotency", "Writes carrying an Idempotency-Key, by outcome: stored (first answer kept), replayed, "
          + "mismatch (the key was used for another request: 409), in_progress (503, retry)"),
      Map.entry("slotgate.requests.timed.out", "Requests answered 503 after slotgate.request-timeout (database stalled)"),
      Map.entry("slotgate.supplier.calls", "Calls to remote suppliers by supplier, operation and outcome"),
      Map.entry("slotgate.reconciled", "Appointments at remote suppliers repaired by the reconciler, by repair"),
      Map.entry("slotgate.events.written", "Appointment change events published to the hub"),
      Map.entry("slotgate.events.delivered", "Webhook deliveries answered 2xx by the subscriber"),
      Map.entry("slotgate.events.retried", "Webhook deliveries that failed (reason: timeout or failed) and were scheduled again"),
      Map.entry("slotgate.events.redelivered", "Webhook deliveries sent again because an instance's lease lapsed mid-send"),
      Map.entry("slotgate.events.unrendered", "Events that could not be rendered for a subscriber, parked with their reason"),
      Map.entry("slotgate.events.parked", "Subscriptions parked after failing for slotgate.hub.retry-for"),
      Map.entry("slotgate.events.latency", "From the change to the subscriber's 2xx"),
      Map.entry("slotgate.events.kafka.published", "Records acknowledged by Kafka (acks=all), by face topic (wholesale, booking, owner)"),
      Map.entry("slotgate.events.kafka.failed", "Records not published, by reason: send (the batch failed and is sent again from "
          + "the cursor), unrendered (an event that cannot be rendered, left out and logged)"),
      Map.entry("slotgate.events.kafka.lag", "Age in seconds of the oldest event read for Kafka and not acknowledged yet; 0 "
          + "when caught up"),
      Map.entry("slotgate.events.kafka.latency", "From the change to Kafka's acknowledgement of its records"),
      Map.entry("slotgate.auth.token.cache", "Bearer tokens looked up among those already verified, by result: hit (no "
          + "signature check), miss (quarkus-oidc verifies it)"),
      Map.entry("slotgate.read.searches", "Claim reads of availability searches by where they ran: replica, primary (no replica "
          + "configured, or unused), primary_after_replica_failure (failed on the replica, answered by the primary)"),
      Map.entry("slotgate.read.replica.lag", "The read replica's lag behind the primary's WAL in seconds at the last check; "
          + "NaN when unknown (unreachable, not a standby)"),
      Map.entry("slotgate.read.replica.used", "1 while searches read the replica (within slotgate.read.max-lag), else 0"),
      Map.entry("slotgate.auth.token.cache.size", "Verified bearer tokens remembered (slotgate.auth.token-cache)"));

  @Produces
  @Singleton
  MeterFilter descriptions() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String help = HELP.get(id.getName());
        return help == null || id.getDescription() != null ? id
            : new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(), help,
                id.getType());
      }
    };
  }

  /** Tenant names label no series unless {@code slotgate.metrics.tenant-labels}: the port may be scraped by others. */
  @Produces
  @Singleton
  MeterFilter tenantLabels(SlotgateConfig config) {
    return config.metrics().tenantLabels() ? new MeterFilter() {} : MeterFilter.ignoreTags("tenant");
  }
}
