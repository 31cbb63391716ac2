-- wrk script for bench/run: a weighted mix of pages, with per-page latency and status counts.
--
--   wrk -t16 -c16 -d60s --timeout 10s -s bench/mix.lua http://127.0.0.1:8099 -- pages.lua out.json
--
-- pages.lua returns {seed = n, pages = {{name=, method=, path=, headers={}, body=, weight=}, ...}}.
-- Run with as many threads as connections: each thread then has one connection, so every
-- response belongs to the request the thread sent last, and its latency is measured here with
-- the monotonic clock (LuaJIT ffi). Each thread counts its responses per page in a histogram of
-- 10-microsecond steps and per status; done() adds up every thread's counts into out.json.

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
-- Flat tables of counts (wrk copies only flat tables between its Lua states, and a list of every
-- response lost them all past ~40,000 responses): latency[page * 1e7 + latency in 10 us steps] and
-- statuses[page * 1000 + status].
latency = {}
statuses = {}
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
  local step = math.floor((now_ms() - started) * 100 + 0.5)
  local key = current * 1e7 + math.min(step, 1e7 - 1)
  latency[key] = (latency[key] or 0) + 1
  local skey = current * 1000 + status
  statuses[skey] = (statuses[skey] or 0) + 1
end

local function add(into, list)
  for key, count in pairs(list) do
    into[key] = (into[key] or 0) + count
  end
end

function done(summary, latency_summary, requests)
  local path, all_latency, all_statuses = nil, {}, {}
  for _, thread in ipairs(threads) do
    path = path or thread:get("out_path")
    add(all_latency, thread:get("latency"))
    add(all_statuses, thread:get("statuses"))
  end
  local hist, codes = {}, {}
  for key, count in pairs(all_latency) do
    hist[#hist + 1] = string.format("[%d,%.2f,%d]", math.floor(key / 1e7), (key % 1e7) / 100, count)
  end
  for key, count in pairs(all_statuses) do
    codes[#codes + 1] = string.format("[%d,%d,%d]", math.floor(key / 1000), key % 1000, count)
  end
  local e = summary.errors
  local out = io.open(path, "w")
  out:write(string.format(
    '{"duration_us":%d,"requests":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
  out:write('"latency":[' .. table.concat(hist, ",") .. '],"statuses":[' .. table.concat(codes, ",") .. "]}")
  out:close()
end
