/**
 * `mirror-action sync`: mirror every image of a config file, or (`--import`) print a config converted
 * from another tool's file. Exit 0 when nothing failed, 1 when an image failed, 2 for usage or config errors.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { CredentialStore } from '../auth/index.js'
import { importConfig, type ImportFormat } from '../config/index.js'
import { loadConfig } from '../config/index.js'
import type { MirrorConfig } from '../config/index.js'
import { parseShard, type Shard } from '../sync/index.js'
import { StateStore } from '../sync/index.js'
import { errorMessage, sync } from '../sync/index.js'
import { RegistryClient } from '../registry/index.js'
import { MAX_TAGS_CEILING, parseMaxTags } from '../registry/index.js'
import { exitCodeFor, nextLock, readLock, writeLock, type LockEntry } from '../sync/index.js'
import {
  formatExplanation,
  formatGroupLines,
  formatImageLine,
  formatTotalsLine,
  writeJsonReport
} from '../report/index.js'
import { writeLines } from './print.js'
import {
  COMMON_FLAGS,
  countFlag,
  debugWriter,
  legacyConcurrency,
  parseFlags,
  retryAttempts,
  SIDED_FLAGS,
  timeoutFlags,
  imageTimeoutFlag,
  UsageError
} from './options.js'
import type { FlagSpecs, FlagValues } from './options.js'
import { configHosts, mergeRegistries, syncCredentials } from './sync-hosts.js'
import type { CommandHosts } from './credentials.js'
import { tlsFromFlags } from './tls.js'
import { CliProgress } from './progress.js'
import { sigstoreCacheDir } from './sigstore-cache.js'
import { SYNC_USAGE } from './sync-usage.js'

const IMPORT_FORMATS: ImportFormat[] = ['skopeo', 'image-syncer', 'regsync', 'list']

/** Same pair, same image: sync hands both callbacks the very same strings. */
const keyOf = (e: { source: string; target: string }): string => `${e.source}\n${e.target}`

const OPTIONS: FlagSpecs = {
  ...COMMON_FLAGS,
  ...SIDED_FLAGS,
  config: { type: 'string' },
  'dry-run': { type: 'boolean' },
  explain: { type: 'boolean' },
  report: { type: 'string' },
  state: { type: 'string' },
  shard: { type: 'string' },
  'images-at-once': { type: 'string' },
  transfers: { type: 'string' },
  concurrency: { type: 'string' },
  'no-target-check': { type: 'boolean' },
  'max-tags': { type: 'string' },
  lock: { type: 'string' },
  locked: { type: 'boolean' },
  import: { type: 'string' },
  target: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'sigstore-cache': { type: 'string' }
}

interface SyncArgs {
  config?: string
  credentials?: string
  dryRun: boolean
  explain: boolean
  report?: string
  state?: string
  shard?: Shard
  imagesAtOnce?: number
  transfers?: number
  /** Deprecated flags used: one warning each on stderr. */
  deprecations: string[]
  timeouts?: ReturnType<typeof timeoutFlags>
  /** `--image-timeout`: the default deadline of each image's copy. */
  imageTimeoutMs?: number
  debug?: (line: string) => void
  checkTargets: boolean
  maxTags?: number
  lock?: string
  locked: boolean
  importFormat?: ImportFormat
  importFile?: string
  target?: string
  /** `-q`: the totals line only; failures (and warnings) still go to stderr. */
  quiet: boolean
  /** Where `trusted-root: auto` keeps Sigstore's TUF metadata across runs. */
  sigstoreCache: string
  help: boolean
  /** Every flag as parsed: credentials, TLS and retry flags apply once the config names the hosts. */
  values: FlagValues
}

export function parseSyncArgs(args: string[]): SyncArgs {
  const parsed = parseFlags(args, OPTIONS)
  const f = parsed.values
  // The flags with a value (none of them repeatable); the booleans are read from `f`.
  const v = f as Record<string, string | undefined>
  const out: SyncArgs = {
    config: v.config,
    credentials: v.credentials,
    dryRun: f['dry-run'] === true,
    explain: f.explain === true,
    report: v.report,
    state: v.state,
    checkTargets: f['no-target-check'] !== true,
    lock: v.lock,
    locked: f.locked === true,
    target: v.target,
    sigstoreCache: sigstoreCacheDir(v['sigstore-cache']),
    quiet: f.quiet === true,
    deprecations: [],
    help: f.help === true,
    values: f
  }
  retryAttempts(f['retry-times'])
  if (out.help) return out
  if (v.shard !== undefined) {
    try {
      out.shard = parseShard(v.shard)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  const atOnce = legacyConcurrency(v.concurrency, v['images-at-once'], '--images-at-once', out.deprecations)
  out.imagesAtOnce = countFlag(
    atOnce,
    v['images-at-once'] === undefined ? '--concurrency' : '--images-at-once'
  )
  out.transfers = countFlag(v.transfers, '--transfers')
  out.timeouts = timeoutFlags(v)
  out.imageTimeoutMs = imageTimeoutFlag(v)
  out.debug = debugWriter(f.debug)
  if (v['max-tags'] !== undefined) {
    out.maxTags = parseMaxTags(v['max-tags'])
    if (out.maxTags === undefined)
      throw new UsageError(
        `invalid --max-tags '${v['max-tags']}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
      )
  }
  if (v.import !== undefined) {
    if (!IMPORT_FORMATS.includes(v.import as ImportFormat)) {
      throw new UsageError(`invalid --import '${v.import}': expected skopeo, image-syncer, regsync or list`)
    }
    out.importFormat = v.import as ImportFormat
    const files = [...parsed.positionals, ...(v.config ? [v.config] : [])]
    if (files.length !== 1) throw new UsageError('--import needs exactly one input file')
    out.importFile = files[0]
    return out
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`)
  if (v.target !== undefined) throw new UsageError('--target only goes with --import')
  if (!out.config) throw new UsageError('--config FILE is required')
  return out
}

function printConfigError(error: unknown): void {
  const errors = (error as { errors?: unknown[] }).errors
  if (Array.isArray(errors) && errors.length > 0) {
    for (const e of errors) writeLines(process.stderr, (e as Error).message)
  } else {
    writeLines(process.stderr, errorMessage(error))
  }
}

async function runImport(a: SyncArgs): Promise<number> {
  let text: string
  try {
    text = await readFile(a.importFile!, 'utf8')
  } catch (error) {
    process.stderr.write(`mirror-action sync: cannot read ${a.importFile}: ${(error as Error).message}\n`)
    return 2
  }
  try {
    process.stdout.write(importConfig(text, a.importFormat!, a.importFile!, { target: a.target }))
    return 0
  } catch (error) {
    printConfigError(error)
    return 2
  }
}

export async function syncCommand(args: string[]): Promise<number> {
  let a: SyncArgs
  try {
    a = parseSyncArgs(args)
  } catch (error) {
    process.stderr.write(
      `mirror-action sync: ${(error as Error).message}\nRun 'mirror-action sync --help' for usage.\n`
    )
    return 2
  }
  if (a.help) {
    process.stdout.write(SYNC_USAGE)
    return 0
  }
  if (a.importFormat) return runImport(a)

  const warn = (m: string) => writeLines(process.stderr, `warning: ${m}`)
  for (const d of a.deprecations) warn(d)
  let config: MirrorConfig
  let credentials: CredentialStore
  let hosts: CommandHosts
  try {
    config = await loadConfig(a.config!)
    hosts = configHosts(config)
    credentials = await syncCredentials(a, hosts, warn)
  } catch (error) {
    printConfigError(error)
    return 2
  }
  const lockFile = a.lock !== undefined ? resolve(a.lock) : config.lock
  if (a.locked && !lockFile) {
    process.stderr.write(
      `mirror-action sync: --locked needs a lock file: --lock FILE, or lock: in the config\n`
    )
    return 2
  }
  let lock: LockEntry[] = []
  try {
    if (lockFile) lock = await readLock(lockFile, { mustExist: a.locked })
  } catch (error) {
    writeLines(process.stderr, `mirror-action sync: ${errorMessage(error)}`)
    return 2
  }
  const attempts = retryAttempts(a.values['retry-times'])
  const client = new RegistryClient({
    credentials,
    registries: mergeRegistries(config.registries, tlsFromFlags(a.values, hosts)),
    warn,
    maxTags: a.maxTags,
    retry: attempts === undefined ? undefined : { attempts },
    timeouts: a.timeouts,
    debug: a.debug
  })
  // Configs sharing one --state file each own their entries: the config file is the identity.
  const state = a.state ? await StateStore.load(a.state, { owner: resolve(a.config!) }) : undefined
  const progress = new CliProgress(process.stderr, { quiet: a.quiet })
  try {
    const report = await sync(config, {
      client,
      state,
      dryRun: a.dryRun,
      shard: a.shard,
      concurrency: a.imagesAtOnce,
      engine: {
        ...(a.transfers ? { concurrency: a.transfers } : {}),
        ...(a.imageTimeoutMs ? { imageTimeoutMs: a.imageTimeoutMs } : {})
      },
      checkTargets: a.checkTargets,
      // A dry run without target credentials (a review, a PR) plans what a refusing target hides.
      targetWithoutCredentials: async host => (await credentials.get(host)) === undefined,
      locked: a.locked ? lock : undefined,
      sigstoreCacheDir: a.sigstoreCache,
      // The variables the config names for signing (a key's PEM, its password); nothing else is read.
      signing: { env: name => process.env[name] },
      onExplain: a.explain
        ? x => {
            progress.clear()
            writeLines(process.stdout, ...formatExplanation(x))
          }
        : undefined,
      onImageStart: e => progress.imageStart(keyOf(e), e.target, `start    ${e.source} → ${e.target}`),
      onImageDone: r => {
        // The bars live on stderr; on one terminal they must not sit between stdout's lines.
        progress.clear()
        // Quiet: an image line only for a failure, on stderr, where errors go.
        if (!a.quiet) writeLines(process.stdout, formatImageLine(r))
        else if (r.status === 'failed') writeLines(process.stderr, formatImageLine(r))
        progress.imageDone(keyOf(r))
      }
    })
    progress.clear()
    for (const w of report.warnings) warn(w)
    // A dry run leaves the state file exactly as it was.
    if (state && a.state && !a.dryRun) await state.save(a.state)
    if (a.report) await writeJsonReport(report, a.report)
    // A dry run writes it too: resolving digests for review is what a scheduled lock update does.
    if (lockFile) await writeLock(lockFile, nextLock(lock, report, !a.shard && exitCodeFor(report) === 0))
    for (const line of formatGroupLines(report)) writeLines(a.quiet ? process.stderr : process.stdout, line)
    writeLines(process.stdout, formatTotalsLine(report))
    return exitCodeFor(report)
  } catch (error) {
    progress.clear()
    writeLines(process.stderr, `mirror-action sync: ${errorMessage(error)}`)
    return 1
  } finally {
    await client.close()
  }
}
