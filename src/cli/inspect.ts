/**
 * `mirror-action inspect [--raw] docker://REF`: digest, media type, platforms (like `skopeo inspect`);
 * `--raw` prints the manifest bytes exactly as served. Exit 0, 1 (runtime error), 2 (usage).
 */
import type { Readable } from 'node:stream'
import type { Descriptor, ManifestJson } from '../oci/index.js'
import type { RegistryClient } from '../registry/index.js'
import { formatPlatform, isAttestationEntry, isIndex, MediaType } from '../oci/index.js'
import { formatRepository, parseReference, type Reference } from '../oci/index.js'
import { jsonSafe } from '../report/index.js'
import { cliClient, parseRegistryCliArgs, reportError, UsageError } from './registry-cli.js'

const USAGE = `Usage: mirror-action inspect [options] docker://REF

Show an image's digest, media type, platforms and tags as JSON (like skopeo inspect).

Options:
  --raw                 Print the manifest exactly as the registry serves it
  --config              Print the image configuration (JSON) of a single-platform image
  --no-tags             Do not list the repository's tags
  --creds USER:PASS     Credentials for the registry (--no-creds: none)
  --credentials FILE|-  YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE       An auth.json / config.json to read credentials from
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  --insecure-registry HOST  Skip TLS verification for HOST
  --retry-times N       Retry a failed request N times (default 4)
  --debug               Accepted (skopeo's flag)
  -h, --help            Show this help
`

interface InspectArgs {
  ref: Reference
  raw: boolean
  config: boolean
  tags: boolean
  values: Record<string, unknown>
}

/** `docker://REF` or a bare reference; other transports are a usage error. */
export function parseDockerArg(arg: string, command: string, defaultTag: boolean): Reference {
  const transport = /^(oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):/.exec(arg)
  if (transport)
    throw new UsageError(`${command} reads registries: give docker://REF, not a ${transport[1]}: reference`)
  try {
    return parseReference(arg, { defaultTag })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

function parse(argv: string[]): InspectArgs | 'help' {
  const { values, positionals } = parseRegistryCliArgs(argv, ['raw', 'config', 'no-tags'])
  if (values.help) return 'help'
  if (positionals.length !== 1)
    throw new UsageError(`expected one image reference, got ${positionals.length}`)
  if (values.raw && values.config) throw new UsageError('--raw and --config exclude each other')
  return {
    ref: parseDockerArg(positionals[0]!, 'inspect', true),
    raw: values.raw === true,
    config: values.config === true,
    tags: values['no-tags'] !== true,
    values
  }
}

export async function inspectCommand(argv: string[]): Promise<number> {
  let a: InspectArgs | 'help'
  try {
    a = parse(argv)
  } catch (e) {
    return reportError('inspect', e)
  }
  if (a === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  let client: RegistryClient | undefined
  try {
    client = await cliClient({ values: a.values, registry: a.ref.registry })
    const m = await client.manifestGet(a.ref)
    if (a.raw) {
      await write(m.bytes)
      return 0
    }
    const json = JSON.parse(m.bytes.toString('utf8')) as ManifestJson
    if (a.config) {
      if (!json.config)
        throw new Error(
          `${a.ref.repository}: ${m.mediaType} has no image configuration (an index: pick a platform by digest)`
        )
      await write(await readSmall(await client.blobGet(a.ref.registry, a.ref.repository, json.config)))
      return 0
    }
    const out: Record<string, unknown> = {
      Name: formatRepository(a.ref.registry, a.ref.repository),
      Digest: m.digest,
      MediaType: m.mediaType
    }
    if (a.tags) out.Tags = await client.tagList(a.ref.registry, a.ref.repository).catch(() => undefined)
    if (json.artifactType) out.ArtifactType = json.artifactType
    if (isIndex(m.mediaType)) {
      const entries = json.manifests ?? []
      out.Platforms = entries
        .filter(d => d.platform && !isAttestationEntry(d))
        .map(d => formatPlatform(d.platform))
      out.Manifests = entries.map(d => ({
        Digest: d.digest,
        MediaType: d.mediaType,
        Size: d.size,
        Platform: d.platform ? formatPlatform(d.platform) : undefined
      }))
    } else {
      Object.assign(out, await imageDetails(client, a.ref, json))
    }
    await write(Buffer.from(jsonSafe(JSON.stringify(out, null, 4)) + '\n'))
    return 0
  } catch (e) {
    return reportError('inspect', e)
  } finally {
    await client?.close()
  }
}

interface ImageConfig {
  created?: string
  os?: string
  architecture?: string
  variant?: string
  config?: { Labels?: Record<string, string> | null; Env?: string[] | null }
}

/** Fields from the image configuration (skopeo's shape); artifacts have none. */
async function imageDetails(
  client: RegistryClient,
  ref: Reference,
  json: ManifestJson
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  const layers: Descriptor[] = json.layers ?? []
  const cfgDesc = json.config
  if (
    cfgDesc &&
    (cfgDesc.mediaType === MediaType.OciConfig || cfgDesc.mediaType === MediaType.DockerConfig)
  ) {
    const cfg = JSON.parse(
      (await readSmall(await client.blobGet(ref.registry, ref.repository, cfgDesc))).toString('utf8')
    ) as ImageConfig
    if (cfg.os && cfg.architecture)
      out.Platforms = [formatPlatform({ os: cfg.os, architecture: cfg.architecture, variant: cfg.variant })]
    if (cfg.created) out.Created = cfg.created
    if (cfg.architecture) out.Architecture = cfg.architecture
    if (cfg.os) out.Os = cfg.os
    if (cfg.variant) out.Variant = cfg.variant
    out.Labels = cfg.config?.Labels ?? null
    out.Env = cfg.config?.Env ?? []
  }
  out.Layers = layers.map(l => l.digest)
  out.LayersData = layers.map(l => ({
    MIMEType: l.mediaType,
    Digest: l.digest,
    Size: l.size,
    Annotations: l.annotations ?? null
  }))
  return out
}

/** A verified blob stream read into memory, for configs only (capped). */
async function readSmall(s: Readable, limit = 4 * 1024 * 1024): Promise<Buffer> {
  const parts: Buffer[] = []
  let n = 0
  for await (const c of s) {
    n += (c as Buffer).length
    if (n > limit) {
      s.destroy()
      throw new Error(`image configuration larger than ${limit} bytes`)
    }
    parts.push(c as Buffer)
  }
  return Buffer.concat(parts)
}

function write(b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(b, e => (e ? reject(e) : resolve())))
}
