/**
 * What `inspect` shows of one image (skopeo's fields), and which image of an index it shows: this
 * machine's platform, or the one `--override-os/-arch/-variant` names, as skopeo does.
 */
import type { Readable } from 'node:stream'
import type { Descriptor, ImageSource, ManifestJson, Platform } from '../oci/index.js'
import { formatPlatform, isAttestationEntry, MediaType, platformMatches } from '../oci/index.js'
import { hostPlatform } from './platform.js'
import { UsageError } from './usage-error.js'

/** `--override-os/-arch/-variant` over this machine's platform. */
export function overridePlatform(v: Readonly<Record<string, unknown>>): {
  platform: Platform
  explicit: boolean
} {
  const host = hostPlatform()
  const os = v['override-os'] as string | undefined
  const arch = v['override-arch'] as string | undefined
  const variant = v['override-variant'] as string | undefined
  for (const [flag, val] of [
    ['os', os],
    ['arch', arch],
    ['variant', variant]
  ] as const)
    if (val !== undefined && !/^[a-z0-9._-]{1,64}$/i.test(val))
      throw new UsageError(`--override-${flag} takes a name like linux, amd64 or v8, got '${val}'`)
  if (os === undefined && arch === undefined && variant === undefined)
    return { platform: host, explicit: false }
  const platform: Platform = { os: os ?? host.os, architecture: arch ?? host.architecture }
  // A variant belongs to the host's architecture: another architecture gets only the one asked for.
  const v2 = variant ?? (arch === undefined ? host.variant : undefined)
  if (v2) platform.variant = v2
  return { platform, explicit: true }
}

/**
 * The image of an index for the chosen platform: undefined when the index has none for this
 * machine (an artifact index, another platform's image); an error when the user named a platform.
 */
export async function platformImage(
  src: ImageSource,
  a: { what: string; platform: Platform; explicit: boolean },
  index: ManifestJson
): Promise<ManifestJson | undefined> {
  const entry = (index.manifests ?? []).find(
    d => !isAttestationEntry(d) && d.platform && platformMatches(a.platform, d.platform)
  )
  if (!entry) {
    if (a.explicit) throw new Error(`${a.what}: the index has no image for ${formatPlatform(a.platform)}`)
    return undefined
  }
  const m = await src.getManifest(entry.digest)
  return JSON.parse(m.bytes.toString('utf8')) as ManifestJson
}

interface ImageConfig {
  created?: string
  os?: string
  architecture?: string
  variant?: string
  config?: { Labels?: Record<string, string> | null; Env?: string[] | null }
}

/** Fields from the image configuration (skopeo's shape); artifacts have none. */
export async function imageDetails(src: ImageSource, json: ManifestJson): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  const layers: Descriptor[] = json.layers ?? []
  const cfgDesc = json.config
  if (
    cfgDesc &&
    (cfgDesc.mediaType === MediaType.OciConfig || cfgDesc.mediaType === MediaType.DockerConfig)
  ) {
    const cfg = JSON.parse((await readSmall(await src.getBlob(cfgDesc))).toString('utf8')) as ImageConfig
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
export async function readSmall(s: Readable, limit = 4 * 1024 * 1024): Promise<Buffer> {
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
