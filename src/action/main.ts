/**
 * The action's single failure boundary: inputs → config → digest cache → credentials → sync →
 * report, summary, outputs, PR comment → cache save. Nothing else sets the step failed; everything it
 * writes to the log goes through log.ts's `out` (workflow commands in remote text are neutralised).
 */
import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialStore } from '../auth/index.js'
import {
  DigestCache,
  KEY_PREFIX,
  sigstoreDirFor,
  stateFileFor,
  stateKeyPrefix,
  usesTufRoot
} from './cache.js'
import { loadConfig, parseConfig, signEnvNames } from '../config/index.js'
import type { MirrorConfig } from '../config/index.js'
import { StateStore, exitCodeFor, nextLock, readLock, writeLock, type SyncReport } from '../sync/index.js'
import { sync } from '../sync/index.js'
import {
  InputError,
  readInputs,
  readRunnerContext,
  readSigningSecrets,
  type ActionInputs,
  type RunnerContext
} from './context.js'
import { ActionLog, out } from './log.js'
import {
  annotateConfigErrors,
  annotateFailedImages,
  bareMessage,
  positionedErrors,
  type PositionedError
} from './annotations.js'
import { postComment, renderComment, renderConfigErrorComment } from './comment.js'
import { writeJsonReport } from '../report/index.js'
import { outputsFor, setOutputs } from './outputs.js'
import { mergeReports, planShards, setShardOutputs, shardPlanHtml } from './scale.js'
import { dropClientCertsOnPullRequests, targetsWithoutCredentials } from './targets.js'
import { escapeHtml } from '../report/index.js'
import { MAX_SUMMARY_BYTES, buildSummary } from '../report/index.js'
import { RegistryClient } from '../registry/index.js'

export const INLINE_CONFIG_NAME = "input 'images'"
const USER_AGENT = 'mirror-action (GitHub Action)'

/** core.setSecret once per value: inputs and the credential store both hand over the same secrets. */
const masked = new Set<string>()
function mask(secret: string): void {
  if (!secret || masked.has(secret)) return
  masked.add(secret)
  core.setSecret(secret)
}

export async function run(): Promise<void> {
  let client: RegistryClient | undefined
  let inputs: ActionInputs | undefined
  const runner = readRunnerContext()
  try {
    inputs = readInputs({ mask, warn: out.warning })
    if (inputs.mergeReports) return await runMerge(inputs.mergeReports, runner)
    const config = await loadActionConfig(inputs)
    // A plan job (`shards`) only plans: the shard jobs copy.
    const dryRun = inputs.dryRun || inputs.shards !== undefined
    const lockFile = inputs.lock ?? config.lock
    if (inputs.locked && !lockFile) {
      throw new InputError("Input 'locked' needs a lock file: set the 'lock' input, or lock: in the config.")
    }
    const lock = lockFile ? await readLock(lockFile, { mustExist: inputs.locked }) : []
    dropClientCertsOnPullRequests(config, runner.eventName)
    const temp = runner.temp
    const prefix = stateKeyPrefix(
      config.images.map(i => i.target),
      inputs.shard
    )
    const digestCache = new DigestCache({
      enabled: inputs.cache,
      file: stateFileFor(temp, prefix),
      sigstoreDir: usesTufRoot(config) ? sigstoreDirFor(temp, prefix) : undefined,
      prefix,
      runKey: runner.runKey,
      localActionCache: runner.localActionCache
    })
    await digestCache.restore()
    const state = await StateStore.load(digestCache.file, { owner: configDisplayName(inputs) })

    const credentials = await CredentialStore.load({
      explicit: inputs.credentials,
      githubToken: inputs.githubToken,
      mask,
      warn: out.warning,
      explicitSource: "input 'credentials'"
    })
    // A PR from a fork has no target credentials: plan against the sources only, and say so.
    const uncheckedTargets = dryRun ? await targetsWithoutCredentials(config, credentials) : []
    client = new RegistryClient({
      credentials,
      registries: config.registries,
      userAgent: USER_AGENT,
      // The client's default writes to stderr, which the runner reads for commands too.
      warn: out.warning,
      debug: inputs.debug ? out.debug : undefined,
      // The floor of blob downloads; a registry's own min-throughput keys win.
      timeouts: {
        ...(inputs.deadlines.minBytesPerSec !== undefined
          ? { minBytesPerSec: inputs.deadlines.minBytesPerSec }
          : {}),
        ...(inputs.deadlines.throughputWindowMs
          ? { throughputWindowMs: inputs.deadlines.throughputWindowMs }
          : {})
      }
    })
    const log = new ActionLog()
    const report = await sync(config, {
      client,
      state,
      dryRun,
      shard: inputs.shard,
      locked: inputs.locked ? lock : undefined,
      checkTargets: uncheckedTargets.length === 0,
      rateLimitReserve: inputs.rateLimitReserve,
      // Each image's copy reports to its own group through the hooks this returns.
      onImageStart: e => log.imageStart(e),
      onImageDone: r => log.imageDone(r),
      concurrency: inputs.imagesAtOnce,
      sigstoreCacheDir: sigstoreDirFor(temp, prefix),
      engine: {
        ...(inputs.transfers ? { concurrency: inputs.transfers } : {}),
        ...(inputs.deadlines.imageTimeoutMs ? { imageTimeoutMs: inputs.deadlines.imageTimeoutMs } : {})
      },
      signing: readSigningSecrets(
        config.images.flatMap(e => (e.sign ? signEnvNames(e.sign) : [])),
        mask
      )
    })
    log.total(report)
    const shardPlan = inputs.shards ? await planShards(config, report, inputs.shards, client) : undefined

    const reportPath = join(
      temp,
      `mirror-action-report-${runner.stepId || prefix.slice(KEY_PREFIX.length).replace(/-$/, '')}.json`
    )
    await writeJsonReport(report, reportPath, { shard: inputs.shard, dryRun })
    setOutputs(outputsFor(report, reportPath, out.warning))
    if (shardPlan) setShardOutputs(shardPlan)
    for (const w of report.warnings) out.warning(w)
    // A dry run writes it too (as the CLI): resolving digests for review is what a lock update does.
    if (lockFile)
      await writeLock(lockFile, nextLock(lock, report, !inputs.shard && exitCodeFor(report) === 0))

    // A first TUF fetch is worth an entry even when no image changed: the next run skips the CDN.
    if (!dryRun && (state.dirty || (await digestCache.sigstoreChanged()))) {
      if (state.dirty) await state.save(digestCache.file)
      await digestCache.save()
    }
    const configName = configDisplayName(inputs)
    await writeSummary(runner, s => {
      buildSummary(s, report, {
        dryRun,
        config: configName,
        uncheckedTargets,
        shard: inputs!.shard,
        cacheNote: digestCache.note(uncheckedTargets.length === 0)
      })
      if (shardPlan) s.addRaw(shardPlanHtml(shardPlan), true)
    })
    if (inputs.comment) {
      const body = renderComment(report, {
        config: configName,
        uncheckedTargets,
        shard: inputs.shard,
        runUrl: runner.runUrl
      })
      await postComment(body, inputs.githubToken)
    }

    // A plan job that failed would leave the matrix unused: the shard jobs fail on these images.
    if (shardPlan) warnPlanFailures(report)
    else failOnImages(report, inputs)
  } catch (error) {
    await failWith(error, inputs, runner)
  } finally {
    await client?.close().catch(() => undefined)
  }
}

/** Fails the step when an image failed; deferred images warn or fail as `on-deferred` says. */
function failOnImages(
  report: SyncReport,
  inputs: Pick<ActionInputs, 'onDeferred'> & { config?: ActionInputs['config'] }
): void {
  const failed = report.images.filter(r => r.status === 'failed')
  const deferred = report.images.filter(r => r.status === 'deferred')
  if (failed.length > 0) {
    annotateFailedImages(failed, {
      file: inputs.config?.kind === 'file' ? inputs.config.display : undefined,
      // The merge job has no config: its lines are not the user's to look up.
      inlineName: inputs.config ? INLINE_CONFIG_NAME : undefined
    })
    const lines = failed.slice(0, 50).map(r => `  ${r.source} → ${r.target}: ${r.error ?? 'failed'}`)
    if (failed.length > 50) lines.push(`  … and ${failed.length - 50} more (see the job summary)`)
    out.setFailed([`${failed.length} of ${report.images.length} images failed:`, ...lines])
  } else if (deferred.length > 0) {
    // A nightly run that copies nothing must not look like one with nothing to copy.
    const text = `${deferred.length} of ${report.images.length} images deferred to a later run by a source's pull rate limit (output 'deferred', job summary)`
    if (inputs.onDeferred === 'fail') out.setFailed(`${text}; on-deferred is 'fail'.`)
    else out.warning(`${text}; set on-deferred: fail to fail the step instead.`)
  }
}

function warnPlanFailures(report: SyncReport): void {
  const n = report.totals.failed
  if (n > 0)
    out.warning(`${n} of ${report.images.length} images failed to plan; their shard jobs will fail on them`)
}

/** `merge-reports`: one summary, one report and one set of outputs for the shards' reports. */
async function runMerge(path: string, runner: RunnerContext): Promise<void> {
  const merged = await mergeReports(path)
  const report = merged.report
  const reportPath = join(runner.temp, `mirror-action-report-${runner.stepId || 'merged'}.json`)
  await writeJsonReport(report, reportPath, { dryRun: merged.dryRun })
  setOutputs(outputsFor(report, reportPath, out.warning))
  for (const w of report.warnings) out.warning(w)
  await writeSummary(runner, s =>
    buildSummary(s, report, {
      dryRun: merged.dryRun,
      config: `${merged.expected} shard report${merged.expected === 1 ? '' : 's'} merged`,
      merged: merged.expected
    })
  )
  // The shards warned of their own deferred images; the merge job fails on failures only.
  failOnImages(report, { onDeferred: 'warn' })
}

async function loadActionConfig(inputs: ActionInputs): Promise<MirrorConfig> {
  const src = inputs.config
  if (src.kind === 'inline') return parseConfig(src.text, INLINE_CONFIG_NAME)
  if (!existsSync(src.path)) {
    throw new InputError(
      `Config file ${src.display} not found (looked at ${src.path}). Check out the repository first ` +
        "(actions/checkout), set the 'config' input to the file's path, or pass the mirror list in 'images'."
    )
  }
  return loadConfig(src.path)
}

function configDisplayName(inputs: ActionInputs): string {
  return inputs.config.kind === 'file' ? inputs.config.display : INLINE_CONFIG_NAME
}

type Summary = typeof core.summary

/** The summary file exists only on a runner (and under local-action); elsewhere there is none to write. */
async function writeSummary(runner: RunnerContext, build: (s: Summary) => unknown): Promise<void> {
  if (!runner.stepSummary) return
  try {
    core.summary.emptyBuffer()
    build(core.summary)
    // buildSummary keeps to MAX_SUMMARY_BYTES; this guards what it cannot see (a huge config name).
    if (Buffer.byteLength(core.summary.stringify()) > MAX_SUMMARY_BYTES) {
      core.summary.emptyBuffer()
      core.summary.addRaw(
        '<p>The summary was too large for GitHub (1 MiB per step); the JSON report (output <code>report</code>) has every image.</p>',
        true
      )
    }
    await core.summary.write()
  } catch (error) {
    out.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function failWith(
  error: unknown,
  inputs: ActionInputs | undefined,
  runner: RunnerContext
): Promise<void> {
  const positioned = positionedErrors(error)
  if (positioned && inputs) {
    const n = annotateConfigErrors(positioned, {
      workspace: inputs.workspace,
      inlineName: INLINE_CONFIG_NAME
    })
    const name = configDisplayName(inputs)
    await writeSummary(runner, s =>
      s.addHeading('Mirror config errors', 2).addList(positioned.map(e => describe(e, inputs)))
    )
    if (inputs.comment)
      await postComment(renderConfigErrorComment(positioned, name, runner.runUrl), inputs.githubToken)
    out.setFailed(`${n} error${n === 1 ? '' : 's'} in ${name}; see the annotations above.`)
    return
  }
  out.setFailed(error instanceof Error ? error.message : String(error))
}

function describe(e: PositionedError, inputs: ActionInputs): string {
  return `<code>${escapeHtml(configDisplayName(inputs))}</code> line ${e.line}, column ${e.col}: ${escapeHtml(bareMessage(e))}`
}
