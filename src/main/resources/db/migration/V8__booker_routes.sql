-- Issue 20: a grant only offers a supplier's capacity; the booker routes to it itself. Grants were route rows
-- written by the owner into the booker's routing table; they become offers here, and the routes they created
-- stay (they were used, so the bookers chose them in effect), now the bookers' own.
CREATE TABLE supplier_grant (
  supplier_tenant        text NOT NULL,
  supplier_id            text NOT NULL,
  tenant                 text NOT NULL,
  service_specifications text NOT NULL DEFAULT '[]',
  max_active_holds       integer CHECK (max_active_holds IS NULL OR max_active_holds BETWEEN 1 AND 100000),
  created_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (supplier_tenant, supplier_id, tenant),
  FOREIGN KEY (supplier_tenant, supplier_id) REFERENCES supplier (tenant, id)
);
-- A booker's list of what it is offered (GET /admin/v1/grants).
CREATE INDEX supplier_grant_booker ON supplier_grant (tenant);

INSERT INTO supplier_grant (supplier_tenant, supplier_id, tenant, service_specifications)
SELECT supplier_tenant, supplier_id, tenant, json_agg(service_specification ORDER BY service_specification)::text
FROM route
WHERE tenant <> supplier_tenant
GROUP BY supplier_tenant, supplier_id, tenant;

-- A capped grant counts the booker's live holds on the supplier inside each hold's transaction.
CREATE INDEX appointment_live_holds_by_booker ON appointment (tenant, owner, supplier_id) WHERE status = 'RESERVED';
