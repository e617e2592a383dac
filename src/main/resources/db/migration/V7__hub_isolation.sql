-- Issue 20: one subscriber never holds up another.
-- An event that could not be rendered for a subscriber is parked on its delivery row with the reason: never
-- sent, never blocking that appointment's later events, pruned with the delivered ones.
ALTER TABLE hub_delivery ADD COLUMN unrendered text;
-- Claims pick each subscription's oldest due deliveries (a per-subscription cap on what is in flight).
CREATE INDEX hub_delivery_subscription_due ON hub_delivery (subscription_id, id) WHERE delivered_at IS NULL;
