-- Issue 22: a service's trailing buffer keeps the resource taken after the appointment (travel, tidying).
-- It lives in the claim: slot_claim.during runs to the appointment's end plus the buffer, so the exclusion
-- constraint stays the one place that refuses overlaps, buffers included.
ALTER TABLE service ADD COLUMN trailing_buffer_minutes integer NOT NULL DEFAULT 0
  CHECK (trailing_buffer_minutes BETWEEN 0 AND 1440);
