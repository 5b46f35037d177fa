import type { Redis } from 'ioredis';
import type { ProjectId } from '../contract/types.js';
import {
  type PredictionLog,
  type PredictionLogBounds,
  type RecordedPrediction,
} from './prediction-log.js';
import type { QueueKeys } from './redis-keys.js';
import { runScript } from './redis-script.js';
import { withRedis } from './redis-unavailable.js';

// Entries are stored as "<judged 0|1>\x1f<version>\x1f<at>\x1f<results JSON>" so the scripts
// read the flag and version without decoding the results. Counter fields as in
// analytics/acceptance-counters.ts: n\x1f<version>\x1f<recorded|annotated|pending|first_seen>.
const HEADER = `
local SEP = '\\31'
local function header(entry)
  local a = string.find(entry, SEP, 1, true)
  local b = string.find(entry, SEP, a + 1, true)
  return string.sub(entry, 1, a - 1), string.sub(entry, a + 1, b - 1)
end
local function count(version, what, by)
  redis.call('HINCRBY', KEYS[3], 'n' .. SEP .. version .. SEP .. what, by)
end
`;

// KEYS: entries hash, times zset, counters hash. ARGV: now, max entries, oldest kept, then
// (task, version, entry) triples. Replacing or evicting an unjudged entry takes it off pending.
const RECORD = `${HEADER}
local now = tonumber(ARGV[1])
local delta = {}
local function add(version, what, by)
  local key = version .. SEP .. what
  delta[key] = (delta[key] or 0) + by
end
local zargs = {}
local versions = {}
for i = 4, #ARGV, 3 do
  local task, version = ARGV[i], ARGV[i + 1]
  local old = redis.call('HGET', KEYS[1], task)
  if old then
    local judged, oldVersion = header(old)
    if judged == '0' then add(oldVersion, 'pending', -1) end
  end
  redis.call('HSET', KEYS[1], task, ARGV[i + 2])
  zargs[#zargs + 1] = now
  zargs[#zargs + 1] = task
  add(version, 'recorded', 1)
  add(version, 'pending', 1)
  versions[version] = true
end
for version in pairs(versions) do
  redis.call('HSETNX', KEYS[3], 'n' .. SEP .. version .. SEP .. 'first_seen', now)
end
if #zargs > 0 then redis.call('ZADD', KEYS[2], unpack(zargs)) end
local function drop(tasks)
  for _, task in ipairs(tasks) do
    local old = redis.call('HGET', KEYS[1], task)
    if old then
      local judged, version = header(old)
      if judged == '0' then add(version, 'pending', -1) end
      redis.call('HDEL', KEYS[1], task)
    end
    redis.call('ZREM', KEYS[2], task)
  end
end
drop(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[3]))
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if over > 0 then drop(redis.call('ZRANGE', KEYS[2], 0, over - 1)) end
for key, by in pairs(delta) do
  if by ~= 0 then redis.call('HINCRBY', KEYS[3], 'n' .. SEP .. key, by) end
end
return 1`;

// KEYS: entries hash, times zset, counters hash. ARGV: task. Returns the entry when it was
// not judged yet, and marks it judged (keeping only its version) in the same step.
const CLAIM = `${HEADER}
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return false end
local judged, version = header(entry)
if judged ~= '0' then return false end
redis.call('HSET', KEYS[1], ARGV[1], '1' .. SEP .. version .. SEP .. '0' .. SEP .. '[]')
count(version, 'pending', -1)
count(version, 'annotated', 1)
return entry`;

const SEP = '\u001f';
const DAY_MS = 86_400_000;

/** Production's prediction log: Redis hashes and a sorted set per project, shared by every replica. */
export class RedisPredictionLog implements PredictionLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: QueueKeys,
    private readonly where: string,
    private readonly bounds: PredictionLogBounds,
    private readonly now: () => number = Date.now,
  ) {}

  record(project: ProjectId, entries: RecordedPrediction[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const now = this.now();
    const args: (string | number)[] = [
      now,
      this.bounds.maxEntries,
      now - this.bounds.maxDays * DAY_MS,
    ];
    for (const e of entries)
      args.push(e.task, e.modelVersion, ['0', e.modelVersion, e.at, e.resultsJson].join(SEP));
    return withRedis(this.redis, this.where, async () => {
      await runScript(this.redis, RECORD, this.keysOf(project), args);
    });
  }

  claim(project: ProjectId, task: string): Promise<RecordedPrediction | undefined> {
    return withRedis(this.redis, this.where, async () => {
      const entry = (await runScript(this.redis, CLAIM, this.keysOf(project), [task])) as
        string | null;
      if (entry === null) return undefined;
      const [, modelVersion = '', at = '0', ...json] = entry.split(SEP);
      return {
        task,
        modelVersion,
        at: Number(at),
        resultsJson: json.join(SEP),
      };
    });
  }

  add(project: ProjectId, counters: Record<string, number>): Promise<void> {
    const fields = Object.entries(counters);
    if (fields.length === 0) return Promise.resolve();
    return withRedis(this.redis, this.where, async () => {
      const multi = this.redis.multi();
      for (const [field, by] of fields) multi.hincrby(this.keys.acceptance(project), field, by);
      await multi.exec();
    });
  }

  counters(project: ProjectId): Promise<Record<string, number>> {
    return withRedis(this.redis, this.where, async () => {
      const raw = await this.redis.hgetall(this.keys.acceptance(project));
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private keysOf(project: ProjectId): [string, string, string] {
    return [
      this.keys.predictions(project),
      this.keys.predictionTimes(project),
      this.keys.acceptance(project),
    ];
  }
}
