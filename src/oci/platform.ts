/**
 * Platform selection over an index: parse `os/arch[/variant]`, match entries, and write a new
 * index that keeps only the chosen platforms (and the attestations that describe them).
 */
import { createHash } from 'node:crypto'
import type { Descriptor, Manifest, Platform } from './types.js'

const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64' }

/** Parse `linux/amd64`, `linux/arm/v7`, `windows/amd64`; throws with the accepted form on bad input. */
export function parsePlatform(s: string): Platform {
  const parts = s.trim().split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some(p => !/^[a-z0-9._-]+$/i.test(p))) {
    throw new Error(
      `invalid platform '${s}': expected os/arch or os/arch/variant, e.g. linux/arm64 or linux/arm/v7`
    )
  }
  const [os, arch, variant] = parts.map(p => p.toLowerCase())
  const p: Platform = { os, architecture: ARCH_ALIASES[arch] ?? arch }
  if (variant) p.variant = variant
  return p
}

export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown'
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** arm64 without a variant means v8 (as containerd normalises it), so `linux/arm64/v8` finds it. */
function variantOf(p: Platform): string | undefined {
  if (p.variant) return p.variant
  return p.architecture === 'arm64' ? 'v8' : undefined
}

/**
 * Does `have` satisfy `want`? Os and architecture must be equal; a wanted variant must be equal
 * too, while no wanted variant accepts any (`linux/arm` matches v6 and v7, `linux/arm/v7` only v7).
 */
export function platformMatches(want: Platform, have: Platform | undefined): boolean {
  if (!have) return false
  if (want.os !== have.os) return false
  if (want.architecture !== (ARCH_ALIASES[have.architecture] ?? have.architecture)) return false
  return want.variant === undefined || want.variant === variantOf(have)
}

/** A buildx attestation manifest (`unknown/unknown`, `vnd.docker.reference.type: attestation-manifest`). */
export function isAttestationEntry(d: Descriptor): boolean {
  if (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true
  return d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown'
}

export interface Selection {
  /** Entries kept, in the index's original order. */
  kept: Descriptor[]
  /** Image entries kept (attestations excluded). */
  images: Descriptor[]
  /** Entries dropped, with why. */
  dropped: { desc: Descriptor; reason: 'platform' | 'attestation' }[]
}

/**
 * Choose index entries: those matching any wanted platform (all when `wanted` is 'all') plus,
 * with `keepAttestations`, attestations whose `vnd.docker.reference.digest` names a kept entry.
 * Throws, listing what the index offers, when no image entry matches.
 */
export function selectEntries(
  entries: Descriptor[],
  wanted: Platform[] | 'all',
  keepAttestations: boolean
): Selection {
  const images = entries.filter(d => !isAttestationEntry(d))
  const chosen = new Set(
    images
      .filter(d => wanted === 'all' || wanted.some(w => platformMatches(w, d.platform)))
      .map(d => d.digest)
  )
  if (chosen.size === 0 && wanted !== 'all') {
    const offered =
      [...new Set(images.map(d => formatPlatform(d.platform)))].join(', ') || 'no platform entries'
    const asked = wanted.map(formatPlatform).join(', ')
    throw new Error(`no platform matches ${asked}; the image has: ${offered}`)
  }
  const sel: Selection = { kept: [], images: [], dropped: [] }
  for (const d of entries) {
    if (isAttestationEntry(d)) {
      const target = d.annotations?.['vnd.docker.reference.digest']
      // An attestation naming no subject cannot be tied to a platform: keep it only when nothing is filtered.
      const tied = target ? chosen.has(target) : wanted === 'all'
      if (keepAttestations && tied) sel.kept.push(d)
      else sel.dropped.push({ desc: d, reason: keepAttestations ? 'platform' : 'attestation' })
    } else if (chosen.has(d.digest)) {
      sel.kept.push(d)
      sel.images.push(d)
    } else {
      sel.dropped.push({ desc: d, reason: 'platform' })
    }
  }
  return sel
}

export function sha256Digest(bytes: Buffer): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex')
}

/**
 * Write `index` again with only `kept` as its manifests. Every other field of the original object
 * is preserved as it was; the bytes (and so the digest) are new, which callers must report.
 */
export function rewriteIndex(original: Manifest, kept: Descriptor[]): Manifest {
  const obj = JSON.parse(original.bytes.toString('utf8')) as Record<string, unknown>
  const byDigest = new Map((obj.manifests as Descriptor[]).map(d => [d.digest, d]))
  // Keep each entry's original JSON (unknown fields included), not our parsed view of it.
  obj.manifests = kept.map(d => byDigest.get(d.digest) ?? d)
  const bytes = Buffer.from(JSON.stringify(obj, null, 2))
  return { bytes, mediaType: original.mediaType, digest: sha256Digest(bytes) }
}
