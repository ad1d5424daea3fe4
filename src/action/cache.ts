/**
 * The digest cache across runs: the sync state file lives in RUNNER_TEMP and travels between runs
 * through @actions/cache. Cache entries are immutable, so every run saves under a fresh key and the
 * next run restores the newest entry by prefix. The prefix hashes the config's targets (and the
 * shard), so two configs, or two matrix shards, never overwrite each other's state.
 */
import * as cache from '@actions/cache'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { out } from './log.js'

export const KEY_PREFIX = 'mirror-action-state-'

/** `mirror-action-state-<16 hex>-` (with `-s<i>of<n>` for a shard of a matrix). */
export function stateKeyPrefix(targets: string[], shard?: { index: number; count: number }): string {
  const h = createHash('sha256')
  for (const t of [...new Set(targets)].sort()) h.update(t + '\n')
  const shardPart = shard && shard.count > 1 ? `s${shard.index}of${shard.count}-` : ''
  return `${KEY_PREFIX}${h.digest('hex').slice(0, 16)}-${shardPart}`
}

/** The state file for one prefix, so two steps with different configs in one job do not share it. */
export function stateFileFor(tempDir: string, prefix: string): string {
  return join(tempDir, `${prefix.replace(/-$/, '')}.json`)
}

export interface CacheBackend {
  isFeatureAvailable(): boolean
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>
  saveCache(paths: string[], key: string): Promise<number>
}

export interface DigestCacheOptions {
  enabled: boolean
  file: string
  prefix: string
  /** Makes the save key unique: GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT on a runner. */
  runKey: string
  /** @github/local-action replaces restoreCache/saveCache with a local directory (LOCAL_ACTION_CACHE_PATH). */
  localActionCache?: boolean
  backend?: CacheBackend
  warn?: (message: string) => void
  info?: (message: string) => void
}

export class DigestCache {
  private readonly backend: CacheBackend
  private readonly warn: (message: string) => void
  private readonly info: (message: string) => void
  private warned = false
  private restoredKey: string | undefined

  constructor(private readonly opts: DigestCacheOptions) {
    this.backend = opts.backend ?? cache
    this.warn = opts.warn ?? out.warning
    this.info = opts.info ?? out.info
  }

  get file(): string {
    return this.opts.file
  }

  get saveKey(): string {
    return `${this.opts.prefix}${this.opts.runKey}`
  }

  /**
   * One line for the job summary. `targetsChecked` false (targets without credentials) drops the claim
   * that every image was checked, which the summary's "Not checked" line would contradict.
   */
  note(targetsChecked = true): string {
    const checked = targetsChecked
      ? '; every image was checked against its target.'
      : '; images whose target has no credentials in this run were not checked.'
    if (!this.opts.enabled) return `disabled (cache: false)${checked}`
    if (!this.available()) return `not available on this runner${checked}`
    return this.restoredKey
      ? `restored from ${this.restoredKey}.`
      : 'no earlier state found (first run for this config).'
  }

  /** Restores the newest state for this prefix into `file`; a miss or an outage is not an error. */
  async restore(): Promise<string | undefined> {
    if (!this.usable()) return undefined
    try {
      this.restoredKey = await this.backend.restoreCache([this.opts.file], this.saveKey, [this.opts.prefix])
      if (this.restoredKey) this.info(`Digest cache restored from ${this.restoredKey}`)
      else
        this.info(`No digest cache yet for ${this.opts.prefix}*; every image is checked against its target`)
    } catch (error) {
      this.warnOnce(`The digest cache could not be restored (${errorText(error)}); carrying on without it.`)
    }
    return this.restoredKey
  }

  /** Saves `file` under this run's key. Skipped when there is nothing to save. */
  async save(): Promise<boolean> {
    if (!this.usable() || !existsSync(this.opts.file)) return false
    try {
      const id = await this.backend.saveCache([this.opts.file], this.saveKey)
      if (id !== -1) this.info(`Digest cache saved as ${this.saveKey}`)
      return id !== -1
    } catch (error) {
      this.warnOnce(
        `The digest cache could not be saved (${errorText(error)}); the next run checks every target.`
      )
      return false
    }
  }

  private available(): boolean {
    // @github/local-action replaces restoreCache/saveCache, not isFeatureAvailable.
    if (this.opts.localActionCache) return true
    try {
      return this.backend.isFeatureAvailable()
    } catch {
      return false
    }
  }

  private usable(): boolean {
    if (!this.opts.enabled) return false
    if (this.available()) return true
    this.warnOnce(
      'The Actions cache service is not available here (a local run, or GitHub Enterprise Server without it): ' +
        "the digest cache is off and every image is checked against its target. Set 'cache: false' to silence this."
    )
    return false
  }

  private warnOnce(message: string): void {
    if (this.warned) return
    this.warned = true
    this.warn(message)
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
