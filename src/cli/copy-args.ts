/** `mirror-action copy`'s flags: ours, and skopeo's with the same meaning. */
import { resolve } from 'node:path'
import { DEFAULT_PASSWORD_ENV, type SignFormat, type SignPolicy } from '../config/index.js'
import type { CopyOptions } from '../copy/index.js'
import { parsePlatform, parseReference, type Platform } from '../oci/index.js'
import type { RegistryOptions } from '../registry/index.js'
import { parseTransportRef, type TransportRef } from '../transports/index.js'
import { credentialsFromFlags, type CliCredentialFlags } from './credentials.js'
import {
  COMMON_FLAGS,
  countFlag,
  debugWriter,
  legacyConcurrency,
  parseFlags,
  positiveInt,
  retryAttempts,
  SIDED_FLAGS,
  timeoutFlags,
  imageTimeoutFlag
} from './options.js'
import { hostPlatform } from './platform.js'
import { tlsFromFlags } from './tls.js'
import { UsageError } from './usage-error.js'
import { sigstoreCacheDir } from './sigstore-cache.js'
import { policyFromFlags, verifyFlags, verifyUsage } from './verify-flags.js'
import type { SignaturePolicy } from '../config/index.js'

export const COPY_USAGE = `Usage: mirror-action copy [options] SRC DST

Copy one image, all platforms by default, keeping its digest. SRC and DST are transport
references: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR. Without a tag in DST, the source tag is used.

Options:
  --platform OS/ARCH[/VARIANT]  Keep only this platform (repeatable); writes a new index
  --all, -a                     Copy every platform (the default)
  --multi-arch all|system       skopeo's spelling: all (the default) or only this machine's
                                platform, as a plain manifest (index-only is refused)
  --single-manifest             With one platform selected, write the plain manifest, not an index
  --no-referrers                Do not copy signatures, SBOMs and attestations that refer to the image
  --drop-attestations           Drop buildx attestation entries (unknown/unknown) from the index
  --include-foreign-layers      Copy non-distributable layers with urls too (skipped by default,
                                like Docker; one without urls is always copied)
  --format oci|v2s2             Write OCI or Docker v2 schema 2 manifests (the digest changes when
                                the source has the other format). Default: as the source, except
                                docker-archive: into oci:, written as OCI with gzip layers, as skopeo
  --convert docker              Same as --format v2s2
  --preserve-digests            From docker-archive: or dir: into a registry, keep uncompressed
                                layers as they are (default: gzip them, as skopeo does; the
                                digest changes); refused with --format and --convert
  --sign-key FILE|env:VAR       Sign what was written with this cosign private key (encrypted:
                                password from COSIGN_PASSWORD) or PKCS#8 PEM; registry destinations
  --sign-format FORMAT          bundle (cosign v3, a referrer; the default), legacy (the
                                sha256-<hex>.sig tag) or both
  --digestfile FILE             Write the digest of the manifest written to FILE
Signature verification before the copy (registry sources; the verified digest is what is copied):
${verifyUsage('verify-key')}  --dry-run                     Resolve the source and say what would be copied; write nothing
  --src-creds USER:PASS         Credentials for the source registry (--dest-creds: destination;
                                --creds: both); --src-no-creds, --dest-no-creds, --no-creds: none
  --credentials FILE|-          YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE               An auth.json / config.json to read credentials from
  --src-tls-verify=false        Skip TLS verification (and allow plain HTTP) for the source
  --dest-tls-verify=false       ... for the destination (--tls-verify=false: both)
  --insecure-registry HOST      Skip TLS verification for HOST (repeatable)
  --ca-file [HOST=]FILE         Trust the CA in FILE for HOST, or for both registries (repeatable)
  --src-cert-dir DIR            skopeo's: the CA (*.crt) and client certificate (*.cert, *.key) in DIR
                                for the source (--dest-cert-dir: destination; --cert-dir: both)
  --retry-times N               Retry a failed request N times (default 4)
  --transfers N                 Blob transfers in flight (default 8)
  --concurrency N               Deprecated: the old name of --transfers
  --per-registry N              Requests in flight per registry (default 6)
  --connect-timeout DUR         Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR        Give up on a response that does not start, or stalls, for DUR (default 30s)
  --image-timeout DUR           Fail the copy if it takes longer than DUR (30m, 2h; default none); the
                                tag is not written
  --min-throughput RATE         Retry a blob download slower than RATE per second (10KiB, 1MiB; 0: off;
                                default 1KiB, not for loopback hosts) over --min-throughput-window DUR
                                (default 60s)
  --debug                       Log every HTTP exchange to stderr (method, URL, status, auth scheme,
                                credential source, retries, timings; never a secret)
  -q, --quiet                   Only the final line
  -h, --help                    Show this help
`

const FLAGS = {
  ...COMMON_FLAGS,
  ...SIDED_FLAGS,
  platform: { type: 'string', multiple: true },
  all: { type: 'boolean', short: 'a' },
  'multi-arch': { type: 'string' },
  'single-manifest': { type: 'boolean' },
  'no-referrers': { type: 'boolean' },
  'drop-attestations': { type: 'boolean' },
  'include-foreign-layers': { type: 'boolean' },
  convert: { type: 'string' },
  format: { type: 'string' },
  'preserve-digests': { type: 'boolean' },
  digestfile: { type: 'string' },
  'sign-key': { type: 'string' },
  'sign-format': { type: 'string' },
  'dry-run': { type: 'boolean' },
  transfers: { type: 'string' },
  concurrency: { type: 'string' },
  'per-registry': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  ...verifyFlags('verify-key')
} as const

export interface ParsedCopyArgs {
  src: TransportRef
  dst: TransportRef
  options: Partial<CopyOptions>
  credentialsFile?: string
  authfile?: string
  /** Credentials and `--no-creds` from the flags, per side. */
  srcCreds: CliCredentialFlags
  dstCreds: CliCredentialFlags
  registries: Record<string, RegistryOptions>
  retryAttempts?: number
  digestFile?: string
  dryRun: boolean
  quiet: boolean
  /** Deprecated flags used: one warning each on stderr. */
  deprecations: string[]
  timeouts: ReturnType<typeof timeoutFlags>
  debug?: (line: string) => void
  /** `--sign-key`: sign the destination digest after the copy. */
  sign?: SignPolicy
  /** `--verify-key`, `--certificate-identity-regexp`…: the source must be signed so. */
  verify?: SignaturePolicy
  /** `--sigstore-cache`, or the per-user default: the TUF metadata of `trusted-root: auto`. */
  sigstoreCache: string
}

function platformsOf(v: Record<string, unknown>): { platforms: Platform[] | 'all'; single: boolean } {
  const list = (v.platform as string[] | undefined) ?? []
  const multi = v['multi-arch'] as string | undefined
  const chosen = [v.all === true && '--all', list.length > 0 && '--platform', multi && '--multi-arch']
  const given = chosen.filter(Boolean)
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} exclude each other`)
  if (multi !== undefined) {
    if (multi === 'all') return { platforms: 'all', single: false }
    if (multi === 'system') return { platforms: [hostPlatform()], single: true }
    if (multi === 'index-only')
      throw new UsageError(
        "--multi-arch index-only is not supported: it writes an index whose images are missing; use 'all' or 'system'"
      )
    throw new UsageError(`--multi-arch takes all, system or index-only, got '${multi}'`)
  }
  try {
    return { platforms: list.length > 0 ? list.map(parsePlatform) : 'all', single: false }
  } catch (e) {
    throw new UsageError((e as Error).message, { cause: e })
  }
}

/** `--format oci|v2s2`, or `--convert docker` (the older spelling of v2s2). */
function formatFlag(v: Record<string, unknown>): 'oci' | 'v2s2' | undefined {
  const format = v.format as string | undefined
  if (format !== undefined && v.convert !== undefined)
    throw new UsageError('--format and --convert exclude each other (--convert docker is --format v2s2)')
  if (format === 'v2s1')
    throw new UsageError('--format v2s1: Docker schema 1 is deprecated and not written; use oci or v2s2')
  if (format !== undefined && format !== 'oci' && format !== 'v2s2')
    throw new UsageError(`--format accepts oci or v2s2, got '${format}'`)
  return (format as 'oci' | 'v2s2' | undefined) ?? (v.convert === 'docker' ? 'v2s2' : undefined)
}

const hostsOf = (r: TransportRef): string[] => (r.transport === 'docker' ? [r.ref.registry] : [])

export function parseCopyArgs(args: string[]): ParsedCopyArgs | 'help' {
  const { values: v, positionals } = parseFlags(args, FLAGS)
  if (v.help) return 'help'
  if (positionals.length !== 2)
    throw new UsageError(`expected SRC and DST, got ${positionals.length} argument(s)`)
  if (v.convert !== undefined && v.convert !== 'docker') {
    throw new UsageError(`--convert accepts only 'docker', got '${String(v.convert)}'`)
  }
  const format = formatFlag(v)
  if (format !== undefined && v['preserve-digests'])
    throw new UsageError(
      `${v.format !== undefined ? '--format' : '--convert'} changes the digest, which --preserve-digests forbids`
    )
  const { platforms, single } = platformsOf(v)
  const deprecations: string[] = []
  const transfers = legacyConcurrency(
    v.concurrency as string | undefined,
    v.transfers as string | undefined,
    '--transfers',
    deprecations
  )
  let src: TransportRef
  let dst: TransportRef
  try {
    src = parseTransportRef(positionals[0]!)
    dst = resolveDestination(positionals[1]!, src, parseTransportRef(positionals[1]!))
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message, { cause: e })
  }
  const hosts = { src: hostsOf(src), dst: hostsOf(dst) }
  const sign = signFlags(v, dst)
  const verify = policyFromFlags(v, 'verify-key')
  if (verify && src.transport !== 'docker')
    throw new UsageError('signature verification reads a registry: give a docker:// source')
  return {
    sign,
    verify,
    sigstoreCache: sigstoreCacheDir(v['sigstore-cache'] as string | undefined),
    src,
    dst,
    credentialsFile: v.credentials as string | undefined,
    authfile: v.authfile as string | undefined,
    srcCreds: credentialsFromFlags(v, hosts.src, 'src'),
    dstCreds: credentialsFromFlags(v, hosts.dst, 'dest'),
    registries: tlsFromFlags(v, hosts),
    retryAttempts: retryAttempts(v['retry-times']),
    digestFile: v.digestfile as string | undefined,
    dryRun: v['dry-run'] === true,
    quiet: v.quiet === true,
    deprecations,
    timeouts: timeoutFlags(v),
    debug: debugWriter(v.debug),
    options: {
      platforms,
      // A docker-archive holds one platform: write the chosen manifest, not an index of one.
      singleManifest: single || v['single-manifest'] === true,
      referrers: !v['no-referrers'],
      keepAttestations: !v['drop-attestations'],
      includeForeignLayers: v['include-foreign-layers'] === true,
      convertToDocker: format === 'v2s2',
      // skopeo writes a docker-archive into an oci: layout as OCI (umoci unpacks nothing else).
      convertToOci:
        format === 'oci' ||
        (format === undefined &&
          !v['preserve-digests'] &&
          src.transport === 'docker-archive' &&
          dst.transport === 'oci'),
      preserveDigests: v['preserve-digests'] === true,
      concurrency: countFlag(transfers, v.transfers === undefined ? '--concurrency' : '--transfers'),
      perRegistryConcurrency: positiveInt(v['per-registry'], 'per-registry'),
      imageTimeoutMs: imageTimeoutFlag(v)
    }
  }
}

const FORMATS: readonly SignFormat[] = ['bundle', 'legacy', 'both']

/** `--sign-key FILE|env:VAR [--sign-format F]`: the same signing the config's `signatures.sign` does. */
function signFlags(v: Record<string, unknown>, dst: TransportRef): SignPolicy | undefined {
  const key = v['sign-key'] as string | undefined
  const format = v['sign-format'] as string | undefined
  if (key === undefined) {
    if (format !== undefined) throw new UsageError('--sign-format needs --sign-key')
    return undefined
  }
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--sign-format takes ${FORMATS.join(', ')}, got '${format}'`)
  if (dst.transport !== 'docker')
    throw new UsageError('--sign-key signs in a registry: the destination must be docker://')
  if (key === '' || key === 'env:') throw new UsageError('--sign-key needs a file or env:VARIABLE')
  return {
    key: key.startsWith('env:') ? { env: key.slice(4) } : { file: resolve(key) },
    passwordEnv: DEFAULT_PASSWORD_ENV,
    format: (format as SignFormat | undefined) ?? 'bundle',
    at: '--sign-key'
  }
}

/** A tag taken over by a destination that names none: docker and oci sources have one to give. */
export function sourceTag(src: TransportRef): string | undefined {
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
