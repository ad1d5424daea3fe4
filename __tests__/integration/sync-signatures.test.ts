/**
 * sync with `signatures.verify` against real registries: cosign-shaped signatures (legacy `.sig`
 * tags, and Sigstore bundles as referrers in the `sha256-<hex>` fallback index, since distribution
 * 2.8 has no referrers API), made by signature-fixtures.ts.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeFor, sync, type SyncReport } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  listen,
  makeTestSigstore,
  openUpstream,
  pushImage,
  relayHeaders,
  simpleSigningPayload,
  skopeo,
  startRegistry,
  upstreamFor,
  type StartedRegistry,
  type TestKey
} from '../harness/index.js'
import { CASES, pushSignatureCases, sha } from './signature-fixtures.js'
import { cli, clientFor, config, isWrite } from './sync-helpers.js'

jest.setTimeout(180_000)

describe('sync verifies signatures before it copies', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-signatures-'))
  let digests: Record<string, string> = {}
  let p256: TestKey
  let oversizeBlob = ''
  let fx: Awaited<ReturnType<typeof pushSignatureCases>>

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    fx = await pushSignatureCases(src, dir)
    ;({ digests, p256, oversizeBlob } = fx)
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (prefix: string, mode: string, names: string[]) => `version: 1
defaults:
  signatures:
    verify:
      mode: ${mode}
      keys: [keys/p256.pub, keys/ed25519.pub]
      transparency-log: optional
images:
${names.map(n => `  ${src.host}/sig/${n}:1: ${dst.host}/${prefix}/${n}:1`).join('\n')}
`
  const byName = (r: SyncReport) =>
    Object.fromEntries(r.images.map(i => [i.source.replace(/^.*\/sig\/(.*):1$/, '$1'), i]))
  const targetDigest = async (path: string) => {
    const r = await skopeo(['inspect', '--raw', `docker://${dst.host}/${path}`], { reg: dst })
    return r.code === 0 ? sha(r.stdout) : undefined
  }

  test('enforce: signed images are copied at the verified digest; every failed check is named and writes nothing', async () => {
    const names = Object.keys(CASES)
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const r = await sync(config(yaml('e', 'enforce', names), dir), { client })
    const got = byName(r)
    for (const [name, want] of Object.entries(CASES)) {
      const im = got[name]!
      if (want.copied) {
        expect([name, im.status, im.error]).toEqual([name, 'copied', undefined])
        expect(im.digest).toBe(digests[name])
        expect(await targetDigest(`e/${name}:1`)).toBe(digests[name])
      } else {
        expect([name, im.status]).toEqual([name, 'failed'])
        expect(im.error).toMatch(want.error)
        expect(await targetDigest(`e/${name}:1`)).toBeUndefined()
      }
    }
    expect(exitCodeFor(r)).toBe(1)
    const log = await dst.accessLog()
    const failed = names.filter(n => !CASES[n]!.copied)
    // Not one write (no blob upload, no manifest, no tag) for an image that failed its check.
    expect(log.filter(e => isWrite(e) && failed.some(n => e.path.startsWith(`/v2/e/${n}/`)))).toEqual([])
    for (const n of names.filter(n => CASES[n]!.copied))
      expect(log.some(e => e.method === 'PUT' && e.path === `/v2/e/${n}/manifests/1`)).toBe(true)
    const srcLog = await src.accessLog()
    // The oversize bundle was refused from its descriptor: its blob was never fetched.
    expect(srcLog.filter(e => e.path.includes(oversizeBlob.slice(7)))).toEqual([])
    // A verified bundle ends the search: no `.sig` tag is asked for. (For the legacy image the
    // verifier's HEAD and GET of the tag come first; the copy then carries the tag along.)
    const sigTag = (n: string) => `/v2/sig/${n}/manifests/${digests[n]!.replace(':', '-')}.sig`
    expect(srcLog.filter(e => e.path === sigTag('bundle'))).toEqual([])
    expect(
      srcLog
        .filter(e => e.path === sigTag('legacy'))
        .map(e => e.method)
        .slice(0, 2)
    ).toEqual(['HEAD', 'GET'])
  })

  test('warn: unsigned and badly signed images are copied, each with a warning that says why', async () => {
    const r = await sync(config(yaml('w', 'warn', ['unsigned', 'wrong-key', 'bundle']), dir), { client })
    expect(r.images.map(i => i.status)).toEqual(['copied', 'copied', 'copied'])
    expect(exitCodeFor(r)).toBe(0)
    expect(await targetDigest('w/unsigned:1')).toBe(digests.unsigned)
    expect(r.warnings).toHaveLength(2)
    expect(r.warnings.find(w => w.includes('/sig/unsigned:1'))).toMatch(
      /copied without a verified signature \(signatures mode warn\): no signature found/
    )
    expect(r.warnings.find(w => w.includes('/sig/wrong-key:1'))).toMatch(
      /: tag sha256-[0-9a-f]{64}\.sig layer 1: key mismatch/
    )
  })

  test('a dry run verifies too: the unsigned image fails the check, the signed one is planned, nothing written', async () => {
    await dst.clearAccessLog()
    const r = await sync(config(yaml('d', 'enforce', ['unsigned', 'legacy']), dir), { client, dryRun: true })
    const got = byName(r)
    expect([got.unsigned!.status, got.legacy!.status]).toEqual(['failed', 'planned'])
    expect(got.unsigned!.error).toMatch(/^unverified: no signature found/)
    expect(exitCodeFor(r)).toBe(1)
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test('the tag moving between the check and the copy: the verified digest is what lands', async () => {
    const signed = buildImage({ seed: 'sig-moving-signed' })
    const unsigned = buildImage({ seed: 'sig-moving-unsigned' })
    await fx.pushSigned('moving', signed, async s => {
      const payload = simpleSigningPayload(s.manifest.digest)
      return fx.legacySig(payload, p256.sign(payload))
    })
    const sigPath = `/v2/sig/moving/manifests/${signed.manifest.digest.replace(':', '-')}.sig`
    const up = upstreamFor(src.url)
    let moved = false
    // A front for the source that moves the tag to an unsigned image while the signature is read.
    const proxy = await listen((req, res, origin) => {
      const relayNow = () =>
        openUpstream(req, up).then(
          upRes => {
            res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, origin))
            upRes.pipe(res)
          },
          err => res.writeHead(502).end(String(err))
        )
      if (req.method === 'GET' && req.url === sigPath && !moved) {
        moved = true
        pushImage(src, 'sig/moving', '1', unsigned).then(relayNow, err => res.writeHead(502).end(String(err)))
      } else void relayNow()
    })
    try {
      const yamlMoving = yaml('t', 'enforce', ['moving']).replaceAll(src.host, proxy.host)
      const r = await sync(config(yamlMoving, dir), { client })
      expect(moved).toBe(true)
      expect(r.images.map(i => [i.status, i.sourceDigest, i.digest])).toEqual([
        ['copied', signed.manifest.digest, signed.manifest.digest]
      ])
      expect(await targetDigest('t/moving:1')).toBe(signed.manifest.digest)
      // The tag did move: a copy by tag would have taken the unsigned image.
      const now = await skopeo(['inspect', '--raw', `docker://${src.host}/sig/moving:1`], { reg: src })
      expect(sha(now.stdout)).toBe(unsigned.manifest.digest)
    } finally {
      await proxy.stop()
    }
  })

  test('the CLI: an unsigned image under enforce exits 1 and says why; a keyed bundle without a log entry fails when the log is required', async () => {
    const file = join(dir, 'cli.yaml')
    writeFileSync(file, yaml('c', 'enforce', ['unsigned', 'bundle']))
    const r = await cli(['sync', '--config', file])
    expect(r.code).toBe(1)
    expect(r.stdout + r.stderr).toMatch(/unverified: no signature found/)
    expect(await targetDigest('c/unsigned:1')).toBeUndefined()
    expect(await targetDigest('c/bundle:1')).toBe(digests.bundle)

    // The default is transparency-log: required; a trusted root file keeps the run offline.
    const ts = await makeTestSigstore()
    writeFileSync(join(dir, 'root.json'), JSON.stringify(ts.trustedRoot))
    writeFileSync(
      file,
      yaml('r', 'enforce', ['bundle']).replace(
        '      transparency-log: optional\n',
        '      trusted-root: root.json\n'
      )
    )
    const refused = await cli(['sync', '--config', file])
    expect(refused.code).toBe(1)
    expect(refused.stdout + refused.stderr).toMatch(
      /unverified: bundle referrer sha256:[0-9a-f]{12}: missing transparency-log proof \(the bundle has no transparency-log entry\)/
    )
    expect(await targetDigest('r/bundle:1')).toBeUndefined()
  })

  test('mode off (the default) copies without looking for signatures', async () => {
    await src.clearAccessLog()
    const r = await sync(config(yaml('o', 'off', ['unsigned']), dir), { client })
    expect(r.images.map(i => i.status)).toEqual(['copied'])
    // (The copy itself still looks for referrers to carry along; only verification reads `.sig` tags.)
    const lookups = (await src.accessLog()).filter(e => /\/manifests\/sha256-[0-9a-f]{64}\.sig$/.test(e.path))
    expect(lookups).toEqual([])
  })
})
