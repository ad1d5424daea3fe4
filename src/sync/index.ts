// The face: what other folders and the tests use from this folder.
export {
  cooldown,
  decide,
  digestMayChange,
  isRateLimitError,
  mapLimit,
  optionsFingerprint,
  rateLimitExhausted,
  stateVerdict
} from './plan.js'
export type { Decision, StateVerdict, TagExplanation } from './plan.js'
export { RateLimits } from './ratelimits.js'
export { REMOVED_GROUP, pruneCandidates } from './retention.js'
export type { PruneCandidate } from './retention.js'
export { runRetention } from './retention-run.js'
export { IMAGE_STATUSES, PRUNE_STATUSES, computeTotals, errorMessage, exitCodeFor } from './report.js'
export type { ImageReport, ImageStatus, SyncReport } from './report.js'
export { assignShards, parseShard, selectShard } from './shard.js'
export type { Shard } from './shard.js'
export { STATE_VERSION, StateStore, stateKey } from './state.js'
export type { StateEntry } from './state.js'
export { sync, planConcurrency, DEFAULT_SYNC_CONCURRENCY } from './sync.js'
export {
  LOCK_VERSION,
  lockedExpansion,
  nextLock,
  parseLock,
  readLock,
  renderLock,
  writeLock
} from './lock.js'
export type { LockEntry } from './lock.js'
export { MAX_MATRIX_SHARDS, configWeights, reportRepository, shardMatrix, sizeShards } from './autoshard.js'
export type { ShardLimits, ShardLoad, ShardSizing } from './autoshard.js'
export { estimatePlannedBytes } from './estimate.js'
