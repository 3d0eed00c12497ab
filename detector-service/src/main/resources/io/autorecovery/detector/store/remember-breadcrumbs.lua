-- Keeps the latest lines of several services at once, atomically.
-- KEYS: one breadcrumb list per service
-- ARGV[1] lines kept per service, ARGV[2] retention (ms), then for each key in turn: the number of
-- its new lines, followed by those lines, oldest first.
-- Returns the number of lists written.

local kept = tonumber(ARGV[1])
local at = 3
for _, key in ipairs(KEYS) do
  local lines = tonumber(ARGV[at])
  if lines > 0 then
    redis.call('LPUSH', key, unpack(ARGV, at + 1, at + lines))
  end
  at = at + lines + 1
  redis.call('LTRIM', key, 0, kept - 1)
  redis.call('PEXPIRE', key, ARGV[2])
end
return #KEYS
