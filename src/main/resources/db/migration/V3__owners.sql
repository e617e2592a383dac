-- Two sides of every appointment: the booker (tenant) and the owner of the capacity it occupies
-- (owner). The lifecycle face is the owner's back office, so it reads and moves by owner.
ALTER TABLE appointment ADD COLUMN owner text;
UPDATE appointment a SET owner = COALESCE((SELECT s.tenant FROM supplier s WHERE s.id = a.supplier_id), a.tenant);
ALTER TABLE appointment ALTER COLUMN owner SET NOT NULL;
-- The back office's list: newest first within an owner.
CREATE INDEX appointment_owner_created ON appointment (owner, created_at DESC, id DESC);

-- Supplier ids are the owner's own names: two owners may both call a supplier "openfibre", and no
-- answer tells one owner that another owner's id exists.
ALTER TABLE route ADD COLUMN supplier_tenant text;
UPDATE route r SET supplier_tenant = (SELECT s.tenant FROM supplier s WHERE s.id = r.supplier_id);
ALTER TABLE route ALTER COLUMN supplier_tenant SET NOT NULL;
ALTER TABLE route DROP CONSTRAINT route_supplier_id_fkey;
ALTER TABLE supplier DROP CONSTRAINT supplier_pkey;
ALTER TABLE supplier ADD PRIMARY KEY (tenant, id);
ALTER TABLE route ADD CONSTRAINT route_supplier FOREIGN KEY (supplier_tenant, supplier_id) REFERENCES supplier (tenant, id);
-- A route is a grant: the supplier's owner routes a booker's serviceSpecification to its supplier.
CREATE INDEX route_by_supplier ON route (supplier_tenant, supplier_id, tenant);
