// A destination without the referrers API (registry 2.8) must still list copied referrers: the
// client keeps its `sha256-<subject hex>` tag (an OCI index) up to date, as OCI distribution 1.1 asks.
import { beforeAll, describe, expect, test } from '@jest/globals'
import type { Descriptor } from '../../src/oci/index.js'
import { CopyEngine } from '../../src/copy/index.js'
import { buildArtifact, buildImage, pushImage, type BuiltManifest } from '../harness/index.js'
import { credsOf, startFront, testClient } from './client-helpers.js'
import {
  clientFor,
  destination,
  exists,
  manifestPuts,
  OCI_INDEX,
  rawManifest,
  source,
  useRegistries
} from './copy-helpers.js'

const t = useRegistries()

const tagOf = (digest: string) => digest.replace(':', '-')
const byDigest = (a: { digest: string }, b: { digest: string }) => a.digest.localeCompare(b.digest)
const subjectOf = (m: BuiltManifest) => ({ digest: m.digest, size: m.bytes.length, mediaType: m.mediaType })

describe('referrers land in the destination fallback tag', () => {
  const image = buildImage({ seed: 'fb-img', platforms: ['linux/amd64', 'linux/arm64'] })
  // Five referrers of one subject are copied concurrently: all must end up in its index.
  const sig = buildArtifact({ seed: 'fb-sig', subject: subjectOf(image.manifest) })
  const sbom = buildArtifact({
    seed: 'fb-sbom',
    subject: subjectOf(image.manifest),
    artifactType: 'application/spdx+json'
  })
  const more = [1, 2, 3].map(i => buildArtifact({ seed: `fb-more-${i}`, subject: subjectOf(image.manifest) }))
  const ofIndex = [sig, sbom, ...more].map(a => a.manifest)
  const childAtt = buildArtifact({ seed: 'fb-child', subject: subjectOf(image.children[0]) })
  const sigOfSbom = buildArtifact({ seed: 'fb-sig-sbom', subject: subjectOf(sbom.manifest) })
  const subjects: [string, string, BuiltManifest[]][] = [
    ['the index', image.manifest.digest, ofIndex],
    ['a child', image.children[0].digest, [childAtt.manifest]],
    ['a referrer', sbom.manifest.digest, [sigOfSbom.manifest]]
  ]

  /** The entries of an OCI index, read by skopeo from `reg`. */
  async function fallbackIndex(reg: typeof t.src, repo: string, subject: string) {
    const raw = await rawManifest(reg, `${repo}:${tagOf(subject)}`)
    return { raw, json: JSON.parse(raw.toString('utf8')) as { manifests: Descriptor[] } & object }
  }

  beforeAll(async () => {
    await pushImage(t.src, 'fb/app', 'v1', image)
    // pushImage writes the source's fallback indexes with its own code (the expected entries).
    for (const a of [sig, sbom, ...more, childAtt, sigOfSbom]) await pushImage(t.src, 'fb/app', undefined, a)
    const result = await new CopyEngine().copy(
      source(t.client, t.src, 'fb/app:v1'),
      destination(t.client, t.dst, 'fb/app:v1'),
      'v1'
    )
    expect(result.referrers).toBe(7)
  })

  test.each(subjects)(
    'referrers of %s: the client finds them and skopeo reads them',
    async (_w, subject, refs) => {
      const found = await t.client.referrers(t.dst.host, 'fb/app', subject)
      expect(found.map(d => d.digest).sort()).toEqual(refs.map(r => r.digest).sort())
      const { json } = await fallbackIndex(t.dst, 'fb/app', subject)
      expect(json).toMatchObject({ schemaVersion: 2, mediaType: OCI_INDEX })
      // Same entries as the independent writer's index in the source: mediaType, digest, size, artifactType, annotations.
      const expected = (await fallbackIndex(t.src, 'fb/app', subject)).json.manifests
      expect([...json.manifests].sort(byDigest)).toEqual([...expected].sort(byDigest))
    }
  )

  test('copying again adds no duplicate and rewrites no fallback tag', async () => {
    const before = await Promise.all(subjects.map(([, s]) => fallbackIndex(t.dst, 'fb/app', s)))
    const { client, done } = await clientFor([t.src, t.dst])
    try {
      await t.dst.clearAccessLog()
      await new CopyEngine().copy(
        source(client, t.src, 'fb/app:v1'),
        destination(client, t.dst, 'fb/app:v1'),
        'v1'
      )
      expect(manifestPuts(await t.dst.accessLog()).filter(p => p.startsWith('sha256-'))).toEqual([])
    } finally {
      await done()
    }
    const after = await Promise.all(subjects.map(([, s]) => fallbackIndex(t.dst, 'fb/app', s)))
    for (let i = 0; i < subjects.length; i++) expect(after[i].raw.equals(before[i].raw)).toBe(true)
    expect(after[0].json.manifests).toHaveLength(ofIndex.length)
  })

  test('an index already in the tag keeps its entries; a new referrer is appended', async () => {
    // A referrer pushed to the destination by another tool before ours.
    const other = buildArtifact({ seed: 'fb-other', subject: subjectOf(image.manifest) })
    await pushImage(t.dst, 'fb/app', undefined, other)
    const late = buildArtifact({ seed: 'fb-late', subject: subjectOf(image.manifest) })
    await pushImage(t.src, 'fb/app', undefined, late)
    const { client, done } = await clientFor([t.src, t.dst])
    try {
      await new CopyEngine().copy(
        source(client, t.src, 'fb/app:v1'),
        destination(client, t.dst, 'fb/app:v1'),
        'v1'
      )
    } finally {
      await done()
    }
    const { json } = await fallbackIndex(t.dst, 'fb/app', image.manifest.digest)
    const digests = json.manifests.map(d => d.digest)
    expect(digests.slice(0, ofIndex.length).sort()).toEqual(ofIndex.map(m => m.digest).sort())
    expect(digests.slice(ofIndex.length)).toEqual([other.manifest.digest, late.manifest.digest])
  })
})

describe('when the fallback tag is not ours to write', () => {
  const image = buildImage({ seed: 'fb2-img' })
  const att = buildArtifact({ seed: 'fb2-att', subject: subjectOf(image.manifest) })

  beforeAll(async () => {
    await pushImage(t.src, 'fb2/app', 'v1', image)
    await pushImage(t.src, 'fb2/app', undefined, att)
  })

  test('a registry that answers OCI-Subject indexes referrers itself: no fallback tag is written', async () => {
    const front = await startFront(
      t.dst,
      () => false,
      up => {
        // What a registry with the referrers API says after storing a manifest with a subject.
        if (up.statusCode === 201 && String(up.headers.location ?? '').includes('/manifests/'))
          up.headers['oci-subject'] = image.manifest.digest
      }
    )
    const dst = { ...t.dst, host: front.host }
    const { client, done } = await testClient({ ...credsOf(t.src), ...credsOf(dst) })
    try {
      const r = await new CopyEngine().copy(
        source(client, t.src, 'fb2/app:v1'),
        destination(client, dst, 'fb2/app:v1'),
        'v1'
      )
      expect(r.referrers).toBe(1)
    } finally {
      await done()
      await front.stop()
    }
    expect(await exists(t.dst, `fb2/app@${att.manifest.digest}`)).toBe(true)
    expect(await exists(t.dst, `fb2/app:${tagOf(image.manifest.digest)}`)).toBe(false)
  })

  test('a tag that is not an OCI index is left alone, with a warning', async () => {
    const squatter = buildImage({ seed: 'fb2-squatter' })
    await pushImage(t.dst, 'fb2/squat', tagOf(image.manifest.digest), squatter)
    const { client, warnings, done } = await testClient({ ...credsOf(t.src), ...credsOf(t.dst) })
    try {
      const r = await new CopyEngine().copy(
        source(client, t.src, 'fb2/app:v1'),
        destination(client, t.dst, 'fb2/squat:v1'),
        'v1'
      )
      expect(r.referrers).toBe(1)
    } finally {
      await done()
    }
    expect(warnings).toEqual([
      `${t.dst.host}/fb2/squat:${tagOf(image.manifest.digest)} is not an OCI image index; referrer ${att.manifest.digest} not added to it`
    ])
    const raw = await rawManifest(t.dst, `fb2/squat:${tagOf(image.manifest.digest)}`)
    expect(raw.equals(squatter.manifest.bytes)).toBe(true)
  })
})
