-- wrk script for bench/run: a weighted mix of pages, with per-page latency and status counts.
--
--   wrk -t16 -c16 -d60s --timeout 10s -s bench/mix.lua http://127.0.0.1:8099 -- pages.lua out.json
--
-- pages.lua returns {seed = n, pages = {{name=, method=, path=, headers={}, body=, weight=}, ...}}.
-- Run with as many threads as connections: each thread then has one connection, so every
-- response belongs to the request the thread sent last, and its latency is measured here with
-- the monotonic clock (LuaJIT ffi). done() gathers every thread's records
-- ([page index (1-based), latency ms, status]) into out.json.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

local pages, cumulative, total, built
local current, started = 1, 0
-- Flat list of numbers: page index, latency in ms, status, for every response. wrk copies only
-- flat tables reliably between its Lua states (nested ones crash thread:get).
records = {}
out_path = nil

function init(args)
  local config = dofile(args[1])
  out_path = args[2]
  math.randomseed(config.seed * 1000 + (thread_id or 0))
  pages, cumulative, built, total = config.pages, {}, {}, 0
  for i, page in ipairs(pages) do
    total = total + page.weight
    cumulative[i] = total
    built[i] = wrk.format(page.method, page.path, page.headers, page.body)
  end
end

function request()
  local r = math.random() * total
  local i = 1
  while cumulative[i] < r do
    i = i + 1
  end
  current = i
  started = now_ms()
  return built[i]
end

function response(status, headers, body)
  local n = #records
  records[n + 1] = current
  records[n + 2] = now_ms() - started
  records[n + 3] = status
end

function done(summary, latency, requests)
  local config, path, parts = nil, nil, {}
  for _, thread in ipairs(threads) do
    path = path or thread:get("out_path")
    local list = thread:get("records")
    for i = 1, #list, 3 do
      parts[#parts + 1] = string.format("[%d,%.3f,%d]", list[i], list[i + 1], list[i + 2])
    end
  end
  local e = summary.errors
  local out = io.open(path, "w")
  out:write(string.format(
    '{"duration_us":%d,"requests":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"records":[',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
  out:write(table.concat(parts, ","))
  out:write("]}")
  out:close()
end
