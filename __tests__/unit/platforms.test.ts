import { describe, expect, test } from '@jest/globals'
import {
  formatPlatform,
  isAttestationEntry,
  normalizePlatform,
  parsePlatform,
  platformMatches,
  rewriteIndex,
  selectEntries,
  sha256Digest
} from '../../src/oci/index.js'
import type { Descriptor, Manifest, Platform } from '../../src/oci/index.js'
import { MediaType } from '../../src/oci/index.js'

const d = (n: number, platform?: string, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: MediaType.OciManifest,
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100 + n,
  ...(platform ? { platform: parsePlatform(platform) } : {}),
  ...extra
})

const att = (n: number, of: Descriptor): Descriptor => ({
  mediaType: MediaType.OciManifest,
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 50,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: {
    'vnd.docker.reference.digest': of.digest,
    'vnd.docker.reference.type': 'attestation-manifest'
  }
})

describe('parsePlatform', () => {
  test.each([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['Linux/x86_64', { os: 'linux', architecture: 'amd64' }],
    ['linux/x86_64', { os: 'linux', architecture: 'amd64' }],
    ['Linux/AMD64', { os: 'linux', architecture: 'amd64' }],
    ['linux/x86-64/v3', { os: 'linux', architecture: 'amd64', variant: 'v3' }],
    ['linux/x64', { os: 'linux', architecture: 'amd64' }],
    ['linux/aarch64', { os: 'linux', architecture: 'arm64' }],
    ['LINUX/ARM64/V8', { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    ['linux/armhf', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/armhf/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/armv7l', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/armel', { os: 'linux', architecture: 'arm', variant: 'v6' }],
    ['linux/armv6l', { os: 'linux', architecture: 'arm', variant: 'v6' }],
    ['linux/i386', { os: 'linux', architecture: '386' }],
    ['linux/i686', { os: 'linux', architecture: '386' }],
    ['linux/ppc64el', { os: 'linux', architecture: 'ppc64le' }],
    ['macos/arm64', { os: 'darwin', architecture: 'arm64' }],
    [' linux/s390x ', { os: 'linux', architecture: 's390x' }],
    ['linux/constructor', { os: 'linux', architecture: 'constructor' }],
    ['toString/__proto__', { os: 'tostring', architecture: '__proto__' }],
    ['windows/amd64', { os: 'windows', architecture: 'amd64' }]
  ])('%j', (s, want) => {
    expect(parsePlatform(s)).toEqual(want)
  })

  test.each([
    ['linux', /expected os\/arch or os\/arch\/variant, e\.g\./],
    ['linux/', /expected os\/arch/],
    ['/amd64', /expected os\/arch/],
    ['linux/arm/v7/x', /expected os\/arch/],
    ['linux/am d64', /expected os\/arch/],
    ['', /expected os\/arch/],
    ['amd64', /did you mean "linux\/amd64"\?/],
    ['x86_64', /did you mean "linux\/amd64"\?/],
    ['armhf', /did you mean "linux\/arm\/v7"\?/],
    ['linux/x86', /"x86" names more than one architecture \(did you mean "linux\/386" or "linux\/amd64"\?\)/],
    ['linux/armv8', /did you mean "linux\/arm64" or "linux\/arm\/v8"\?/],
    ['linux/armhf/v6', /"armhf" is arm\/v7, not variant v6 \(did you mean "linux\/arm\/v6"\?\)/]
  ])('refuses %j', (s, message) => {
    expect(() => parsePlatform(s)).toThrow(message)
  })

  test.each(['linux/amd64', 'linux/arm/v7', 'windows/arm64/v8'])('round-trips %s', s => {
    expect(formatPlatform(parsePlatform(s))).toBe(s)
  })
})

describe('platformMatches', () => {
  test.each([
    ['linux/amd64', 'linux/amd64', true],
    ['linux/amd64', 'linux/arm64', false],
    ['linux/amd64', 'windows/amd64', false],
    ['linux/arm', 'linux/arm/v7', true],
    ['linux/arm', 'linux/arm/v6', true],
    ['linux/arm/v7', 'linux/arm/v7', true],
    ['linux/arm/v7', 'linux/arm/v6', false],
    ['linux/arm/v7', 'linux/arm', false],
    ['linux/arm64', 'linux/arm64/v8', true],
    ['linux/arm64/v8', 'linux/arm64', true], // arm64 without variant is v8
    ['linux/arm64/v9', 'linux/arm64', false],
    ['linux/amd64', 'linux/amd64/v3', true]
  ])('want %s, have %s → %s', (want, have, ok) => {
    expect(platformMatches(parsePlatform(want), parsePlatform(have))).toBe(ok)
  })

  // What indexes and image configs say is read leniently: raw objects, not parsed strings.
  test.each([
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64' }, true],
    ['linux/arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' }, true],
    ['linux/amd64/v1', { os: 'linux', architecture: 'amd64' }, true],
    ['linux/amd64/v2', { os: 'linux', architecture: 'amd64' }, false],
    ['linux/amd64', { os: 'Linux', architecture: 'x86_64' }, true],
    ['linux/arm/v7', { os: 'linux', architecture: 'armhf' }, true],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm' }, false],
    ['linux/amd64', { os: 'unknown', architecture: 'amd64' }, false]
  ] as [string, Platform, boolean][])('want %s, have %j → %s', (want, have, ok) => {
    expect(platformMatches(parsePlatform(want), have)).toBe(ok)
  })

  test('an entry without platform never matches', () => {
    expect(platformMatches(parsePlatform('linux/amd64'), undefined)).toBe(false)
  })
})

describe('normalizePlatform (lenient: remote data)', () => {
  test.each([
    [
      { os: 'Linux', architecture: 'AMD64' },
      { os: 'linux', architecture: 'amd64' }
    ],
    [
      { os: 'linux', architecture: 'armhf' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ],
    [
      { os: 'linux', architecture: 'x86' },
      { os: 'linux', architecture: 'x86' }
    ],
    [
      { os: '', architecture: 'weird arch' },
      { os: '', architecture: 'weird arch' }
    ],
    [
      { os: 5, architecture: null, variant: {} },
      { os: '', architecture: '' }
    ],
    [
      { os: 'constructor', architecture: '__proto__' },
      { os: 'constructor', architecture: '__proto__' }
    ]
  ] as unknown as [Platform, Platform][])('%j → %j, never throws', (have, want) => {
    expect(normalizePlatform(have)).toEqual(want)
  })
})

describe('formatPlatform', () => {
  test.each([
    [undefined, 'unknown'],
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    [{ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.1' }, 'windows/amd64']
  ] as [Platform | undefined, string][])('%j → %s', (p, text) => {
    expect(formatPlatform(p)).toBe(text)
  })
})

describe('isAttestationEntry', () => {
  const ref = { 'vnd.docker.reference.type': 'attestation-manifest' }
  test.each([
    ['the buildx annotation', d(1, undefined, { annotations: ref }), true],
    ['the annotation on any platform', d(1, 'linux/amd64', { annotations: ref }), true],
    [
      'unknown/unknown without annotation',
      d(1, undefined, { platform: { os: 'unknown', architecture: 'unknown' } }),
      true
    ],
    [
      'unknown os, known arch',
      d(1, undefined, { platform: { os: 'unknown', architecture: 'amd64' } }),
      false
    ],
    ['a linux image', d(1, 'linux/amd64'), false],
    ['no platform, no annotation', d(1), false]
  ])('%s → %s', (_name, desc, yes) => {
    expect(isAttestationEntry(desc)).toBe(yes)
  })

  test('an unknown-os entry is kept as an image when attestations are dropped', () => {
    const odd = d(7, undefined, { platform: { os: 'unknown', architecture: 'amd64' } })
    const amd = d(1, 'linux/amd64')
    const sel = selectEntries([amd, odd, att(5, amd)], 'all', false)
    expect(sel.kept).toEqual([amd, odd])
  })
})

describe('selectEntries', () => {
  const amd = d(1, 'linux/amd64')
  const arm64 = d(2, 'linux/arm64/v8')
  const arm7 = d(3, 'linux/arm/v7')
  const arm6 = d(4, 'linux/arm/v6')
  const attAmd = att(5, amd)
  const attArm64 = att(6, arm64)
  const entries = [amd, arm64, arm7, arm6, attAmd, attArm64]

  test.each([
    ['all', true, [amd, arm64, arm7, arm6, attAmd, attArm64]],
    ['all', false, [amd, arm64, arm7, arm6]],
    [['linux/amd64'], true, [amd, attAmd]],
    [['linux/amd64'], false, [amd]],
    [['linux/arm'], true, [arm7, arm6]],
    [['linux/arm/v7'], true, [arm7]],
    [['linux/arm64', 'linux/amd64'], true, [amd, arm64, attAmd, attArm64]]
  ] as [string[] | 'all', boolean, Descriptor[]][])('%j keepAttestations=%s', (wanted, keep, kept) => {
    const sel = selectEntries(entries, wanted === 'all' ? 'all' : wanted.map(parsePlatform), keep)
    expect(sel.kept).toEqual(kept)
    expect(sel.kept.length + sel.dropped.length).toBe(entries.length)
    expect(sel.images).toEqual(kept.filter(e => !isAttestationEntry(e)))
  })

  test('no match lists the platforms on offer', () => {
    expect(() => selectEntries(entries, [parsePlatform('linux/s390x')], true)).toThrow(
      'no platform matches linux/s390x; the image has: linux/amd64, linux/arm64/v8, linux/arm/v7, linux/arm/v6'
    )
  })

  test('dropped attestations say why', () => {
    const sel = selectEntries(entries, 'all', false)
    expect(sel.dropped.map(x => [x.desc.digest, x.reason])).toEqual([
      [attAmd.digest, 'attestation'],
      [attArm64.digest, 'attestation']
    ])
  })
})

describe('rewriteIndex', () => {
  test('keeps every other field and each entry as written, and computes the new digest', () => {
    const amd = { ...d(1, 'linux/amd64'), annotations: { x: 'y' }, 'com.example.unknown': 1 }
    const arm = d(2, 'linux/arm64')
    const obj = {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [amd, arm],
      annotations: { a: 'b' }
    }
    const bytes = Buffer.from(JSON.stringify(obj))
    const original: Manifest = { bytes, mediaType: MediaType.OciIndex, digest: sha256Digest(bytes) }
    const out = rewriteIndex(original, [arm])
    const json = JSON.parse(out.bytes.toString())
    expect(json).toEqual({ ...obj, manifests: [arm] })
    expect(out.digest).toBe(sha256Digest(out.bytes))
    expect(out.digest).not.toBe(original.digest)
    expect(out.mediaType).toBe(MediaType.OciIndex)
    // The unknown field of a kept entry survives (the entry is taken from the original JSON).
    expect(JSON.parse(rewriteIndex(original, [amd as Descriptor]).bytes.toString()).manifests[0]).toEqual(amd)
  })
})
