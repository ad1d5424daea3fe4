/** What the registry CLI commands (inspect, tags) share: credentials, TLS flags, the client, exit codes. */
import { RegistryClient } from '../registry/index.js'
import { writeLines } from './print.js'
import { MAX_TAGS_CEILING, parseMaxTags } from '../registry/index.js'
import { credentialsFromFlags, loadCliCredentials } from './credentials.js'
import {
  COMMON_FLAGS,
  debugWriter,
  parseFlags,
  retryAttempts,
  timeoutFlags,
  UsageError,
  type FlagSpecs
} from './options.js'
import { tlsFromFlags } from './tls.js'

export { UsageError } from './options.js'

export interface RegistryCliOptions {
  /** The parsed flags: credentials, TLS and retry flags are read from them. */
  values: Readonly<Record<string, unknown>>
  registry: string
  /** `--max-tags N`: most tags read per repository. */
  maxTags?: number
  /** `--connect-timeout`, `--response-timeout`. */
  timeouts?: ReturnType<typeof timeoutFlags>
  /** `--debug`: HTTP exchanges to stderr. */
  debug?: (line: string) => void
}

/** A client for one registry with the credentials, TLS and retry flags every command takes. */
export async function cliClient(o: RegistryCliOptions): Promise<RegistryClient> {
  const warn = (m: string): void => writeLines(process.stderr, `warning: ${m}`)
  const hosts = { src: [o.registry], dst: [] }
  const creds = credentialsFromFlags(o.values, hosts.src)
  const credentials = await loadCliCredentials(
    {
      file: o.values.credentials as string | undefined,
      authfile: o.values.authfile as string | undefined,
      flags: creds.flags,
      anonymous: creds.anonymous
    },
    warn
  )
  const attempts = retryAttempts(o.values['retry-times'])
  return new RegistryClient({
    credentials,
    registries: tlsFromFlags(o.values, hosts),
    warn,
    maxTags: o.maxTags,
    retry: attempts === undefined ? undefined : { attempts },
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
export function maxTagsArg(v: unknown): number | undefined {
  if (v === undefined) return undefined
  const n = typeof v === 'string' ? parseMaxTags(v) : undefined
  if (n === undefined)
    throw new UsageError(
      `invalid --max-tags '${String(v)}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
    )
  return n
}

export interface RegistryCliArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
  timeouts: ReturnType<typeof timeoutFlags>
  debug?: (line: string) => void
}

/**
 * The flags every registry command takes (COMMON_FLAGS: credentials, TLS, retries, timeouts, `--debug`, `--help`) plus
 * the command's own boolean flags and flags with a value; bad flags are usage errors.
 */
export function parseRegistryCliArgs(
  argv: string[],
  flags: string[] = [],
  valued: string[] = [],
  extra: FlagSpecs = {}
): RegistryCliArgs {
  const specs: FlagSpecs = { ...COMMON_FLAGS, ...extra }
  for (const f of flags) specs[f] = { type: 'boolean' }
  for (const f of valued) specs[f] = { type: 'string' }
  const { values, positionals } = parseFlags(argv, specs)
  return { values, positionals, timeouts: timeoutFlags(values), debug: debugWriter(values.debug) }
}
