import { describe, expect, test } from '@jest/globals'
import {
  formatPlatform,
  isAttestationEntry,
  parsePlatform,
  platformMatches,
  rewriteIndex,
  selectEntries,
  sha256Digest
} from '../../src/oci/index.js'
import type { Descriptor, Manifest } from '../../src/oci/index.js'
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
    ['linux/aarch64', { os: 'linux', architecture: 'arm64' }],
    ['windows/amd64', { os: 'windows', architecture: 'amd64' }]
  ])('%s', (s, want) => {
    expect(parsePlatform(s)).toEqual(want)
  })

  test.each(['linux', 'linux/', '/amd64', 'linux/arm/v7/x', 'linux/am d64', ''])('refuses %j', s => {
    expect(() => parsePlatform(s)).toThrow(/expected os\/arch/)
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

  test('an entry without platform never matches', () => {
    expect(platformMatches(parsePlatform('linux/amd64'), undefined)).toBe(false)
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
