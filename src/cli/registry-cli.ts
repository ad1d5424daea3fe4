/** What the registry CLI commands (inspect, tags) share: credentials, TLS flags, the client, exit codes. */
import { RegistryClient, type RegistryOptions } from '../registry/index.js'
import { registryKey } from '../oci/index.js'
import { writeLines } from './print.js'
import { MAX_TAGS_CEILING, parseMaxTags } from '../registry/index.js'

import { debugWriter, loadCliCredentials, parseCliArgs, timeoutFlags, UsageError } from './options.js'

export { UsageError } from './options.js'

export interface RegistryCliOptions {
  credentialsFile?: string
  /** `--tls-verify=false`: skip verification (and allow plain HTTP) for `registry`. */
  tlsVerify: boolean
  caFile?: string
  registry: string
  /** `--max-tags N`: most tags read per repository. */
  maxTags?: number
  /** `--connect-timeout`, `--response-timeout`. */
  timeouts?: ReturnType<typeof timeoutFlags>
  /** `--debug`: HTTP exchanges to stderr. */
  debug?: (line: string) => void
}

/** `--tls-verify`, `--tls-verify=true|false` (skopeo's spelling): parseArgs has no optional values. */
function splitTlsVerify(args: string[]): { args: string[]; tlsVerify: boolean } {
  let tlsVerify = true
  const rest: string[] = []
  for (const a of args) {
    const m = /^--tls-verify(?:=(.*))?$/.exec(a)
    if (!m) {
      rest.push(a)
      continue
    }
    const v = (m[1] ?? 'true').toLowerCase()
    if (v !== 'true' && v !== 'false') throw new UsageError(`--tls-verify takes true or false, got '${m[1]}'`)
    tlsVerify = v === 'true'
  }
  return { args: rest, tlsVerify }
}

/** A client with credentials from --credentials FILE, then Docker's config.json, then GITHUB_TOKEN for ghcr.io. */
export async function cliClient(o: RegistryCliOptions): Promise<RegistryClient> {
  const warn = (m: string): void => writeLines(process.stderr, `warning: ${m}`)
  const credentials = await loadCliCredentials(o.credentialsFile, warn)
  const opts: RegistryOptions = {}
  if (!o.tlsVerify) opts.insecure = true
  if (o.caFile) opts.caFile = o.caFile
  return new RegistryClient({
    credentials,
    registries: { [registryKey(o.registry)]: opts },
    warn,
    maxTags: o.maxTags,
    timeouts: o.timeouts,
    debug: o.debug
  })
}

/** Exit 2 for usage errors, 1 for everything else, with one line on stderr. */
export function reportError(command: string, e: unknown): number {
  const msg = e instanceof Error ? e.message : String(e)
  writeLines(process.stderr, `mirror-action ${command}: ${msg}`)
  return e instanceof UsageError ? 2 : 1
}

/** `--max-tags N`, checked as the config checks `max-tags`. */
export function maxTagsArg(v: string | boolean | undefined): number | undefined {
  if (v === undefined) return undefined
  const n = typeof v === 'string' ? parseMaxTags(v) : undefined
  if (n === undefined)
    throw new UsageError(
      `invalid --max-tags '${String(v)}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
    )
  return n
}

export interface RegistryCliArgs {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
  tlsVerify: boolean
  timeouts: ReturnType<typeof timeoutFlags>
  debug?: (line: string) => void
}

/**
 * The options every registry command takes (`--credentials`, `--ca-file`, `--tls-verify[=…]`,
 * `--help`) plus the command's own boolean flags and options with a value; parseArgs' errors
 * become usage errors.
 */
export function parseRegistryCliArgs(
  argv: string[],
  flags: string[] = [],
  valued: string[] = []
): RegistryCliArgs {
  const { args, tlsVerify } = splitTlsVerify(argv)
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    credentials: { type: 'string' },
    'ca-file': { type: 'string' },
    'connect-timeout': { type: 'string' },
    'response-timeout': { type: 'string' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  }
  for (const f of flags) options[f] = { type: 'boolean' }
  for (const f of valued) options[f] = { type: 'string' }
  const { values, positionals } = parseCliArgs({ args, allowPositionals: true, strict: true, options })
  return { values, positionals, tlsVerify, timeouts: timeoutFlags(values), debug: debugWriter(values.debug) }
}
