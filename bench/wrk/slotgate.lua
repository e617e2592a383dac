-- wrk script for slotgate. Arguments after "--": MODE TOKEN TENANT [SPEC SLOTS_FILE ID_BASE]
--   MODE=hold: POST a wholesale hold, each request a new id and the next slot from SLOTS_FILE ("start end" lines)
--   MODE=get:  GET the URL as given
-- done() prints one JSON line: requests/s, status counts and latency percentiles (ms).
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

function init(args)
  mode, token, tenant, spec = args[1], args[2], args[3], args[4]
  slots = {}
  if mode == "hold" then
    for line in io.lines(args[5]) do
      local s, e = line:match("^(%S+) (%S+)$")
      table.insert(slots, {s, e})
    end
    next_id = tonumber(args[6]) + tid * 100000000
  end
  counter = 0
  statuses = {}
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["X-Request-ID"] = "wrk",
    ["X-Conversation-ID"] = "wrk",
    ["Tenant"] = tenant,
    ["Content-Type"] = "application/json",
  }
end

function request()
  if mode ~= "hold" then
    return wrk.format("GET", nil, headers)
  end
  counter = counter + 1
  local slot = slots[((counter * 7919) + tid) % #slots + 1]
  local body = string.format('{"id":%d,"address":{"id":"200004033694","type":"UPRN"},"serviceSpecification":{"id":"%s"},' ..
    '"purpose":"PROVIDE","timeslot":{"timeslotStartDateTime":"%s","timeslotEndDateTime":"%s"}}',
    next_id + counter, spec, slot[1], slot[2])
  return wrk.format("POST", "/WholesaleGateway/v1.0/gateway/appointments", headers, body)
end

function response(status, hdrs, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do counts[code] = (counts[code] or 0) + n end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', code, n)) end
  io.write(string.format('WRKJSON {"rps":%.1f,"p50":%.2f,"p90":%.2f,"p99":%.2f,"max":%.2f,"errors":%d,"status":{%s}}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
