-- slotgate schema: catalogue (owned per tenant), appointments, capacity claims, history, outbox.
-- List-valued catalogue columns are JSON text (Hibernate Reactive maps JSON columns to objects only).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE tenant_settings (
  tenant            text PRIMARY KEY,
  default_locale    text NOT NULL DEFAULT 'en_US',
  hold_ttl_seconds  integer NOT NULL DEFAULT 900 CHECK (hold_ttl_seconds > 0)
);

CREATE TABLE branch (
  id                  uuid PRIMARY KEY,
  tenant              text NOT NULL,
  name                text NOT NULL,
  time_zone           text NOT NULL,
  street_name         text,
  zip_code            text,
  city                text,
  country             text,
  latitude            double precision,
  longitude           double precision,
  requires_acceptance boolean NOT NULL DEFAULT false,
  retired_at          timestamptz
);
CREATE INDEX branch_tenant ON branch (tenant);

CREATE TABLE service_group (
  id          uuid PRIMARY KEY,
  tenant      text NOT NULL,
  names       jsonb NOT NULL,
  position    integer NOT NULL DEFAULT 0,
  retired_at  timestamptz
);
CREATE INDEX service_group_tenant ON service_group (tenant);

CREATE TABLE service (
  id                        uuid PRIMARY KEY,
  tenant                    text NOT NULL,
  code                      text,
  names                     jsonb NOT NULL,
  descriptions              jsonb NOT NULL DEFAULT '{}',
  duration_minutes          integer NOT NULL CHECK (duration_minutes > 0),
  group_id                  uuid REFERENCES service_group (id),
  position                  integer NOT NULL DEFAULT 0,
  online_bookable           boolean NOT NULL DEFAULT true,
  max_number_of_reservations integer NOT NULL DEFAULT 1 CHECK (max_number_of_reservations > 0),
  requires_date_of_birth    boolean NOT NULL DEFAULT false,
  resource_selection        boolean NOT NULL DEFAULT false,
  information_questions     text NOT NULL DEFAULT '[]',
  screening_questions       text NOT NULL DEFAULT '[]',
  retired_at                timestamptz
);
CREATE INDEX service_tenant ON service (tenant);
CREATE UNIQUE INDEX service_code ON service (tenant, code) WHERE code IS NOT NULL AND retired_at IS NULL;

CREATE TABLE resource (
  id          uuid PRIMARY KEY,
  tenant      text NOT NULL,
  branch_id   uuid NOT NULL REFERENCES branch (id),
  name        text NOT NULL,
  service_ids text NOT NULL DEFAULT '[]',
  retired_at  timestamptz
);
CREATE INDEX resource_branch ON resource (branch_id);

CREATE TABLE schedule_rule (
  id             uuid PRIMARY KEY,
  tenant         text NOT NULL,
  branch_id      uuid NOT NULL REFERENCES branch (id),
  service_ids    text NOT NULL DEFAULT '[]',
  days           text NOT NULL,
  start_time     time NOT NULL,
  end_time       time NOT NULL,
  slot_minutes   integer CHECK (slot_minutes > 0),
  whole_window   boolean NOT NULL DEFAULT false,
  classification text,
  standard       boolean NOT NULL DEFAULT true,
  retired_at     timestamptz,
  CHECK (end_time > start_time)
);
CREATE INDEX schedule_rule_branch ON schedule_rule (branch_id);

CREATE TABLE supplier (
  id                  text PRIMARY KEY,
  tenant              text NOT NULL,
  adapter             text NOT NULL,
  branch_id           uuid REFERENCES branch (id),
  hold_ttl_seconds    integer NOT NULL DEFAULT 900 CHECK (hold_ttl_seconds > 0),
  horizon_days        integer NOT NULL DEFAULT 14 CHECK (horizon_days BETWEEN 1 AND 366),
  requires_acceptance boolean NOT NULL DEFAULT false,
  retired_at          timestamptz
);

CREATE TABLE route (
  id                    uuid PRIMARY KEY,
  tenant                text NOT NULL,
  service_specification text NOT NULL,
  supplier_id           text NOT NULL REFERENCES supplier (id),
  UNIQUE (tenant, service_specification)
);

CREATE TABLE appointment (
  id                    uuid PRIMARY KEY,
  tenant                text NOT NULL,
  channel               text NOT NULL,
  external_id           text,
  request_hash          text,
  supplier_id           text,
  supplier_reference    text NOT NULL,
  branch_id             uuid,
  service_id            uuid,
  service_code          text,
  address_id            text,
  address_type          text,
  purpose               text,
  start_at              timestamptz NOT NULL,
  end_at                timestamptz NOT NULL,
  classification        text,
  standard              boolean,
  status                text NOT NULL,
  expires_at            timestamptz,
  reservations          integer NOT NULL DEFAULT 1,
  requested_resource_id uuid,
  notes                 text,
  customer              jsonb,
  answers               jsonb NOT NULL DEFAULT '[]',
  order_reference       text,
  internal_notes        text,
  message_for_customer  text,
  created_at            timestamptz NOT NULL,
  created_by            text NOT NULL,
  created_by_type       text NOT NULL,
  created_from          text NOT NULL,
  updated_at            timestamptz NOT NULL,
  updated_by            text NOT NULL,
  updated_by_type       text NOT NULL,
  updated_from          text NOT NULL,
  version               integer NOT NULL DEFAULT 0,
  CHECK (end_at > start_at)
);
-- Retries are safe: one appointment per tenant, face and client id (or Idempotency-Key).
CREATE UNIQUE INDEX appointment_external_id ON appointment (tenant, channel, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX appointment_supplier_reference ON appointment (supplier_reference);
-- The sweeper walks lapsed holds oldest first.
CREATE INDEX appointment_live_holds ON appointment (expires_at) WHERE status = 'RESERVED';

-- One row per resource an appointment occupies. The exclusion constraint is the capacity rule:
-- no two unreleased claims on one resource overlap in time. A hold is an INSERT the
-- constraint can refuse (ON CONFLICT DO NOTHING), so the database decides who wins.
CREATE TABLE slot_claim (
  appointment_id uuid NOT NULL REFERENCES appointment (id),
  resource_id    uuid NOT NULL,
  during         tstzrange NOT NULL,
  expires_at     timestamptz,
  released       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (appointment_id, resource_id),
  CONSTRAINT one_booking_per_resource_per_instant
    EXCLUDE USING gist (resource_id WITH =, during WITH &&) WHERE (NOT released)
);

CREATE TABLE appointment_history (
  id             bigserial PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointment (id),
  at             timestamptz NOT NULL,
  actor          text NOT NULL,
  actor_type     text NOT NULL,
  face           text NOT NULL,
  action         text NOT NULL,
  from_status    text,
  to_status      text NOT NULL
);
CREATE INDEX appointment_history_appointment ON appointment_history (appointment_id, id);

-- Status changes, written in the same transaction as the change, for a publisher to deliver.
CREATE TABLE outbox (
  id             bigserial PRIMARY KEY,
  appointment_id uuid NOT NULL,
  tenant         text NOT NULL,
  type           text NOT NULL,
  payload        jsonb NOT NULL,
  created_at     timestamptz NOT NULL,
  published_at   timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
