-- A subscriber may ask for its own answer time (a slow receiver), within the service's bounds.
ALTER TABLE hub_subscription ADD COLUMN timeout_ms integer CHECK (timeout_ms BETWEEN 1000 AND 30000);
