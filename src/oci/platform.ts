/**
 * Platforms in one place: parsing what a user writes (`--platform`, `platforms:`, `--platform=` in an
 * image list), normalising what an index or image config says, matching the two, formatting, and
 * telling attestations from images. Then selecting index entries by platform and rewriting the index.
 */
import { createHash } from 'node:crypto'
import type { Descriptor, Manifest, Platform } from './types.js'

type Arch = { architecture: string; variant?: string }

/**
 * Spellings people bring from `uname -m`, distro package names and toolchains, mapped to the OCI
 * name (containerd normalises the same way). Only spellings with one meaning are listed.
 */
const ARCH_ALIASES = new Map<string, Arch>(
  Object.entries({
    x86_64: { architecture: 'amd64' },
    'x86-64': { architecture: 'amd64' },
    x64: { architecture: 'amd64' },
    aarch64: { architecture: 'arm64' },
    armhf: { architecture: 'arm', variant: 'v7' },
    armv7: { architecture: 'arm', variant: 'v7' },
    armv7l: { architecture: 'arm', variant: 'v7' },
    armel: { architecture: 'arm', variant: 'v6' },
    armv6: { architecture: 'arm', variant: 'v6' },
    armv6l: { architecture: 'arm', variant: 'v6' },
    i386: { architecture: '386' },
    i686: { architecture: '386' },
    ppc64el: { architecture: 'ppc64le' }
  })
)
// Maps, not object literals: `constructor` or `__proto__` as an architecture must find nothing.
const OS_ALIASES = new Map([['macos', 'darwin']])
/** Spellings used for two different platforms: guessing would copy the wrong image. */
const AMBIGUOUS = new Map([
  ['x86', ['386', 'amd64']],
  ['armv8', ['arm64', 'arm/v8']]
])
/** The variant an entry without one has (containerd's reading): arm64 is v8, amd64 is v1. */
const DEFAULT_VARIANT = new Map([
  ['arm64', 'v8'],
  ['amd64', 'v1']
])

/** Architectures registries carry (Go's GOARCH names), to tell `amd64` alone from an unknown word. */
const KNOWN_ARCHES = new Set(
  '386 amd64 arm arm64 loong64 mips mips64 mips64le mipsle ppc64 ppc64le riscv64 s390x wasm'.split(' ')
)
const PART = /^[a-z0-9._-]+$/

/**
 * Lenient mode, for platforms read from indexes and image configs: never throws; lower case and
 * the alias table applied, so an entry written as `Linux/x86_64` still matches `linux/amd64`.
 */
export function normalizePlatform(p: Platform): Platform {
  // Remote JSON is not typed: a number or null where a string belongs must not throw here.
  const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : '')
  const os = lower(p.os)
  const arch = lower(p.architecture)
  const alias = ARCH_ALIASES.get(arch)
  const out: Platform = { os: OS_ALIASES.get(os) ?? os, architecture: alias?.architecture ?? arch }
  const variant = lower(p.variant) || alias?.variant
  if (variant) out.variant = variant
  return out
}

/**
 * Strict mode, for every platform a user writes (CLI, config, image list: one answer for one
 * string). Case and unambiguous aliases are normalised (`Linux/x86_64` is linux/amd64); anything
 * else that is not `os/arch[/variant]` throws, naming the canonical spelling when one is likely.
 */
export function parsePlatform(s: string): Platform {
  const text = s.trim()
  const parts = text.toLowerCase().split('/')
  const bad = (why: string): Error => new Error(`invalid platform "${s}": ${why}`)
  const form = 'expected os/arch or os/arch/variant'
  const alone = parts.length === 1 ? (ARCH_ALIASES.get(parts[0]) ?? { architecture: parts[0] }) : undefined
  // containerd would take the host's os here; a mirror's host says nothing about the image wanted.
  if (alone && KNOWN_ARCHES.has(alone.architecture)) {
    throw bad(`${form} (did you mean "linux/${formatArch(alone)}"?)`)
  }
  if (parts.length < 2 || parts.length > 3 || parts.some(p => !PART.test(p))) {
    throw bad(`${form}, e.g. linux/arm64 or linux/arm/v7`)
  }
  const [os, arch, variant] = parts
  const readings = AMBIGUOUS.get(arch)
  if (readings) {
    const guesses = readings.map(r => `"${os}/${r}"`).join(' or ')
    throw bad(`"${arch}" names more than one architecture (did you mean ${guesses}?)`)
  }
  const alias = ARCH_ALIASES.get(arch)
  if (alias?.variant && variant && variant !== alias.variant) {
    const fix = `${os}/${alias.architecture}/${variant}`
    throw bad(`"${arch}" is ${formatArch(alias)}, not variant ${variant} (did you mean "${fix}"?)`)
  }
  return normalizePlatform({ os, architecture: arch, ...(variant ? { variant } : {}) })
}

function formatArch(a: Arch): string {
  return a.variant ? `${a.architecture}/${a.variant}` : a.architecture
}

/** `os/arch[/variant]`, the one spelling used in logs, errors, reports and state fingerprints. */
export function formatPlatform(p: Platform | undefined): string {
  if (!p) return 'unknown'
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

function variantOf(p: Platform): string | undefined {
  return p.variant ?? DEFAULT_VARIANT.get(p.architecture)
}

/**
 * Does `have` satisfy `want`? Os and architecture must be equal; a wanted variant must be equal
 * too, while no wanted variant accepts any (`linux/arm` matches v6 and v7, `linux/arm/v7` only v7).
 * An entry without a variant has its architecture's default one: `linux/arm64/v8` finds `{linux, arm64}`.
 */
export function platformMatches(want: Platform, have: Platform | undefined): boolean {
  if (!have) return false
  const w = normalizePlatform(want)
  const h = normalizePlatform(have)
  if (w.os !== h.os || w.architecture !== h.architecture) return false
  return w.variant === undefined || w.variant === variantOf(h)
}

/**
 * A buildx attestation manifest: the `vnd.docker.reference.type: attestation-manifest` annotation,
 * or `unknown/unknown` (what buildx writes, kept by tools that strip annotations). An entry with
 * only its os unknown is not one: we cannot tell what it is, so it is not dropped as an attestation.
 */
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
