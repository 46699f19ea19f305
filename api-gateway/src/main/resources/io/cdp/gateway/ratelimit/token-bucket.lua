-- One token bucket, refilled continuously and taken from atomically.
-- KEYS[1]  the bucket (a hash: t = tokens, a = last update in ms on Redis's clock)
-- ARGV[1]  capacity (the largest burst)
-- ARGV[2]  tokens added per millisecond
-- Returns {allowed (1/0), whole tokens left, ms until a refused request could pass,
--          ms until the bucket is full again}.

-- Writes follow a read of TIME: replicate the effects, not the script (Redis < 7).
if redis.replicate_commands then
  redis.replicate_commands()
end

local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = capacity
  updated = now
end

tokens = math.min(capacity, tokens + math.max(0, now - updated) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end

local until_next = 0
if allowed == 0 then
  until_next = math.ceil((1 - tokens) / rate)
end
local until_full = math.ceil((capacity - tokens) / rate)

redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(now))
-- A full bucket is the same as none: let the key go once it would be full.
redis.call('PEXPIRE', KEYS[1], until_full + 1000)

return { allowed, math.floor(tokens), until_next, until_full }
