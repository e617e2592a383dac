-- Issue 24: one record of each change. appointment_history and outbox stored the same fact ("this appointment
-- moved from X to Y at T by Z") twice, each with its own indexes; appointment_event is both: the history the
-- lifecycle face shows and what the hub publishes. Rows are only ever inserted (and deleted with a hold that
-- was forgotten); what has been published is one cursor row (event_cursor), not a column of every event.
--
-- Why a snapshot cursor and not "id > last published id": ids are drawn when a transaction inserts its row but
-- become visible when it commits, so a lower id can appear after a higher one was published and a plain id
-- cursor would skip it. Every event carries the id of the transaction that wrote it (xid); the publisher
-- publishes in rounds: a round is the events visible in one snapshot (round) and not in the one before
-- (published), in id order. A transaction visible in a snapshot never becomes invisible, and one that commits
-- after a snapshot is invisible in it, so every committed event falls in exactly one round. Per appointment the
-- order holds: its moves lock its row, so a later event's transaction commits after the earlier one's, is in
-- the same round or a later one, and within a round has the higher id.
LOCK TABLE appointment_history, outbox IN EXCLUSIVE MODE;

CREATE TABLE appointment_event (
  id             bigserial PRIMARY KEY,
  appointment_id uuid NOT NULL,
  at             timestamptz NOT NULL,
  actor          text NOT NULL,
  actor_type     text NOT NULL,
  face           text NOT NULL,
  action         text NOT NULL,
  from_status    text,
  to_status      text NOT NULL,
  xid            xid8 NOT NULL DEFAULT pg_current_xact_id()
);
-- Its three indexes are its three readers (no foreign key, as V2 decided for the history): the lifecycle face's
-- history of one appointment, in order; the publisher's first batch of a round (events of transactions since the
-- published snapshot's xmin, once per round); and its next batches (ids after the last one published, in order).
CREATE INDEX appointment_event_appointment ON appointment_event (appointment_id, id);
CREATE INDEX appointment_event_xid ON appointment_event (xid);

CREATE TABLE event_cursor (
  id         smallint PRIMARY KEY CHECK (id = 1),
  published  pg_snapshot NOT NULL,
  round      pg_snapshot NOT NULL,
  last_id    bigint NOT NULL,
  round_done boolean NOT NULL
);

-- The history moves over in its order. Ids start above every old history and outbox id: a webhook's eventId is
-- derived from the event's id, and must never equal one an old outbox row already gave a subscriber.
-- An outbox row not yet published is matched to its history row (same appointment, time, action and statuses;
-- the n-th of equals to the n-th) and keeps this transaction's xid, which the cursor below has not published;
-- every other row gets xid 2 (frozen), visible in every snapshot, so it is never published again.
WITH base AS (
  SELECT greatest((SELECT max(id) FROM appointment_history), (SELECT max(id) FROM outbox), 0) AS offset_id
), history AS (
  SELECT h.*, row_number() OVER (PARTITION BY h.appointment_id, h.at, h.action, h.from_status, h.to_status
    ORDER BY h.id) AS nth
  FROM appointment_history h
), pending AS (
  SELECT o.id, o.appointment_id, o.created_at AS at, o.payload->>'action' AS action, o.payload->>'from' AS from_status,
    o.payload->>'to' AS to_status,
    row_number() OVER (PARTITION BY o.appointment_id, o.created_at, o.payload->>'action', o.payload->>'from',
      o.payload->>'to' ORDER BY o.id) AS nth
  FROM outbox o WHERE o.published_at IS NULL
), matched AS (
  SELECT h.id AS history_id, p.id AS outbox_id
  FROM history h JOIN pending p ON p.appointment_id = h.appointment_id AND p.at = h.at AND p.action = h.action
    AND p.from_status IS NOT DISTINCT FROM h.from_status AND p.to_status = h.to_status AND p.nth = h.nth
), moved AS (
  -- History rows, and (never seen, since every write path wrote both) pending outbox rows without one, so that
  -- they are still published; those name the appointment's last updater as their actor.
  SELECT 0 AS part, h.id AS sort_key, h.appointment_id, h.at, h.actor, h.actor_type, h.face, h.action, h.from_status,
    h.to_status, m.outbox_id IS NOT NULL AS pending
  FROM history h LEFT JOIN matched m ON m.history_id = h.id
  UNION ALL
  SELECT 1, p.id, p.appointment_id, p.at, a.updated_by, a.updated_by_type, a.updated_from, p.action, p.from_status,
    p.to_status, true
  FROM pending p JOIN appointment a ON a.id = p.appointment_id
  WHERE p.id NOT IN (SELECT outbox_id FROM matched)
)
INSERT INTO appointment_event (id, appointment_id, at, actor, actor_type, face, action, from_status, to_status, xid)
SELECT (SELECT offset_id FROM base) + row_number() OVER (ORDER BY m.part, m.sort_key), m.appointment_id, m.at,
  m.actor, m.actor_type, m.face, m.action, m.from_status, m.to_status,
  CASE WHEN m.pending THEN pg_current_xact_id() ELSE '2'::xid8 END
FROM moved m;

SELECT setval(pg_get_serial_sequence('appointment_event', 'id'),
  greatest((SELECT max(id) FROM appointment_event), (SELECT max(id) FROM appointment_history),
    (SELECT max(id) FROM outbox), 1));

-- Published: everything but this transaction (xmin = xmax = its xid). The first round then takes this
-- transaction's pending events with whatever committed after it.
INSERT INTO event_cursor (id, published, round, last_id, round_done)
SELECT 1, s, s, 0, true
FROM (SELECT (pg_current_xact_id()::text || ':' || pg_current_xact_id()::text || ':')::pg_snapshot AS s) x;

DROP TABLE appointment_history;
DROP TABLE outbox;

-- No query walks every pending delivery by its due time since claims go per subscription (V7): they find a
-- subscription's due deliveries by hub_delivery_subscription_due and an appointment's earlier ones by
-- hub_delivery_order. The index only cost every delivery an entry, and every delivered one a new one.
DROP INDEX hub_delivery_pending;
