/**
 * `mirror-action copy [options] SRC DST`: one image (all platforms by default) between any two
 * transports. Exit 0 on success, 1 when the copy fails, 2 on a usage error.
 */
import type { CredentialStore } from '../auth/index.js'
import { CopyEngine, type CopyOptions } from '../copy/index.js'
import { parsePlatform } from '../oci/index.js'
import type { Platform } from '../oci/index.js'
import { RegistryClient, type RegistryOptions } from '../registry/index.js'
import { parseReference, registryKey } from '../oci/index.js'
import { openDestination, openSource, parseTransportRef, type TransportRef } from '../transports/index.js'
import { CopyReporter } from './copy-output.js'
import { writeLines } from './print.js'
import {
  countFlag,
  debugWriter,
  legacyConcurrency,
  loadCliCredentials,
  parseCliArgs,
  timeoutFlags,
  UsageError
} from './options.js'

const USAGE = `Usage: mirror-action copy [options] SRC DST

Copy one image, all platforms by default, keeping its digest. SRC and DST are transport
references: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR. Without a tag in DST, the source tag is used.

Options:
  --platform OS/ARCH[/VARIANT]  Keep only this platform (repeatable); writes a new index
  --all                         Copy every platform (the default)
  --single-manifest             With one platform selected, write the plain manifest, not an index
  --no-referrers                Do not copy signatures, SBOMs and attestations that refer to the image
  --drop-attestations           Drop buildx attestation entries (unknown/unknown) from the index
  --include-foreign-layers      Copy non-distributable layers too (skipped by default, like Docker)
  --convert docker              Rewrite OCI manifests as Docker v2 schema 2 (the digest changes)
  --preserve-digests            From docker-archive: or dir: into a registry, keep uncompressed
                                layers as they are (default: gzip them, as skopeo does; the
                                digest changes)
  --credentials FILE            YAML: registry host -> {username, password}
  --insecure-registry HOST      Skip TLS verification for HOST (repeatable)
  --ca-file HOST=FILE           Trust the CA in FILE for HOST (repeatable)
  --transfers N                 Blob transfers in flight (default 8)
  --concurrency N               Deprecated: the old name of --transfers
  --per-registry N              Requests in flight per registry (default 6)
  --connect-timeout DUR         Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR        Give up on a response that does not start, or stalls, for DUR (default 30s)
  --debug                       Log every HTTP exchange to stderr (method, URL, status, auth scheme,
                                credential source, retries, timings; never a secret)
  -q, --quiet                   Only the final line
  -h, --help                    Show this help
`

export interface ParsedCopyArgs {
  src: TransportRef
  dst: TransportRef
  options: Partial<CopyOptions>
  credentialsFile?: string
  registries: Record<string, RegistryOptions>
  quiet: boolean
  /** Deprecated flags used: one warning each on stderr. */
  deprecations: string[]
  timeouts: ReturnType<typeof timeoutFlags>
  debug?: (line: string) => void
}

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined
  if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`${flag} needs a positive integer, got '${v}'`)
  return Number(v)
}

export function parseCopyArgs(args: string[]): ParsedCopyArgs | 'help' {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      platform: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      'single-manifest': { type: 'boolean' },
      'no-referrers': { type: 'boolean' },
      'drop-attestations': { type: 'boolean' },
      'include-foreign-layers': { type: 'boolean' },
      convert: { type: 'string' },
      'preserve-digests': { type: 'boolean' },
      credentials: { type: 'string' },
      'insecure-registry': { type: 'string', multiple: true },
      'ca-file': { type: 'string', multiple: true },
      transfers: { type: 'string' },
      concurrency: { type: 'string' },
      'per-registry': { type: 'string' },
      'connect-timeout': { type: 'string' },
      'response-timeout': { type: 'string' },
      debug: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help) return 'help'
  if (positionals.length !== 2)
    throw new UsageError(`expected SRC and DST, got ${positionals.length} argument(s)`)
  if (values.all && values.platform?.length) throw new UsageError('--all and --platform exclude each other')
  if (values.convert !== undefined && values.convert !== 'docker') {
    throw new UsageError(`--convert accepts only 'docker', got '${values.convert}'`)
  }
  let platforms: Platform[] | 'all' = 'all'
  try {
    if (values.platform?.length) platforms = values.platform.map(parsePlatform)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const registries: Record<string, RegistryOptions> = {}
  for (const host of values['insecure-registry'] ?? []) registries[registryKey(host)] = { insecure: true }
  for (const pair of values['ca-file'] ?? []) {
    const eq = pair.indexOf('=')
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--ca-file wants HOST=FILE, got '${pair}'`)
    const host = registryKey(pair.slice(0, eq))
    registries[host] = { ...registries[host], caFile: pair.slice(eq + 1) }
  }
  const deprecations: string[] = []
  const transfers = legacyConcurrency(values.concurrency, values.transfers, '--transfers', deprecations)
  let src: TransportRef
  let dst: TransportRef
  try {
    src = parseTransportRef(positionals[0])
    dst = resolveDestination(positionals[1], src, parseTransportRef(positionals[1]))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  return {
    src,
    dst,
    credentialsFile: values.credentials,
    registries,
    quiet: values.quiet ?? false,
    deprecations,
    timeouts: timeoutFlags(values),
    debug: debugWriter(values.debug),
    options: {
      platforms,
      // A docker-archive holds one platform: write the chosen manifest, not an index of one.
      singleManifest: values['single-manifest'] ?? false,
      referrers: !values['no-referrers'],
      keepAttestations: !values['drop-attestations'],
      includeForeignLayers: values['include-foreign-layers'] ?? false,
      convertToDocker: values.convert === 'docker',
      preserveDigests: values['preserve-digests'] ?? false,
      concurrency: countFlag(transfers, values.transfers === undefined ? '--concurrency' : '--transfers'),
      perRegistryConcurrency: positiveInt(values['per-registry'], '--per-registry')
    }
  }
}

/** A tag taken over by a destination that names none: docker and oci sources have one to give. */
function sourceTag(src: TransportRef): string | undefined {
  if (src.transport === 'docker') return src.ref.tag
  if (src.transport === 'oci') return src.ref
  return undefined
}

/**
 * The destination as the user meant it: a registry reference without tag takes the source's tag
 * (`latest` only when the source has none), and a digest is refused — the digest is the source's.
 */
export function resolveDestination(raw: string, src: TransportRef, dst: TransportRef): TransportRef {
  if (dst.transport !== 'docker') return dst
  if (dst.ref.digest) throw new UsageError(`${raw}: a destination cannot name a digest; give a tag or none`)
  const written = parseReference(raw, { defaultTag: false })
  if (written.tag !== undefined) return dst
  return { ...dst, ref: { ...dst.ref, tag: sourceTag(src) ?? 'latest' } }
}

/** The tag to write, or undefined to write by digest only (`dir:` holds one image, untagged). */
export function destinationTag(src: TransportRef, dst: TransportRef): string | undefined {
  switch (dst.transport) {
    case 'docker':
      return dst.ref.tag
    case 'oci':
    case 'docker-archive':
      return dst.ref ?? sourceTag(src)
    default:
      return undefined
  }
}

export async function copyCommand(args: string[]): Promise<number> {
  let parsed: ParsedCopyArgs | 'help'
  let credentials: CredentialStore
  try {
    parsed = parseCopyArgs(args)
    if (parsed === 'help') {
      process.stdout.write(USAGE)
      return 0
    }
    for (const d of parsed.deprecations) writeLines(process.stderr, `warning: ${d}`)
    credentials = await loadCliCredentials(parsed.credentialsFile)
  } catch (e) {
    writeLines(process.stderr, `mirror-action copy: ${(e as Error).message}`)
    if (e instanceof UsageError) {
      process.stderr.write(`Run 'mirror-action copy --help' for usage.\n`)
    }
    return 2
  }
  const { src: srcRef, dst: dstRef, options } = parsed
  const reporter = new CopyReporter(process.stderr, { quiet: parsed.quiet })
  const client = new RegistryClient({
    credentials,
    registries: parsed.registries,
    timeouts: parsed.timeouts,
    debug: parsed.debug,
    warn: m => writeLines(process.stderr, `warning: ${m}`)
  })
  const engine = new CopyEngine({ ...options, retry: client.retryPolicy })
  const platform = options.platforms === 'all' ? undefined : options.platforms
  try {
    const src = await openSource(srcRef, { client, platform })
    try {
      const dst = await openDestination(dstRef, { client })
      try {
        const result = await engine.copy(src, dst, destinationTag(srcRef, dstRef), reporter.hooks())
        reporter.finish()
        writeLines(process.stdout, ...reporter.summary(src.name, dst.name, result).trimEnd().split('\n'))
        return 0
      } finally {
        await dst.close()
      }
    } finally {
      await src.close()
    }
  } catch (e) {
    reporter.finish()
    // CopyError messages already start with the side and the ref ('source docker://…: …').
    writeLines(process.stderr, `mirror-action copy: failed: ${(e as Error).message}`)
    return 1
  } finally {
    await client.close()
  }
}
