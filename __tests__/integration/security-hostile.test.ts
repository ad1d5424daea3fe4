/**
 * Hostile or broken source registries, seen through a whole sync: tampered storage in a real
 * registry (a blob or a manifest whose bytes no longer match their digest), resource-exhaustion
 * shapes a real registry stores happily (deep index nesting, a thousand layers or entries), and
 * what only a lying server does (Content-Length lies, endless Link pagination, redirect loops,
 * other bytes served under a digest, a manifest over 4 MiB), from a hostile front on loopback.
 * Each is refused with a clear error in the report, and its target tag is never written.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { exitCodeFor, sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  pushImage,
  startRegistry,
  regRequest,
  makeTempDir,
  type BuiltImage,
  type StartedRegistry
} from '../harness/index.js'
import { checkTag, sha256, startHostileFront } from './reliability-helpers.js'

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

function blobFile(reg: StartedRegistry, digest: string): string {
  const hex = digest.slice('sha256:'.length)
  return join(reg.storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data')
}

/** Same size, one byte different: only a digest check can tell. */
function flipByte(file: string, at?: number): void {
  const b = readFileSync(file)
  const i = at ?? Math.floor(b.length / 2)
  b[i] = b[i] === 0x30 ? 0x31 : 0x30
  writeFileSync(file, b)
}

async function putManifest(reg: StartedRegistry, repo: string, ref: string, json: object): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(json))
  const res = await regRequest(reg, {
    method: 'PUT',
    path: `/v2/${repo}/manifests/${ref}`,
    repo,
    headers: { 'content-type': (json as { mediaType: string }).mediaType },
    body: bytes
  })
  const text = await res.body.text()
  if (res.statusCode !== 201) throw new Error(`PUT ${repo}:${ref}: ${res.statusCode} ${text}`)
  return sha256(bytes)
}

const desc = (m: { mediaType: string; digest: string; bytes: Buffer }) => ({
  mediaType: m.mediaType,
  digest: m.digest,
  size: m.bytes.length
})

/** Each source repository below must fail its sync entry, and its target must stay untagged. */
const REPOS = [
  'tamper/blob',
  'tamper/manifest',
  'tamper/child',
  'limits/deep',
  'limits/layers',
  'limits/entries',
  'lie/long',
  'lie/short',
  'lie/links',
  'lie/redirect',
  'lie/swap',
  'lie/huge'
]
/** Repository → [source tag ('' for a tag filter), the error expected], filled as the cases are built. */
const CASES: Record<string, [string, RegExp]> = {}
/** Repositories the hostile front lied about, as it did. */
const lied = new Set<string>()

describe('a sync refuses what hostile or broken registries serve', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let front: { host: string; stop(): Promise<void> }
  let report: SyncReport
  const images: Record<string, BuiltImage> = {}
  const dir = makeTempDir('security-hostile')

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    const img = (name: string, opts: Parameters<typeof buildImage>[0]) => (images[name] = buildImage(opts))

    // The control: a healthy image through the same front must copy.
    await pushImage(
      src,
      'ok/fine',
      'v1',
      img('fine', { seed: 'hostile-fine', platforms: ['linux/amd64', 'linux/arm64'] })
    )

    // Tampered storage in the real registry.
    const tb = img('tblob', { seed: 'hostile-tblob', layerSizes: [4096, 70_000] })
    await pushImage(src, 'tamper/blob', 'v1', tb)
    const layer = tb.blobs.find(b => b.size > 60_000)!
    flipByte(blobFile(src, layer.digest))
    CASES['tamper/blob'] = ['v1', new RegExp(`blob ${layer.digest}.*does not match its digest`)]

    const tm = img('tman', { seed: 'hostile-tman' })
    await pushImage(src, 'tamper/manifest', 'v1', tm)
    flipByte(blobFile(src, tm.manifest.digest), tm.manifest.bytes.indexOf('sha256:') + 10)
    CASES['tamper/manifest'] = ['v1', new RegExp(`does not match digest ${tm.manifest.digest}`)]

    const tc = img('tchild', { seed: 'hostile-tchild', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(src, 'tamper/child', 'v1', tc)
    const child = tc.children[1]!
    flipByte(blobFile(src, child.digest), child.bytes.indexOf('sha256:') + 10)
    CASES['tamper/child'] = ['v1', new RegExp(`${child.digest}.*does not match digest ${child.digest}`)]

    // Shapes a real registry accepts but a copier must not follow without bound.
    const base = img('base', { seed: 'hostile-base' })
    let inner = { ...base.manifest }
    await pushImage(src, 'limits/deep', undefined, base)
    for (let depth = 0; depth < 6; depth++) {
      const json = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [desc(inner)] }
      const digest = await putManifest(src, 'limits/deep', depth === 5 ? 'v1' : `d${depth}`, json)
      inner = { mediaType: OCI_INDEX, digest, bytes: Buffer.from(JSON.stringify(json)) }
    }
    CASES['limits/deep'] = [
      'v1',
      /nested (deeper than 4 levels|\d+ levels below the top manifest, more than the limit of 4)/
    ]

    const m = JSON.parse(base.manifest.bytes.toString()) as { config: object; layers: object[] }
    await pushImage(src, 'limits/layers', undefined, base)
    const many = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: m.config,
      layers: Array(1001).fill(m.layers[0])
    }
    await putManifest(src, 'limits/layers', 'v1', many)
    CASES['limits/layers'] = ['v1', /1001 layers, more than the limit of 1000/]

    await pushImage(src, 'limits/entries', undefined, base)
    const wide = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: Array(1001).fill(desc(base.manifest)) }
    await putManifest(src, 'limits/entries', 'v1', wide)
    CASES['limits/entries'] = ['v1', /lists 1001 manifests, more than the limit of 1000/]

    // What only a lying server does: real content behind a front that misbehaves for one repository.
    for (const r of ['lie/long', 'lie/short', 'lie/links', 'lie/redirect', 'lie/swap', 'lie/huge'])
      await pushImage(src, r, 'v1', img(r, { seed: `hostile-${r}`, layerSizes: [50_000] }))
    const layerOf = (r: string) => images[r]!.blobs.find(b => b.size > 40_000)!
    CASES['lie/long'] = [
      'v1',
      new RegExp(`blob ${layerOf('lie/long').digest}.*more bytes than the ${layerOf('lie/long').size}`)
    ]
    CASES['lie/short'] = [
      'v1',
      new RegExp(`blob ${layerOf('lie/short').digest}.*(failed after \\d+ attempts|ended after)`)
    ]
    CASES['lie/links'] = ['', /cannot list tags: .*pagination loops/]
    CASES['lie/redirect'] = ['v1', /redirect loop/]
    CASES['lie/swap'] = ['v1', new RegExp(`does not match digest ${images['lie/swap']!.manifest.digest}`)]
    CASES['lie/huge'] = ['v1', /4194304/]

    const blobGet = (r: string, url: string) => url.startsWith(`/v2/${r}/blobs/${layerOf(r).digest}`)
    const answer = (res: ServerResponse, status: number, headers: Record<string, string>, body?: Buffer) => {
      res.writeHead(status, headers)
      res.end(body)
    }
    front = await startHostileFront(src.url, (req, res) => {
      const url = req.url ?? ''
      if (req.method === 'GET' && blobGet('lie/long', url)) {
        lied.add('lie/long')
        const data = images['lie/long']!.blobs.find(b => b.size > 40_000)!.data
        answer(
          res,
          200,
          { 'content-length': String(data.length + 100) },
          Buffer.concat([data, Buffer.alloc(100)])
        )
        return true
      }
      if (req.method === 'GET' && blobGet('lie/short', url)) {
        lied.add('lie/short')
        // Promises the whole blob, sends a third, hangs up: on every attempt, resumed or not.
        res.writeHead(200, { 'content-length': String(layerOf('lie/short').size) })
        res.write(images['lie/short']!.blobs.find(b => b.size > 40_000)!.data.subarray(0, 16_000), () =>
          res.destroy()
        )
        return true
      }
      if (url.startsWith('/v2/lie/links/tags/list')) {
        lied.add('lie/links')
        answer(
          res,
          200,
          { 'content-type': 'application/json', link: `<${url}>; rel="next"` },
          Buffer.from('{"tags":["v1"]}')
        )
        return true
      }
      if (req.method === 'GET' && (blobGet('lie/redirect', url) || url.startsWith('/loop'))) {
        lied.add('lie/redirect')
        answer(res, 307, {
          location: url.startsWith('/loop/a') ? '/loop/b' : '/loop/a',
          'content-length': '0'
        })
        return true
      }
      if (req.method === 'GET' && url === `/v2/lie/swap/manifests/${images['lie/swap']!.manifest.digest}`) {
        lied.add('lie/swap')
        const other = images['fine']!.children[0]!
        answer(
          res,
          200,
          { 'content-type': OCI_MANIFEST, 'docker-content-digest': images['lie/swap']!.manifest.digest },
          other.bytes
        )
        return true
      }
      if (req.method === 'GET' && url.startsWith('/v2/lie/huge/manifests/')) {
        lied.add('lie/huge')
        const huge = Buffer.from(
          JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, pad: 'x'.repeat(5 << 20) })
        )
        answer(res, 200, { 'content-type': OCI_MANIFEST }, huge)
        return true
      }
      return false
    })

    const entries = [
      `  ${front.host}/ok/fine:v1: ${dst.host}/ok/fine`,
      ...Object.entries(CASES).map(([repo, [tag]]) =>
        tag
          ? `  ${front.host}/${repo}:${tag}: ${dst.host}/${repo}`
          : `  ${front.host}/${repo}:\n    target: ${dst.host}/${repo}\n    tags: ["*"]`
      )
    ]
    const yaml = `version: 1\nimages:\n${entries.join('\n')}\n`
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    const client = new RegistryClient({
      credentials,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      warn: () => {}
    })
    try {
      report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
    } finally {
      await client.close()
    }
  }, 120_000)
  afterAll(async () => {
    await front?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
  })

  test('the healthy control copies through the same front', async () => {
    const line = report.images.find(i => i.source === `${front.host}/ok/fine:v1`)
    expect(line).toMatchObject({ status: 'copied', digest: images['fine']!.manifest.digest })
    expect(await checkTag(dst, 'ok/fine', 'v1')).toMatchObject({ exists: true, problems: [] })
  })

  test('every case reached the sync: each lie was told, each entry has exactly one report line', () => {
    console.log(report.images.map(i => `${i.status} ${i.source}: ${i.error ?? ''}`).join('\n'))
    expect([...lied].sort()).toEqual(REPOS.filter(r => r.startsWith('lie/')).sort())
    const repoOf = (source: string): string => source.slice(`${front.host}/`.length).replace(/:[^/]*$/, '')
    expect(report.images.map(i => repoOf(i.source)).sort()).toEqual(['ok/fine', ...REPOS].sort())
  })

  test.each(REPOS)('%s: refused with a clear error, target not tagged', async repo => {
    expect(CASES[repo]).toBeDefined()
    const [tag, message] = CASES[repo]!
    const line = report.images.find(i => i.source.startsWith(`${front.host}/${repo}`))
    expect(line).toBeDefined()
    expect(line!.status).toBe('failed')
    expect(line!.error).toMatch(message)
    // The source misbehaved: the report must not blame the target.
    expect(line!.error).toMatch(/^(source |cannot list tags: )/)
    if (tag) expect(await checkTag(dst, repo, tag)).toMatchObject({ exists: false, problems: [] })
    expect(exitCodeFor(report)).toBe(1)
  })
})
