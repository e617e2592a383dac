#!/usr/bin/env python3
"""Writes a Postman collection (v2.1) with every operation of slotgate's OpenAPI document.

Usage: scripts/postman.py [OPENAPI_JSON] [OUT]
  defaults: target/openapi/openapi.json (written by every build) and dev/postman/slotgate.postman_collection.json.
First a walkthrough folder in flow order (search, hold, confirm, the owner's view, cancel; a booking page's reserve,
confirm, cancel) with tests that keep what the next step needs; then one folder per face (tag); every request carries the headers and query parameters the document marks, with
their examples, and the first example body. Collection variables: baseUrl, token (a bearer token, e.g.
scripts/token.sh TENANT1 in dev mode), tenant, owner. CI regenerates it and fails when the committed copy is stale.
"""
import json
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "target/openapi/openapi.json"
target = sys.argv[2] if len(sys.argv) > 2 else "dev/postman/slotgate.postman_collection.json"
spec = json.load(open(source))

HEADERS = {"Tenant": "{{tenant}}", "X-TENANT-ID": "{{tenant}}", "X-Request-ID": "{{$guid}}"}
PATH_VARIABLES = {"enterprise": "{{owner}}"}


def example_body(operation):
    content = operation.get("requestBody", {}).get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    if not media:
        return None
    examples = media.get("examples") or {}
    value = next(iter(examples.values()), {}).get("value") if examples else media.get("example")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value
    return None if value is None else json.dumps(value, indent=2)


def request(path, method, operation):
    headers, query, variables = [], [], []
    for parameter in operation.get("parameters", []):
        name, where = parameter["name"], parameter["in"]
        value = parameter.get("example")
        if value is None:
            schema = parameter.get("schema", {})
            value = (schema.get("enum") or schema.get("items", {}).get("enum") or [schema.get("default", "")])[0]
        value = str(value)
        if where == "header":
            headers.append({"key": name, "value": HEADERS.get(name, value)})
        elif where == "query":
            query.append({"key": name, "value": value, "disabled": not parameter.get("required", False),
                          "description": parameter.get("description", "")})
        elif where == "path":
            variables.append({"key": name, "value": PATH_VARIABLES.get(name, value)})
    # Path parameters not declared as parameters still get a variable.
    for segment in path.split("/"):
        if segment.startswith("{") and segment[1:-1] not in {v["key"] for v in variables}:
            variables.append({"key": segment[1:-1], "value": PATH_VARIABLES.get(segment[1:-1], "")})
    raw_path = "/".join(":" + s[1:-1] if s.startswith("{") else s for s in path.split("/"))
    body = example_body(operation)
    item_request = {
        "method": method.upper(),
        "header": headers + ([{"key": "Content-Type", "value": "application/json"}] if body else []),
        "url": {
            "raw": "{{baseUrl}}" + raw_path + ("?" + "&".join(q["key"] + "=" + q["value"] for q in query if not q["disabled"]) if query else ""),
            "host": ["{{baseUrl}}"],
            "path": [s for s in raw_path.split("/") if s],
            "query": query,
            "variable": variables,
        },
        "description": operation.get("description", ""),
    }
    if body:
        item_request["body"] = {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}}
    return {"name": operation.get("summary") or f"{method.upper()} {path}", "request": item_request}


def step(name, method, path, role, tests, body=None, query=None, prerequest=None):
    """One request of the walkthrough: run in order, each step keeps what the next one needs."""
    headers = ROLE_HEADERS[role] + ([{"key": "Content-Type", "value": "application/json"}] if body else [])
    raw = "{{baseUrl}}" + path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
    item = {
        "name": name,
        "request": {
            "method": method,
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{" + role + "Token}}", "type": "string"}]},
            "header": headers,
            "url": {"raw": raw, "host": ["{{baseUrl}}"], "path": [s for s in path.split("/") if s],
                    "query": [{"key": k, "value": v} for k, v in (query or [])]},
        },
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": tests}}],
    }
    if body is not None:
        item["request"]["body"] = {"mode": "raw", "raw": json.dumps(body, indent=2), "options": {"raw": {"language": "json"}}}
    if prerequest:
        item["event"].append({"listen": "prerequest", "script": {"type": "text/javascript", "exec": prerequest}})
    return item


GATEWAY = "/WholesaleGateway/v1.0/gateway"
ROLE_HEADERS = {
    "booker": [{"key": "Tenant", "value": "{{booker}}"}, {"key": "X-Request-ID", "value": "{{$guid}}"},
               {"key": "X-Conversation-ID", "value": "postman-walkthrough"}],
    "owner": [],
    "booking": [{"key": "X-TENANT-ID", "value": "{{bookingTenant}}"}],
}
WALKTHROUGH = [
    step("1. Booker: search free slots", "GET", GATEWAY + "/available-appointments", "booker", [
        "pm.test('200 with slots', () => pm.expect(pm.response.json().availableTimeslots).to.not.be.empty);",
        "const slots = pm.response.json().availableTimeslots;",
        "const slot = slots[Math.floor(Math.random() * slots.length)];",
        "pm.collectionVariables.set('slotStart', slot.timeslotStartDateTime);",
        "pm.collectionVariables.set('slotEnd', slot.timeslotEndDateTime);"],
        query=[("address", "%7B%22id%22%3A%22200004033694%22%2C%22type%22%3A%22UPRN%22%7D"),
               ("serviceSpecification", "%7B%22id%22%3A%22fttp%22%7D"), ("appointmentPurpose", "PROVIDE")]),
    step("2. Booker: hold one", "POST", GATEWAY + "/appointments", "booker", [
        "pm.test('201 RESERVED until expiry', () => { pm.response.to.have.status(201);",
        "  pm.expect(pm.response.json().expiryDateTime).to.be.a('string'); });",
        "pm.collectionVariables.set('supplierReference', pm.response.json().supplierReference);"],
        body={"id": "{{appointmentId}}", "address": {"id": "200004033694", "type": "UPRN"},
              "serviceSpecification": {"id": "fttp"}, "purpose": "PROVIDE",
              "timeslot": {"timeslotStartDateTime": "{{slotStart}}", "timeslotEndDateTime": "{{slotEnd}}"}},
        prerequest=["// A new client id each run: the booker's own numeric id for the appointment.",
                    "pm.collectionVariables.set('appointmentId', String(Date.now() * 10 + Math.floor(Math.random() * 10)));"]),
    step("3. Booker: confirm (the order was placed)", "POST", GATEWAY + "/appointments/{{appointmentId}}/_actions/confirm",
         "booker", ["pm.test('200 ACCEPTED', () => pm.expect(pm.response.json().status).to.eql('ACCEPTED'));"],
         body={"orderReference": "ORD-{{appointmentId}}"}),
    step("4. Owner: sees it in the back office", "GET", "/enterprises/{{owner}}/appointments/{{supplierReference}}",
         "owner", ["pm.test('200: the appointment the booker made', () => {",
                   "  pm.expect(pm.response.json().data.externalId).to.eql(pm.collectionVariables.get('appointmentId'));",
                   "  pm.expect(pm.response.json().data.status).to.eql('ACCEPTED'); });"]),
    step("5. Booker: cancel", "POST", GATEWAY + "/appointments/{{appointmentId}}/_actions/cancel", "booker",
         ["pm.test('200 CANCELLED', () => pm.expect(pm.response.json().status).to.eql('CANCELLED'));"]),
    step("6. Booking page: free timeslots", "GET", "/external/v1/services/{{bookingService}}/timeslots", "booking", [
        "pm.test('200 with timeslots', () => pm.expect(pm.response.json()).to.not.be.empty);",
        "const slots = pm.response.json();",
        "const slot = slots[Math.floor(Math.random() * slots.length)];",
        "pm.collectionVariables.set('bookingStart', slot.startTime);",
        "pm.collectionVariables.set('bookingEnd', slot.endTime);"],
        query=[("branchId", "{{bookingBranch}}"), ("numberOfReservations", "1")]),
    step("7. Booking page: reserve", "POST", "/external/v1/reservations", "booking", [
        "pm.test('201 RESERVED', () => pm.expect(pm.response.json().status).to.eql('RESERVED'));",
        "pm.collectionVariables.set('reservationId', pm.response.json().id);"],
        body={"serviceId": "{{bookingService}}", "branchId": "{{bookingBranch}}", "startTime": "{{bookingStart}}",
              "endTime": "{{bookingEnd}}", "numberOfReservations": 1}),
    step("8. Booking page: confirm with the customer's details", "PUT", "/external/v1/reservations/{{reservationId}}",
         "booking", ["pm.test('201 confirmed', () => pm.response.to.have.status(201));"],
         body={"personalIdentifier": "POSTMAN{{$randomInt}}000", "firstName": "Els", "lastName": "Peeters",
               "email": "els@example.com", "phoneNumber": "+32 9 123 45 67", "dateOfBirth": "1990-05-01",
               "answers": [{"questionId": "purpose", "value": "A first account"},
                           {"questionId": "resident", "value": "yes"}]}),
    step("9. Booking page: cancel", "DELETE", "/external/v1/appointments/{{reservationId}}", "booking",
         ["pm.test('200 CANCELLED', () => pm.expect(pm.response.json().status).to.eql('CANCELLED'));"]),
]

# Tokens: set bookerToken, ownerToken and bookingToken (scripts/postman-env.sh writes an environment with dev tokens),
# or set tokenUrl and each role's client id and secret: this script fetches a client-credentials token when missing.
FETCH_TOKENS = [
    "const url = pm.variables.get('tokenUrl');",
    "for (const role of ['booker', 'owner', 'booking']) {",
    "  if (!url || pm.variables.get(role + 'Token')) continue;",
    "  pm.sendRequest({ url, method: 'POST', header: { 'Content-Type': 'application/x-www-form-urlencoded' },",
    "    body: { mode: 'urlencoded', urlencoded: [",
    "      { key: 'grant_type', value: 'client_credentials' },",
    "      { key: 'client_id', value: pm.variables.get(role + 'ClientId') },",
    "      { key: 'client_secret', value: pm.variables.get(role + 'ClientSecret') }] } },",
    "    (error, response) => { if (!error) pm.collectionVariables.set(role + 'Token', response.json().access_token); });",
    "}",
]

folders = {}
for path, item in spec["paths"].items():
    for method in ("get", "post", "put", "patch", "delete"):
        if method in item:
            operation = item[method]
            tag = (operation.get("tags") or ["Other"])[0]
            folders.setdefault(tag, []).append(request(path, method, operation))

collection = {
    "info": {
        "name": "slotgate",
        "description": "Every operation of slotgate's OpenAPI document, generated by scripts/postman.py. Set token "
                       "(a bearer JWT whose tenants claim holds tenant and owner), tenant and owner.",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    },
    "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
    "event": [{"listen": "prerequest", "script": {"type": "text/javascript", "exec": FETCH_TOKENS}}],
    "variable": [
        {"key": "baseUrl", "value": "http://localhost:8080"},
        {"key": "token", "value": ""},
        {"key": "tenant", "value": "TENANT1"},
        {"key": "owner", "value": "OPENFIBRE"},
        {"key": "booker", "value": "TENANT1"},
        {"key": "bookingTenant", "value": "BANK1"},
        {"key": "bookingService", "value": "ba4c0000-0000-4000-8000-000000000011"},
        {"key": "bookingBranch", "value": "ba4c0000-0000-4000-8000-000000000001"},
    ],
    "item": [{"name": "Walkthrough (run in order: the demo catalogue, dev mode)", "item": WALKTHROUGH}]
            + [{"name": tag, "item": folders[tag]} for tag in sorted(folders)],
}
with open(target, "w") as out:
    json.dump(collection, out, indent=2, sort_keys=False)
    out.write("\n")
print(f"{target}: {sum(len(f) for f in folders.values())} requests in {len(folders)} folders")
