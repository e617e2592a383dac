-- Subscription secrets are stored encrypted (SecretBox: "v1:..."; rows from before are re-sealed by the
-- hub-retention job), and a rotated secret keeps signing beside the new one until previous_secret_until.
ALTER TABLE hub_subscription ADD COLUMN previous_secret text;
ALTER TABLE hub_subscription ADD COLUMN previous_secret_until timestamptz;
