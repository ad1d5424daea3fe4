/**
 * Local writes stay inside the directory or file the user named, whatever a hostile registry says:
 * tag names that climb out (`../../x`, `/abs`) mapped onto `oci:` and `docker-archive:` targets, and
 * blob digests that are paths (`sha256:../../x`) written into `oci:` and `dir:` targets. A sandbox
 * directory holds every target; after the sync nothing exists outside the targets, nor beside the
 * sandbox, and each refusal is a clear error in the report.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { CredentialStore } from '../../src/auth/index.js'
import { parseConfig } from '../../src/config/index.js'
import { sync, type SyncReport } from '../../src/sync/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import { buildImage, pushImage, startRegistry, makeTempDir, type StartedRegistry } from '../harness/index.js'
import { sha256, startHostileFront } from './reliability-helpers.js'

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

/** Every file and directory under `dir`, relative to it. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = join(dir, e.name)
    return [relative(base, p), ...(e.isDirectory() ? walk(p, base) : [])]
  })
}

describe('hostile names never lead a local write out of its target', () => {
  let src: StartedRegistry
  let front: { host: string; stop(): Promise<void> }
  let report: SyncReport
  const escape = `escape-${randomBytes(6).toString('hex')}`
  // sandbox/out/<targets>: a climb of two levels from a target lands beside the sandbox.
  const sandbox = makeTempDir('security-paths')
  const out = join(sandbox, 'out')
  const hostileTags = [`../../${escape}`, `..`, `/tmp/${escape}`, `a/../../../${escape}`]
  const hostileDigest = `sha256:../../../${escape}`

  beforeAll(async () => {
    src = await startRegistry({ mode: 'anonymous' })
    const good = buildImage({ seed: 'paths-good' })
    await pushImage(src, 'paths/tags', 'ok', good)
    await pushImage(src, 'paths/digest', 'v1', good)
    // A manifest naming a layer by a "digest" that is a path; its own bytes and digest are honest.
    const json = JSON.parse(good.manifest.bytes.toString()) as { layers: { digest: string }[] }
    json.layers[0]!.digest = hostileDigest
    const evil = Buffer.from(JSON.stringify(json))
    front = await startHostileFront(src.url, (req, res) => {
      const url = req.url ?? ''
      if (url.startsWith('/v2/paths/tags/tags/list')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ name: 'paths/tags', tags: ['ok', ...hostileTags] }))
        return true
      }
      if (/^\/v2\/paths\/digest\/manifests\//.test(url)) {
        const headers = { 'content-type': OCI_MANIFEST, 'docker-content-digest': sha256(evil) }
        res.writeHead(200, { ...headers, 'content-length': String(evil.length) })
        res.end(req.method === 'HEAD' ? undefined : evil)
        return true
      }
      // Paths that the URL parser normalised from a hostile tag: answer as if the tag existed.
      if (/\/manifests\//.test(url) && !url.startsWith('/v2/paths/')) {
        res.writeHead(200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': good.manifest.digest })
        res.end(req.method === 'HEAD' ? undefined : good.manifest.bytes)
        return true
      }
      return false
    })
    mkdirSync(out)
    writeFileSync(join(out, 'keep.txt'), 'the user put this here')
    // The same sources twice: `docker://` makes a second, distinct key for them.
    const yaml = `version: 1
images:
  ${front.host}/paths/tags:
    target: oci:${out}/layout
    tags: ["/.*/"]
  docker://${front.host}/paths/tags:
    target: docker-archive:${out}/archive.tar
    tags: ["/.*/"]
  ${front.host}/paths/digest:v1: oci:${out}/digest-layout:v1
  docker://${front.host}/paths/digest:v1: dir:${out}/digest-dir
`
    const dir = makeTempDir('security-paths-config')
    const credentials = await CredentialStore.load({ dockerConfigDir: dir })
    const client = new RegistryClient({
      credentials,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      warn: () => {}
    })
    try {
      report = await sync(parseConfig(yaml, join(dir, 'mirror.yaml')), { client })
    } finally {
      await client.close()
    }
    console.log(report.images.map(i => `${i.status} ${i.source} → ${i.target}: ${i.error ?? ''}`).join('\n'))
  }, 60_000)
  afterAll(async () => {
    await front?.stop()
    await src?.stop()
  })

  test('nothing was written outside the targets, nor beside the sandbox', () => {
    const allowed = [
      'out',
      'out/keep.txt',
      'out/layout',
      'out/archive.tar',
      'out/digest-layout',
      'out/digest-dir'
    ]
    const outside = walk(sandbox).filter(p => !allowed.some(a => p === a || p.startsWith(`${a}/`)))
    expect(outside).toEqual([])
    expect(walk(sandbox).filter(p => p.includes(escape))).toEqual([])
    expect(existsSync(join(dirname(sandbox), escape))).toBe(false)
    expect(existsSync(join('/tmp', escape))).toBe(false)
  })

  test('hostile tags are refused with a clear error; the report names the entries', () => {
    const tagLines = report.images.filter(i => i.source.includes('/paths/tags'))
    expect(tagLines.length).toBeGreaterThan(0)
    for (const line of tagLines.filter(i => i.status === 'failed'))
      expect(line.error).toMatch(/invalid OCI reference name "|invalid reference "/)
    // No report line claims a hostile tag was copied.
    expect(
      tagLines.filter(i => i.status === 'copied' && hostileTags.some(t => i.target.includes(t)))
    ).toEqual([])
  })

  test.each(['digest-layout', 'digest-dir'])('a blob "digest" that is a path is refused for %s', name => {
    const line = report.images.find(i => i.target.includes(`/${name}`))
    expect(line).toMatchObject({ status: 'failed' })
    expect(line!.error).toMatch(/^source .*layer 0 has an invalid digest "sha256:..\/..\/..\/escape-/)
  })
})
