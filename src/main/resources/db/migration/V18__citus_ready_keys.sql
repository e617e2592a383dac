-- Issue 26: a schema Citus could shard by the capacity owner. Citus enforces a primary key, unique or exclusion
-- constraint only inside one shard, so each must hold the distribution column (owner), and a foreign key between
-- two sharded tables must join on it. appointment, slot_claim and appointment_event are the tables sharded by owner
-- (co-located: a hold, a move, a sweep batch's rows of one owner are on one node); the catalogue and routing tables
-- would be reference tables and need no change. CitusReadySchemaTest declares every table's role and reads these
-- keys back from the catalog. No Citus is installed here: this only makes the keys legal for it.
--
-- The owner goes last in every key: a key is still unique with it (it only adds a column), and the queries that
-- name only the leading columns (an appointment by id, its claims by appointment, a resource's claims) keep the
-- index prefix they use today.

-- Existing claims and events take their appointment's owner. The claims' foreign key, primary key and exclusion
-- constraint are rebuilt below with it.
ALTER TABLE slot_claim DROP CONSTRAINT slot_claim_appointment_id_fkey;
ALTER TABLE slot_claim DROP CONSTRAINT slot_claim_pkey;
ALTER TABLE slot_claim DROP CONSTRAINT one_booking_per_resource_per_instant;
ALTER TABLE slot_claim ADD COLUMN owner text;
UPDATE slot_claim c SET owner = a.owner FROM appointment a WHERE a.id = c.appointment_id;
ALTER TABLE slot_claim ALTER COLUMN owner SET NOT NULL;

-- Events keep their xid (the publisher's rounds read the column, not the row version), so none is published again.
-- An event whose appointment is gone has none to take it from (none is expected: forgetting a hold deletes both);
-- it gets the empty owner, and the publisher, which joins events to appointments, skips it as it did before.
ALTER TABLE appointment_event ADD COLUMN owner text;
UPDATE appointment_event e SET owner = COALESCE((SELECT a.owner FROM appointment a WHERE a.id = e.appointment_id), '');
ALTER TABLE appointment_event ALTER COLUMN owner SET NOT NULL;
ALTER TABLE appointment_event DROP CONSTRAINT appointment_event_pkey;
ALTER TABLE appointment_event ADD PRIMARY KEY (id, owner);

-- The appointment: its id stays unique in practice (a random UUID), the key that says so includes the owner.
ALTER TABLE appointment DROP CONSTRAINT appointment_pkey;
ALTER TABLE appointment ADD PRIMARY KEY (id, owner);
-- A supplierReference is unique per owner: the owner's back office names appointments by it (within its own).
DROP INDEX appointment_supplier_reference;
CREATE UNIQUE INDEX appointment_supplier_reference ON appointment (supplier_reference, owner);
-- The booker's idempotency moves to a table keyed by the booker (Citus would distribute it by tenant): one row per
-- booker, face and client id (or Idempotency-Key), naming the appointment and its owner (its shard). The hold's
-- statement writes it first and the appointment only when it was written (AppointmentRepository.insert), so one
-- client id names one appointment whichever owner a request goes to, also when two first requests race; lookups
-- by client id go through it. The appointment keeps no booker-keyed unique index.
CREATE TABLE booker_request (
  tenant          text NOT NULL,
  channel         text NOT NULL,
  external_id     text NOT NULL,
  owner           text NOT NULL,
  appointment_id  uuid NOT NULL,
  PRIMARY KEY (tenant, channel, external_id)
);
INSERT INTO booker_request (tenant, channel, external_id, owner, appointment_id)
  SELECT tenant, channel, external_id, owner, id FROM appointment WHERE external_id IS NOT NULL;
DROP INDEX appointment_external_id;

ALTER TABLE slot_claim ADD PRIMARY KEY (appointment_id, segment, resource_id, owner);
ALTER TABLE slot_claim ADD CONSTRAINT slot_claim_appointment FOREIGN KEY (appointment_id, owner)
  REFERENCES appointment (id, owner);
-- The capacity rule, now per owner: a resource has one owner, so this refuses exactly the overlaps it refused
-- without it. resource_id stays first: GiST splits best on its first column (many resources, few owners), and the
-- searches and lapsed-hold probes that name resources but no owner keep using the index as before.
ALTER TABLE slot_claim ADD CONSTRAINT one_booking_per_resource_per_instant
  EXCLUDE USING gist (resource_id WITH =, owner WITH =, during WITH &&) WHERE (NOT released);
