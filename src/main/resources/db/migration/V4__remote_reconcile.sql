-- Appointments whose capacity a remote supplier keeps: the reconciler compares them with the supplier,
-- oldest check first, so every one is looked at again within a bounded time.
ALTER TABLE appointment ADD COLUMN remote boolean NOT NULL DEFAULT false;
ALTER TABLE appointment ADD COLUMN checked_at timestamptz;
UPDATE appointment a SET remote = true
  FROM supplier s WHERE s.tenant = a.owner AND s.id = a.supplier_id AND s.adapter <> 'calendar';
CREATE INDEX appointment_remote_check ON appointment (checked_at NULLS FIRST) WHERE remote;
