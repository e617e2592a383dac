-- Issue 22: serviceability and purpose.
-- A supplier's coverage: the UPRNs it serves and the postcode prefixes (normalised: upper case, no spaces) it
-- serves. A supplier with no entries covers every address (as before). The primary key is the lookup: "is this
-- UPRN listed" is one probe of it, and "is a prefix of this postcode listed" one probe per prefix length (at most 8)
-- in the same index scan, however many entries the supplier has.
CREATE TABLE supplier_coverage (
  tenant      text NOT NULL,
  supplier_id text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('UPRN', 'POSTCODE')),
  value       text NOT NULL CHECK (length(value) BETWEEN 1 AND 12),
  PRIMARY KEY (tenant, supplier_id, kind, value),
  FOREIGN KEY (tenant, supplier_id) REFERENCES supplier (tenant, id)
);

-- The purposes a schedule rule opens (JSON list like service_ids); empty: every purpose.
ALTER TABLE schedule_rule ADD COLUMN purposes text NOT NULL DEFAULT '[]';
