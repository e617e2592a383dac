-- Issue 26: a second publish cursor over appointment_event, for the optional Kafka stream (row 2), beside the hub's
-- (row 1). Each cursor has its own rounds, so a broker that is away delays only its own cursor, never the webhooks.
-- Row 2 is written when the stream first starts (EventRepository.openStream): it publishes from then on.
ALTER TABLE event_cursor DROP CONSTRAINT event_cursor_id_check;
ALTER TABLE event_cursor ADD CONSTRAINT event_cursor_id_check CHECK (id IN (1, 2));
