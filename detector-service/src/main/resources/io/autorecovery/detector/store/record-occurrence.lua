-- Records one occurrence of a fault signature, atomically, after the lines of its service that
-- came before it.
-- KEYS[1] signature hash, KEYS[2] samples list, KEYS[3] cooldown marker,
-- KEYS[4] recent occurrence times (sorted set), KEYS[5] burst marker, KEYS[6] the service's
-- breadcrumbs (list, newest first)
-- ARGV[1] service, ARGV[2] fault class, ARGV[3] template, ARGV[4] occurrence time (epoch ms),
-- ARGV[5] sample, ARGV[6] samples kept, ARGV[7] retention (ms), ARGV[8] cooldown (ms),
-- ARGV[9] template id, ARGV[10] the latest occurrence's masked tokens (JSON),
-- ARGV[11] the stack signature (JSON, empty when the fingerprint is the template's),
-- ARGV[12] burst window (ms), ARGV[13] burst threshold (occurrences within the window),
-- ARGV[14] breadcrumbs kept and returned, ARGV[15] the number of the service's lines to keep as
-- breadcrumbs first, then those lines, oldest first
-- Returns {count, firstSeen, lastSeen, cooldownElapsed (1/0), announced (1/0), samples newest first,
-- burstStarted (1/0), occurrences within the window, breadcrumbs newest first}; samples and
-- breadcrumbs only when the occurrence ends a cooldown or starts a burst, else empty lists.

local at = tonumber(ARGV[4])
local kept = tonumber(ARGV[14])

local lines = tonumber(ARGV[15])
if lines > 0 and kept > 0 then
  redis.call('LPUSH', KEYS[6], unpack(ARGV, 16, 15 + lines))
  redis.call('LTRIM', KEYS[6], 0, kept - 1)
  redis.call('PEXPIRE', KEYS[6], ARGV[7])
end

-- The template may have generalised since the last occurrence: keep its latest text.
local fields = {'template', ARGV[3], 'templateId', ARGV[9], 'masked', ARGV[10]}
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
local first, last, announced = at, at, 0
if count == 1 then
  table.insert(fields, 'service'); table.insert(fields, ARGV[1])
  table.insert(fields, 'faultClass'); table.insert(fields, ARGV[2])
  table.insert(fields, 'firstSeen'); table.insert(fields, ARGV[4])
  table.insert(fields, 'lastSeen'); table.insert(fields, ARGV[4])
else
  -- Log records may arrive out of order: keep the earliest and the latest time seen.
  local seen = redis.call('HMGET', KEYS[1], 'firstSeen', 'lastSeen', 'announcedAt')
  first = tonumber(seen[1])
  last = tonumber(seen[2])
  if first == nil or at < first then
    first = at
    table.insert(fields, 'firstSeen'); table.insert(fields, ARGV[4])
  end
  if last == nil or at > last then
    last = at
    table.insert(fields, 'lastSeen'); table.insert(fields, ARGV[4])
  end
  if seen[3] then
    announced = 1
  end
end
if ARGV[11] ~= '' then
  table.insert(fields, 'stack'); table.insert(fields, ARGV[11])
end
redis.call('HSET', KEYS[1], unpack(fields))

redis.call('LPUSH', KEYS[2], ARGV[5])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])

-- Every occurrence restarts the cooldown, so it elapses only after a quiet period.
local elapsed = 0
if not redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[8], 'GET') then
  elapsed = 1
end

-- The rate over the sliding window ends at the latest time seen. At most threshold entries are
-- kept: enough to tell whether the threshold is reached, and a bound on memory.
local window = tonumber(ARGV[12])
local threshold = tonumber(ARGV[13])
redis.call('ZADD', KEYS[4], at, count)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. (last - window))
local inWindow = redis.call('ZCARD', KEYS[4])
if inWindow > threshold then
  redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(threshold + 1))
  inWindow = threshold
end
redis.call('PEXPIRE', KEYS[4], window)

-- A burst starts when the threshold is reached with no burst under way, and is under way until
-- the rate has stayed below the threshold for a whole cooldown.
local burstStarted = 0
if inWindow >= threshold and not redis.call('SET', KEYS[5], ARGV[4], 'PX', ARGV[8], 'GET') then
  burstStarted = 1
end

-- Samples and breadcrumbs go into an event, and only an occurrence that raises one needs them:
-- one that ends a cooldown or starts a burst. The others, most of them, get empty lists.
local samples = {}
local breadcrumbs = {}
if elapsed == 1 or burstStarted == 1 then
  samples = redis.call('LRANGE', KEYS[2], 0, -1)
  if kept > 0 then
    breadcrumbs = redis.call('LRANGE', KEYS[6], 0, kept - 1)
  end
end
return {count, first, last, elapsed, announced, samples, burstStarted, inWindow, breadcrumbs}
