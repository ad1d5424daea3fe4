// The face: what other folders and the tests use from this folder.
export { cooldown, decide, digestMayChange, optionsFingerprint, stateVerdict } from './decide.js'
export type { Decision, StateVerdict } from './decide.js'
export { mapLimit } from './map-limit.js'
export type { TagExplanation } from './plan.js'
export { RateLimits, isRateLimitError, rateLimitExhausted } from './ratelimits.js'
export { REMOVED_GROUP, pruneCandidates } from './retention.js'
export type { PruneCandidate } from './retention.js'
export { runRetention } from './retention-run.js'
export { IMAGE_STATUSES, PRUNE_STATUSES, computeTotals, errorMessage, exitCodeFor } from './report.js'
export type { ImageReport, ImageStatus, SyncReport } from './report.js'
export { assignShards, parseShard, selectShard } from './shard.js'
export type { Shard } from './shard.js'
export { STATE_VERSION, StateStore, stateKey } from './state.js'
export type { StateEntry } from './state.js'
export { sync } from './sync.js'
export { planConcurrency, DEFAULT_SYNC_CONCURRENCY } from './run-context.js'
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
