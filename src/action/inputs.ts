/**
 * The typed shape of the action's inputs and of the runner facts it uses. Apart from context.ts
 * (which fills them) so the modules that consume them, and the pure input rules, depend on the
 * shape rather than on the module that reads the runner.
 */
import type { Credential } from '../auth/index.js'
import type { Shard } from '../sync/index.js'
import type { ShardsInput } from './input-values.js'

export const DEFAULT_CONFIG = '.github/mirror.yaml'

export type ConfigSource =
  /** `path` is absolute; `display` is what annotations and messages show (relative to the workspace). */
  { kind: 'file'; path: string; display: string } | { kind: 'inline'; text: string }

export interface ActionInputs {
  config: ConfigSource
  credentials: Record<string, Credential>
  githubToken?: string
  dryRun: boolean
  cache: boolean
  /** Images copied at once (sync's default when absent). */
  imagesAtOnce?: number
  /** Blob transfers in flight across the run (the engine's default when absent). */
  transfers?: number
  shard?: Shard
  comment: boolean
  /** Pulls to leave unused per source; undefined: sync's default. */
  rateLimitReserve?: number
  /** What images deferred by a rate limit do to the step: a warning, or a failure. */
  onDeferred: 'warn' | 'fail'
  /** `shards`: the step is a plan job that sizes the matrix (`auto`) or splits into a fixed count. */
  shards?: ShardsInput
  /** `merge-reports`: the step merges the shard jobs' reports found there (absolute path) instead of syncing. */
  mergeReports?: string
  /** `lock`: the lock file (absolute); the config's `lock:` when absent. */
  lock?: string
  /** `locked`: mirror exactly the lock's digests. */
  locked: boolean
  /** Directory relative config paths resolve against (GITHUB_WORKSPACE, else the current directory). */
  workspace: string
  /** `image-timeout`, `min-throughput`, `min-throughput-window` (absent when empty). */
  deadlines: Deadlines
  /** RUNNER_DEBUG=1 (a re-run with debug logging, or the ACTIONS_STEP_DEBUG secret): log every HTTP exchange. */
  debug: boolean
}

export interface Deadlines {
  imageTimeoutMs?: number
  minBytesPerSec?: number
  throughputWindowMs?: number
}

/** What the action uses of the runner's environment, read in one place like the inputs. */
export interface RunnerContext {
  /** RUNNER_TEMP, else the OS temp dir. */
  temp: string
  /** GITHUB_ACTION: the step's id, which names the report file. */
  stepId?: string
  /** GITHUB_EVENT_NAME; '' outside a runner. */
  eventName: string
  /** GITHUB_STEP_SUMMARY: set only where there is a summary file to write. */
  stepSummary?: string
  /** Unique per run and attempt: the digest cache's save key. */
  runKey: string
  /** This workflow run's page, for the PR comment; undefined outside a runner. */
  runUrl?: string
  /** LOCAL_ACTION_CACHE_PATH: @github/local-action stands in for the cache service. */
  localActionCache: boolean
}
