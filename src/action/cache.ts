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
import type { MirrorConfig } from '../config/index.js'
import { out } from './log.js'
import { dirFingerprint } from './cache-dir.js'

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

/**
 * Where `trusted-root: auto` keeps Sigstore's TUF metadata, next to the state file it travels with.
 * A hosted runner starts empty: without this, every run would ask the TUF CDN.
 */
export function sigstoreDirFor(tempDir: string, prefix: string): string {
  return join(tempDir, `${prefix.replace(/-$/, '')}-sigstore`)
}

/**
 * Whether some entry verifies against Sigstore's public-good root (`trusted-root: auto`, and a
 * keyless identity or a required transparency-log proof, the only checks that read the root).
 * Only then does the cache carry the TUF folder: a config without it keeps its entries as they were.
 */
export function usesTufRoot(config: Pick<MirrorConfig, 'images'>): boolean {
  return config.images.some(e => {
    const p = e.signatures
    return p?.trustedRoot === 'auto' && (p.keyless.length > 0 || p.transparencyLog === 'required')
  })
}

export interface CacheBackend {
  isFeatureAvailable(): boolean
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>
  saveCache(paths: string[], key: string): Promise<number>
}

export interface DigestCacheOptions {
  enabled: boolean
  file: string
  /**
   * The TUF metadata folder of `trusted-root: auto`, carried in the same entry as the state file.
   * @actions/cache versions an entry by its paths, so a config that starts using `auto` misses its
   * old entry once (one run checks every target) rather than restoring half of what it expects.
   */
  sigstoreDir?: string
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
  /** The TUF folder's content as restored; undefined before restore. */
  private sigstoreBefore: string | undefined

  constructor(private readonly opts: DigestCacheOptions) {
    this.backend = opts.backend ?? cache
    this.warn = opts.warn ?? out.warning
    this.info = opts.info ?? out.info
  }

  get file(): string {
    return this.opts.file
  }

  private get paths(): string[] {
    return this.opts.sigstoreDir ? [this.opts.file, this.opts.sigstoreDir] : [this.opts.file]
  }

  /**
   * Whether the TUF folder holds something the restored entry does not: a first fetch, or a new
   * root or targets. The timestamp and snapshot files change on every refresh and are left out,
   * else every run would save an entry for them alone.
   */
  async sigstoreChanged(): Promise<boolean> {
    if (!this.opts.sigstoreDir || !this.usable()) return false
    const now = await dirFingerprint(this.opts.sigstoreDir, IGNORED_TUF_FILES)
    return now !== '' && now !== this.sigstoreBefore
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
      this.restoredKey = await this.backend.restoreCache(this.paths, this.saveKey, [this.opts.prefix])
      if (this.restoredKey) this.info(`Digest cache restored from ${this.restoredKey}`)
      else
        this.info(`No digest cache yet for ${this.opts.prefix}*; every image is checked against its target`)
    } catch (error) {
      this.warnOnce(`The digest cache could not be restored (${errorText(error)}); carrying on without it.`)
    }
    if (this.opts.sigstoreDir)
      this.sigstoreBefore = await dirFingerprint(this.opts.sigstoreDir, IGNORED_TUF_FILES)
    return this.restoredKey
  }

  /** Saves `file` (and the TUF folder) under this run's key. Skipped when there is nothing to save. */
  async save(): Promise<boolean> {
    if (!this.usable() || !this.paths.some(p => existsSync(p))) return false
    try {
      const id = await this.backend.saveCache(this.paths, this.saveKey)
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

const IGNORED_TUF_FILES = new Set(['timestamp.json', 'snapshot.json'])

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
