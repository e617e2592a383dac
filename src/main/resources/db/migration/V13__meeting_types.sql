-- Issue 22: meeting types (seed 002: OFFICE, ON_LOCATION, PHONE, VIDEO; hybrid). A service says how it is
-- usually met; a back-office invitation may choose otherwise; the appointment keeps what it was booked as,
-- with the video links its branch's template gave it (a later template change leaves them as they were).
ALTER TABLE service ADD COLUMN meeting_type text NOT NULL DEFAULT 'OFFICE'
  CHECK (meeting_type IN ('OFFICE', 'ON_LOCATION', 'PHONE', 'VIDEO'));
ALTER TABLE service ADD COLUMN hybrid boolean NOT NULL DEFAULT false;
-- Services with a serviceSpecification code are wholesale installs, met at the customer's address.
UPDATE service SET meeting_type = 'ON_LOCATION' WHERE code IS NOT NULL;

ALTER TABLE branch ADD COLUMN video_url_template text;
ALTER TABLE branch ADD COLUMN video_test_url text;

-- Null on appointments made before: their face's meeting type (ON_LOCATION wholesale, OFFICE otherwise).
ALTER TABLE appointment ADD COLUMN meeting_type text
  CHECK (meeting_type IN ('OFFICE', 'ON_LOCATION', 'PHONE', 'VIDEO'));
ALTER TABLE appointment ADD COLUMN hybrid boolean NOT NULL DEFAULT false;
ALTER TABLE appointment ADD COLUMN video_url text;
ALTER TABLE appointment ADD COLUMN video_test_url text;
