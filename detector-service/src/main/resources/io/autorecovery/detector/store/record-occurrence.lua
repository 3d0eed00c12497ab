-- Records one occurrence of a fault signature, atomically.
-- KEYS[1] signature hash, KEYS[2] samples list, KEYS[3] cooldown marker,
-- KEYS[4] recent occurrence times (sorted set), KEYS[5] burst marker, KEYS[6] the service's
-- breadcrumbs (list, newest first)
-- ARGV[1] service, ARGV[2] fault class, ARGV[3] template, ARGV[4] occurrence time (epoch ms),
-- ARGV[5] sample, ARGV[6] samples kept, ARGV[7] retention (ms), ARGV[8] cooldown (ms),
-- ARGV[9] template id, ARGV[10] the latest occurrence's masked tokens (JSON),
-- ARGV[11] the stack signature (JSON, empty when the fingerprint is the template's),
-- ARGV[12] burst window (ms), ARGV[13] burst threshold (occurrences within the window),
-- ARGV[14] breadcrumbs returned
-- Returns {count, firstSeen, lastSeen, cooldownElapsed (1/0), announced (1/0), samples newest first,
-- burstStarted (1/0), occurrences within the window, breadcrumbs newest first}; samples and
-- breadcrumbs only when the occurrence ends a cooldown or starts a burst, else empty lists.

local at = tonumber(ARGV[4])
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
if count == 1 then
  redis.call('HSET', KEYS[1], 'service', ARGV[1], 'faultClass', ARGV[2], 'template', ARGV[3],
    'firstSeen', ARGV[4], 'lastSeen', ARGV[4])
else
  -- Log records may arrive out of order: keep the earliest and the latest time seen.
  local first = tonumber(redis.call('HGET', KEYS[1], 'firstSeen'))
  local last = tonumber(redis.call('HGET', KEYS[1], 'lastSeen'))
  if first == nil or at < first then
    redis.call('HSET', KEYS[1], 'firstSeen', ARGV[4])
  end
  if last == nil or at > last then
    redis.call('HSET', KEYS[1], 'lastSeen', ARGV[4])
  end
end

-- The template may have generalised since the last occurrence: keep its latest text.
redis.call('HSET', KEYS[1], 'template', ARGV[3], 'templateId', ARGV[9], 'masked', ARGV[10])
if ARGV[11] ~= '' then
  redis.call('HSET', KEYS[1], 'stack', ARGV[11])
end

redis.call('LPUSH', KEYS[2], ARGV[5])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[6]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])

-- Every occurrence restarts the cooldown, so it elapses only after a quiet period.
local elapsed = 0
if redis.call('EXISTS', KEYS[3]) == 0 then
  elapsed = 1
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[8])

-- The rate over the sliding window ends at the latest time seen. At most threshold entries are
-- kept: enough to tell whether the threshold is reached, and a bound on memory.
local times = redis.call('HMGET', KEYS[1], 'firstSeen', 'lastSeen')
local window = tonumber(ARGV[12])
local threshold = tonumber(ARGV[13])
redis.call('ZADD', KEYS[4], at, count)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', '(' .. (tonumber(times[2]) - window))
redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(threshold + 1))
redis.call('PEXPIRE', KEYS[4], window)
local inWindow = redis.call('ZCARD', KEYS[4])

-- A burst starts when the threshold is reached with no burst under way, and is under way until
-- the rate has stayed below the threshold for a whole cooldown.
local burstStarted = 0
if inWindow >= threshold then
  if redis.call('EXISTS', KEYS[5]) == 0 then
    burstStarted = 1
  end
  redis.call('SET', KEYS[5], ARGV[4], 'PX', ARGV[8])
end

local announced = redis.call('HEXISTS', KEYS[1], 'announcedAt')
-- Samples and breadcrumbs go into an event, and only an occurrence that raises one needs them:
-- one that ends a cooldown or starts a burst. The others, most of them, get empty lists.
local samples = {}
local breadcrumbs = {}
if elapsed == 1 or burstStarted == 1 then
  samples = redis.call('LRANGE', KEYS[2], 0, -1)
  if tonumber(ARGV[14]) > 0 then
    breadcrumbs = redis.call('LRANGE', KEYS[6], 0, tonumber(ARGV[14]) - 1)
  end
end
return {count, times[1], times[2], elapsed, announced, samples, burstStarted, inWindow, breadcrumbs}
