/**
 * The action's single failure boundary: inputs → config → digest cache → credentials → sync →
 * report, summary, outputs, PR comment → cache save. Nothing else sets the step failed; everything it
 * writes to the log goes through log.ts's `out` (workflow commands in remote text are neutralised).
 */
import * as core from '@actions/core'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialStore } from '../auth/index.js'
import { DigestCache, KEY_PREFIX, stateFileFor, stateKeyPrefix } from './cache.js'
import { loadConfig, parseConfig } from '../config/index.js'
import type { MirrorConfig } from '../config/index.js'
import { StateStore } from '../sync/index.js'
import { sync } from '../sync/index.js'
import {
  InputError,
  readInputs,
  readRunnerContext,
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
import { escapeHtml } from '../report/index.js'
import { MAX_SUMMARY_BYTES, buildSummary } from '../report/index.js'
import { RegistryClient } from '../registry/index.js'
import { parseReference } from '../oci/index.js'

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
    const config = await loadActionConfig(inputs)
    dropClientCertsOnPullRequests(config, runner.eventName)
    const temp = runner.temp
    const prefix = stateKeyPrefix(
      config.images.map(i => i.target),
      inputs.shard
    )
    const digestCache = new DigestCache({
      enabled: inputs.cache,
      file: stateFileFor(temp, prefix),
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
    const uncheckedTargets = inputs.dryRun ? await targetsWithoutCredentials(config, credentials) : []
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
      dryRun: inputs.dryRun,
      shard: inputs.shard,
      checkTargets: uncheckedTargets.length === 0,
      rateLimitReserve: inputs.rateLimitReserve,
      // Each image's copy reports to its own group through the hooks this returns.
      onImageStart: e => log.imageStart(e),
      onImageDone: r => log.imageDone(r),
      concurrency: inputs.imagesAtOnce,
      engine: {
        ...(inputs.transfers ? { concurrency: inputs.transfers } : {}),
        ...(inputs.deadlines.imageTimeoutMs ? { imageTimeoutMs: inputs.deadlines.imageTimeoutMs } : {})
      }
    })
    log.total(report)

    const reportPath = join(
      temp,
      `mirror-action-report-${runner.stepId || prefix.slice(KEY_PREFIX.length).replace(/-$/, '')}.json`
    )
    await writeJsonReport(report, reportPath)
    setOutputs(outputsFor(report, reportPath, out.warning))
    for (const w of report.warnings) out.warning(w)

    if (!inputs.dryRun && state.dirty) {
      await state.save(digestCache.file)
      await digestCache.save()
    }
    const configName = configDisplayName(inputs)
    await writeSummary(runner, s =>
      buildSummary(s, report, {
        dryRun: inputs!.dryRun,
        config: configName,
        uncheckedTargets,
        shard: inputs!.shard,
        cacheNote: digestCache.note(uncheckedTargets.length === 0)
      })
    )
    if (inputs.comment) {
      const body = renderComment(report, {
        config: configName,
        uncheckedTargets,
        shard: inputs.shard,
        runUrl: runner.runUrl
      })
      await postComment(body, inputs.githubToken)
    }

    const failed = report.images.filter(r => r.status === 'failed')
    const deferred = report.images.filter(r => r.status === 'deferred')
    if (failed.length > 0) {
      annotateFailedImages(failed, {
        file: inputs.config.kind === 'file' ? inputs.config.display : undefined,
        inlineName: INLINE_CONFIG_NAME
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
  } catch (error) {
    await failWith(error, inputs, runner)
  } finally {
    await client?.close().catch(() => undefined)
  }
}

/**
 * A pull request's config is the PR author's text: it must not make the runner present a client
 * certificate from a path of its choosing to a host of its choosing. Certificates apply on pushes.
 */
function dropClientCertsOnPullRequests(config: MirrorConfig, event: string): void {
  if (!event.startsWith('pull_request')) return
  for (const [host, opts] of Object.entries(config.registries)) {
    if (opts.certFile || opts.keyFile) {
      out.warning(`${host}: cert-file/key-file are ignored on ${event} events`)
      delete opts.certFile
      delete opts.keyFile
    }
  }
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

/** Target registries (host as written) that have no credentials in this run. */
async function targetsWithoutCredentials(config: MirrorConfig, creds: CredentialStore): Promise<string[]> {
  const hosts = new Set<string>()
  for (const e of config.images) {
    const host = registryOfTarget(e.target)
    if (host) hosts.add(host)
  }
  const missing: string[] = []
  for (const h of hosts) if (!(await creds.get(h))) missing.push(h)
  return missing.sort()
}

export function registryOfTarget(target: string): string | undefined {
  if (/^(oci|dir|docker-archive|oci-archive):/.test(target)) return undefined
  try {
    return parseReference(target, { defaultTag: false }).registry
  } catch {
    return target.replace(/^docker:\/\//, '').split('/')[0]
  }
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
