-- Issue 22: service combinations (seed 003's /external/v1/serviceCombination/). A branch offers services booked
-- together: one start time, the services back to back in their order. With same_resource one resource that
-- serves them all takes the whole stretch (one claim); without it each segment is claimed from the resources
-- serving its own service. Either way the exclusion constraint on slot_claim stays the one place that refuses
-- overlaps, and the claims of one appointment are taken in one transaction: all segments or none.
CREATE TABLE service_combination (
  id                      uuid PRIMARY KEY,
  tenant                  text NOT NULL,
  branch_id               uuid NOT NULL REFERENCES branch (id),
  names                   jsonb NOT NULL,
  service_ids             text NOT NULL,
  same_resource           boolean NOT NULL DEFAULT true,
  trailing_buffer_minutes integer NOT NULL DEFAULT 0 CHECK (trailing_buffer_minutes BETWEEN 0 AND 1440),
  online_bookable         boolean NOT NULL DEFAULT true,
  position                integer NOT NULL DEFAULT 0,
  retired_at              timestamptz
);
CREATE INDEX service_combination_tenant ON service_combination (tenant);

-- A combination appointment: which combination, and its segments in order (service, start, end, resources).
-- service_id stays the first segment's service, so the paths that know one service keep working.
ALTER TABLE appointment ADD COLUMN combination_id uuid;
ALTER TABLE appointment ADD COLUMN segments jsonb;

-- One claim per segment and resource: a resource may serve two segments of one appointment, back to back.
ALTER TABLE slot_claim ADD COLUMN segment smallint NOT NULL DEFAULT 0;
ALTER TABLE slot_claim DROP CONSTRAINT slot_claim_pkey;
ALTER TABLE slot_claim ADD PRIMARY KEY (appointment_id, segment, resource_id);
