-- Event subscriptions, TMF646 hub style: a booker per face (WHOLESALE, BOOKING) or a capacity owner
-- (OWNER) asks for signed webhooks of its appointments' changes.
CREATE TABLE hub_subscription (
  id            uuid PRIMARY KEY,
  tenant        text NOT NULL,
  face          text NOT NULL,
  callback      text NOT NULL,
  query         text,
  event_types   text[],
  secret        text NOT NULL,
  created_at    timestamptz NOT NULL,
  failing_since timestamptz,
  last_error    text,
  parked_at     timestamptz,
  deleted_at    timestamptz
);
CREATE INDEX hub_subscription_tenant ON hub_subscription (tenant, face) WHERE deleted_at IS NULL;

-- One row per (event, subscription): what is sent, in order per appointment and subscription, until a
-- 2xx. Claimed with SKIP LOCKED and a lease, so several instances never send one row at once.
CREATE TABLE hub_delivery (
  id              bigserial PRIMARY KEY,
  subscription_id uuid NOT NULL,
  appointment_id  uuid NOT NULL,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  body            text NOT NULL,
  created_at      timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  leased_until    timestamptz,
  delivered_at    timestamptz,
  last_error      text,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX hub_delivery_pending ON hub_delivery (next_attempt_at, id) WHERE delivered_at IS NULL;
CREATE INDEX hub_delivery_order ON hub_delivery (subscription_id, appointment_id, id) WHERE delivered_at IS NULL;
CREATE INDEX hub_delivery_delivered ON hub_delivery (delivered_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
