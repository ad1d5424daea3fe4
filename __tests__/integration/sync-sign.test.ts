/**
 * sync with `signatures.sign` (keyed) against real registries (distribution 2.8: no referrers API,
 * so bundles land in the `sha256-<hex>` fallback index). What the mirror signs is checked by openssl
 * and skopeo (sign-helpers.ts) and by the project's own verifier.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RegistryClient } from '../../src/registry/index.js'
import { SignatureVerifier } from '../../src/signatures/index.js'
import { StateStore, sync, type SyncReport } from '../../src/sync/index.js'
import {
  buildImage,
  cosignSignatureImage,
  encryptedCosignKey,
  generateTestKey,
  pushImage,
  simpleSigningPayload,
  startRegistry,
  type StartedRegistry,
  type TestKey
} from '../harness/index.js'
import { bundleReferrers, legacyLayers, opensslVerifies, raw } from './sign-helpers.js'
import { cli, clientFor, config, isWrite, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

const PASSWORD = 'correct horse battery staple'

describe('sync signs what it wrote to the target', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  const dir = mkdtempSync(join(tmpdir(), 'sync-sign-'))
  let mirror: TestKey
  let envKey: TestKey
  let vendor: TestKey
  const digests: Record<string, string> = {}
  const env: Record<string, string> = { MIRROR_KEY_PASSWORD: PASSWORD }
  const signing = { env: (n: string) => env[n] }

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    mkdirSync(join(dir, 'keys'))
    mirror = generateTestKey('p256')
    envKey = generateTestKey('ed25519')
    vendor = generateTestKey('p256')
    writeFileSync(join(dir, 'keys', 'mirror.key'), encryptedCosignKey(mirror.privateKey, PASSWORD))
    writeFileSync(join(dir, 'keys', 'mirror.pub'), mirror.publicPem)
    writeFileSync(join(dir, 'keys', 'env.pub'), envKey.publicPem)
    writeFileSync(join(dir, 'keys', 'vendor.pub'), vendor.publicPem)
    env.MIRROR_KEY = envKey.privatePem
    for (const name of ['one', 'two', 'three', 'multi'])
      digests[name] = await pushImage(
        src,
        `app/${name}`,
        '1',
        buildImage({
          seed: `sign-${name}`,
          platforms: name === 'multi' ? ['linux/amd64', 'linux/arm64'] : undefined
        })
      )
    // A vendor's legacy signature on `vendored`: the copy carries its `.sig` tag along.
    const vendored = buildImage({ seed: 'sign-vendored' })
    digests.vendored = await pushImage(src, 'app/vendored', '1', vendored)
    const payload = simpleSigningPayload(digests.vendored, `${src.host}/app/vendored`)
    const sig = cosignSignatureImage([{ payload, signature: vendor.sign(payload).toString('base64') }])
    await pushImage(src, 'app/vendored', `${digests.vendored.replace(':', '-')}.sig`, sig)
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (sign: string, images: string) => `version: 1
defaults:
  signatures:
    sign: ${sign}
images:
${images}`
  const entry = (name: string, extra = '') =>
    extra
      ? `  ${src.host}/app/${name}:1:\n    target: ${dst.host}/m/${name}:1\n${extra}`
      : `  ${src.host}/app/${name}:1: ${dst.host}/m/${name}:1\n`
  const both = '{ key: keys/mirror.key, password: env:MIRROR_KEY_PASSWORD, format: both }'
  const verifier = (key: string, repo: string, digest: string) =>
    new SignatureVerifier(client).verify(dst.host, repo, digest, {
      mode: 'enforce',
      keys: [join(dir, 'keys', key)],
      keyless: [],
      // Keyed and no transparency log: this policy never reads the trusted root.
      trustedRoot: 'auto',
      transparencyLog: 'optional'
    })

  test('format both, an encrypted cosign key: a bundle referrer and a .sig tag for the target digest, after the image', async () => {
    await dst.clearAccessLog()
    const r = await sync(config(yaml(both, entry('one') + entry('multi')), dir), { client, signing })
    for (const name of ['one', 'multi']) {
      const im = r.images.find(i => i.target.endsWith(`/m/${name}:1`))!
      const d = digests[name]!
      expect([im.status, im.error, im.digest]).toEqual(['copied', undefined, d])
      expect(im.signatures).toEqual([
        {
          format: 'bundle',
          where: expect.stringMatching(
            new RegExp(`^${dst.host}/m/${name}@sha256:[0-9a-f]{64} \\(referrer of ${d}\\)$`)
          )
        },
        { format: 'legacy', where: `${dst.host}/m/${name}:${d.replace(':', '-')}.sig` }
      ])

      // The bundle: cosign v3's referrer shape, a DSSE in-toto statement about the target digest, openssl agrees.
      const bundles = (await bundleReferrers(dst, `m/${name}`, d))!
      expect(bundles).toHaveLength(1)
      const b = bundles[0]!
      expect(b.manifest).toMatchObject({
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2 },
        subject: { digest: d }
      })
      expect(b.statement).toMatchObject({
        _type: 'https://in-toto.io/Statement/v1',
        predicateType: 'https://sigstore.dev/cosign/sign/v1',
        subject: [{ name: `${dst.host}/m/${name}`, digest: { sha256: d.slice(7) } }]
      })
      expect(b.bundle.verificationMaterial.publicKey?.hint).toEqual(expect.any(String))
      expect(await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), b.pae, b.signature)).toBe(true)

      // The legacy signature: simple signing naming the target digest and repository; openssl agrees.
      const layers = (await legacyLayers(dst, `m/${name}`, d))!
      expect(layers).toHaveLength(1)
      expect(layers[0]!.json.critical).toEqual({
        identity: { 'docker-reference': `${dst.host}/m/${name}` },
        image: { 'docker-manifest-digest': d },
        type: 'cosign container image signature'
      })
      expect(
        await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), layers[0]!.payload, layers[0]!.signature)
      ).toBe(true)

      // The project's verifier accepts it too.
      expect(await verifier('mirror.pub', `m/${name}`, d)).toMatchObject({ verified: true })
    }

    // Order at the target: the image's tag, then the bundle referrer, then its fallback index, then the .sig tag.
    const puts = (await dst.accessLog()).filter(
      e => e.method === 'PUT' && e.path.startsWith('/v2/m/one/manifests/')
    )
    const tail = (e: { path: string }) => e.path.slice('/v2/m/one/manifests/'.length)
    const hex = digests.one!.slice(7)
    const order = puts
      .map(tail)
      .map(t =>
        t === '1'
          ? 'image'
          : t === `sha256-${hex}`
            ? 'fallback'
            : t === `sha256-${hex}.sig`
              ? 'sig'
              : 'referrer'
      )
    expect(order).toEqual(['image', 'referrer', 'fallback', 'sig'])
  })

  test('a rerun finds our signatures and writes nothing', async () => {
    await dst.clearAccessLog()
    const r = await sync(config(yaml(both, entry('one') + entry('multi')), dir), { client, signing })
    expect(r.images.map(i => [i.status, i.signatures])).toEqual([
      ['skipped', undefined],
      ['skipped', undefined]
    ])
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test('per image: legacy only; bundle only with an unencrypted key from the environment (Ed25519)', async () => {
    const images =
      entry('two', '    signatures: { sign: { format: legacy } }\n') +
      entry('three', '    signatures: { sign: { key: env:MIRROR_KEY, format: bundle } }\n')
    const r = await sync(config(yaml(both, images), dir), { client, signing })
    expect(r.images.map(i => [i.status, i.signatures?.map(s => s.format)])).toEqual([
      ['copied', ['legacy']],
      ['copied', ['bundle']]
    ])
    expect(await bundleReferrers(dst, 'm/two', digests.two!)).toBeUndefined()
    expect(await legacyLayers(dst, 'm/three', digests.three!)).toBeUndefined()
    const [b] = (await bundleReferrers(dst, 'm/three', digests.three!))!
    expect(await opensslVerifies(dir, join(dir, 'keys', 'env.pub'), b!.pae, b!.signature, true)).toBe(true)
    expect(await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), b!.pae, b!.signature)).toBe(false)
    expect(await verifier('env.pub', 'm/three', digests.three!)).toMatchObject({ verified: true })
    expect(await verifier('mirror.pub', 'm/two', digests.two!)).toMatchObject({ verified: true })
  })

  test("a vendor's .sig copied with the image keeps its signature; ours is added beside it", async () => {
    const sign = '{ key: keys/mirror.key, password: env:MIRROR_KEY_PASSWORD, format: legacy }'
    const r = await sync(config(yaml(sign, entry('vendored')), dir), { client, signing })
    expect(r.images.map(i => [i.status, i.error, i.signatures?.length])).toEqual([['copied', undefined, 1]])
    const layers = (await legacyLayers(dst, 'm/vendored', digests.vendored!))!
    expect(layers).toHaveLength(2)
    expect(
      await opensslVerifies(dir, join(dir, 'keys', 'vendor.pub'), layers[0]!.payload, layers[0]!.signature)
    ).toBe(true)
    expect(
      await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), layers[1]!.payload, layers[1]!.signature)
    ).toBe(true)
    expect(await verifier('vendor.pub', 'm/vendored', digests.vendored!)).toMatchObject({ verified: true })
    expect(await verifier('mirror.pub', 'm/vendored', digests.vendored!)).toMatchObject({ verified: true })
  })

  test.each([
    [
      'the wrong password',
      { MIRROR_KEY_PASSWORD: 'wrong' },
      /^.*mirror\.yaml:4:5: signatures\.sign\.key .*mirror\.key: wrong password/
    ],
    [
      'no password',
      {},
      /mirror\.yaml:4:5: .*encrypted and MIRROR_KEY_PASSWORD, which holds its password, is not set/
    ]
  ])('%s: the run stops before anything is written, naming the config line', async (_, vars, message) => {
    await dst.clearAccessLog()
    const e: Record<string, string> = vars
    const run = sync(config(yaml(both, entry('wrongpw')), dir), { client, signing: { env: n => e[n] } })
    await expect(run).rejects.toThrow(message)
    await expect(run).rejects.not.toThrow(PASSWORD)
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test('the report lists each signature written', async () => {
    const r: SyncReport = await sync(
      config(
        yaml(
          '{ key: env:MIRROR_KEY, format: legacy }',
          entry('one', '    signatures: { sign: { format: legacy } }\n')
        ),
        dir
      ),
      { client, signing }
    )
    // One .sig per digest: the earlier run's legacy signature is the mirror key's, not this key's,
    // so this key signs too and its layer is added.
    expect(r.images[0]!.signatures).toEqual([
      { format: 'legacy', where: `${dst.host}/m/one:${digests.one!.replace(':', '-')}.sig` }
    ])
    expect(await raw(dst, `m/one:${digests.one!.replace(':', '-')}.sig`)).toMatchObject({
      json: { layers: [{}, {}] }
    })
  })

  test('a dry run signs nothing and says what a real run would sign, where, in which format', async () => {
    const there = `  ${src.host}/app/one:1: ${dst.host}/dry/one:1\n`
    expect((await sync(config(`version: 1\nimages:\n${there}`, dir), { client })).images[0]!.status).toBe(
      'copied'
    )
    await dst.clearAccessLog()
    const images = `  ${src.host}/app/two:1: ${dst.host}/dry/two:1\n` + there
    const r = await sync(config(yaml(both, images), dir), { client, signing, dryRun: true })
    const planned = r.images.find(i => i.target === `${dst.host}/dry/two:1`)!
    expect(planned.status).toBe('planned')
    expect(planned.plannedSignatures).toEqual([
      { format: 'bundle', by: 'key', where: `${dst.host}/dry/two (referrer of the digest written)` },
      { format: 'legacy', by: 'key', where: `${dst.host}/dry/two:sha256-<digest written>.sig` }
    ])
    // Already there: a real run signs it only if its signature is missing, which a dry run does not look for.
    const skipped = r.images.find(i => i.target === `${dst.host}/dry/one:1`)!
    expect([skipped.status, skipped.plannedSignatures]).toEqual(['skipped', undefined])
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
    expect(await raw(dst, 'dry/two:1')).toBeUndefined()
  })

  test('the CLI: copy --sign-key signs the destination digest (password from COSIGN_PASSWORD); a rerun adds nothing', async () => {
    const key = join(dir, 'keys', 'mirror.key')
    const args = [
      'copy',
      '--sign-key',
      key,
      '--sign-format',
      'both',
      `${src.host}/app/two:1`,
      `${dst.host}/cli/two:1`
    ]
    const r = await cli(args, { COSIGN_PASSWORD: PASSWORD })
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringMatching(/failed|warning/)])
    const d = digests.two!
    expect(r.stdout).toContain(`Signed (bundle): ${dst.host}/cli/two@sha256:`)
    expect(r.stdout).toContain(`Signed (legacy): ${dst.host}/cli/two:${d.replace(':', '-')}.sig`)
    expect(r.stdout + r.stderr).not.toContain(PASSWORD)
    const [b] = (await bundleReferrers(dst, 'cli/two', d))!
    expect(await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), b!.pae, b!.signature)).toBe(true)
    const [l] = (await legacyLayers(dst, 'cli/two', d))!
    expect(await opensslVerifies(dir, join(dir, 'keys', 'mirror.pub'), l!.payload, l!.signature)).toBe(true)

    await dst.clearAccessLog()
    const again = await cli(args, { COSIGN_PASSWORD: PASSWORD })
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining(`Already signed: ${d}`)])
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test.each([
    [['--sign-format', 'both'], 2, /--sign-format needs --sign-key/],
    [
      ['--sign-key', 'k', '--sign-format', 'cosign'],
      2,
      /--sign-format takes bundle, legacy, both, got 'cosign'/
    ],
    [['--sign-key', 'KEY'], 2, /--sign-key: signatures\.sign\.key .*mirror\.key: wrong password/]
  ])('the CLI refuses %j before copying anything (exit %i)', async (flags, code, message) => {
    await dst.clearAccessLog()
    const f = flags.map(x => (x === 'KEY' ? join(dir, 'keys', 'mirror.key') : x))
    const r = await cli(['copy', ...f, `${src.host}/app/two:1`, `${dst.host}/cli/refused:1`], {
      COSIGN_PASSWORD: 'nope'
    })
    expect([r.code, r.stderr]).toEqual([code, expect.stringMatching(message)])
    expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  })

  test('the CLI: sync signs from the config, password from the environment', async () => {
    const file = join(dir, 'cli.yaml')
    writeFileSync(file, yaml(both, entry('three').replace('/m/three', '/cs/three')))
    const r = await cli(['sync', '--config', file], { MIRROR_KEY_PASSWORD: PASSWORD })
    // Progress lines (an image starting) are not problems; warnings and errors would be.
    expect([r.code, stderrProblems(r.stderr)]).toEqual([0, []])
    expect(r.stdout).toMatch(
      /signed: .*\/cs\/three@sha256:[0-9a-f]{64} \(referrer of sha256:[0-9a-f]{64}\), .*\/cs\/three:sha256-[0-9a-f]{64}\.sig/
    )
    expect(await verifier('mirror.pub', 'cs/three', digests.three!)).toMatchObject({ verified: true })
  })

  test('a .sig tag holding something else is not overwritten: the image fails and says why', async () => {
    const odd = buildImage({ seed: 'sign-odd' })
    const d = await pushImage(src, 'app/odd', '1', odd)
    const squatter = buildImage({ seed: 'sign-squatter', platforms: ['linux/amd64', 'linux/arm64'] })
    await pushImage(dst, 'm/odd', `${d.replace(':', '-')}.sig`, squatter)
    const sign = '{ key: keys/mirror.key, password: env:MIRROR_KEY_PASSWORD, format: legacy }'
    const r = await sync(config(yaml(sign, entry('odd')), dir), { client, signing })
    expect(r.images.map(i => i.status)).toEqual(['failed'])
    expect(r.images[0]!.error).toMatch(
      /^copied, but signing it failed: the signature tag holds a application\/vnd\.oci\.image\.index\.v1\+json that is not a cosign signature image; not overwritten/
    )
    const now = await raw(dst, `m/odd:${d.replace(':', '-')}.sig`)
    expect(now?.json.mediaType).toBe('application/vnd.oci.image.index.v1+json')
  })

  test('a local target is copied and not signed, with a warning', async () => {
    const layout = join(dir, 'layout')
    const images = `  ${src.host}/app/one:1: "oci:${layout}:one"\n`
    const r = await sync(config(yaml(both, images), dir), { client, signing })
    expect(r.images.map(i => [i.status, i.signatures])).toEqual([['copied', undefined]])
    expect(r.warnings).toEqual([
      expect.stringContaining('not signed: signatures.sign needs a registry target')
    ])
  })

  test('two tags of one digest in one repository get one signature of each format, not two', async () => {
    const images = `  ${src.host}/app/one:1: ${dst.host}/dup/one:a\n  ${src.host}/app/one@${digests.one}: ${dst.host}/dup/one:b\n`
    const r = await sync(config(yaml(both, images), dir), { client, signing })
    expect(r.images.map(i => i.status)).toEqual(['copied', 'copied'])
    expect(
      r.images
        .flatMap(i => i.signatures ?? [])
        .map(x => x.format)
        .sort()
    ).toEqual(['bundle', 'legacy'])
    expect(await bundleReferrers(dst, 'dup/one', digests.one!)).toHaveLength(1)
    expect(await legacyLayers(dst, 'dup/one', digests.one!)).toHaveLength(1)
  })

  test('what a rerun costs the target per signed image (format both, no referrers API): reads only', async () => {
    const c = config(yaml(both, entry('one').replace('/m/one', '/cost/one')), dir)
    expect((await sync(c, { client, signing })).images[0]!.signatures).toHaveLength(2)
    await dst.clearAccessLog()
    // A new client, as a new run has: the referrers API is asked about again.
    const fresh = await clientFor([src, dst])
    const r = await sync(c, { client: fresh.client, signing }).finally(() => fresh.done())
    expect(r.images.map(i => i.status)).toEqual(['skipped'])
    const log = (await dst.accessLog()).filter(e => e.path !== '/v2/')
    expect(log.filter(isWrite)).toEqual([])
    // Plan: HEAD of the tag. Bundle: referrers API (404, once per client), HEAD + GET of the
    // fallback index, GET of the referrer and its bundle blob. Legacy: HEAD + GET of the .sig tag,
    // GET of its payload blob.
    expect(log.map(e => `${e.method} ${e.path.replace(/sha256[:-][0-9a-f]{64}/g, 'D')}`)).toEqual([
      'HEAD /v2/cost/one/manifests/1',
      'GET /v2/cost/one/referrers/D',
      'HEAD /v2/cost/one/manifests/D',
      'GET /v2/cost/one/manifests/D',
      'GET /v2/cost/one/manifests/D',
      'GET /v2/cost/one/blobs/D',
      'HEAD /v2/cost/one/manifests/D.sig',
      'GET /v2/cost/one/manifests/D.sig',
      'GET /v2/cost/one/blobs/D'
    ])
  })

  test('with the digest cache: a signed image is remembered and costs the target nothing next time; a failed signature is not remembered', async () => {
    const stateFile = join(dir, 'state.json')
    const state = await StateStore.load(stateFile, { owner: 'sign-test' })
    const good = buildImage({ seed: 'sign-cached' })
    const bad = buildImage({ seed: 'sign-cached-bad' })
    const dGood = await pushImage(src, 'app/cached', '1', good)
    const dBad = await pushImage(src, 'app/cachedbad', '1', bad)
    // The bad one's .sig tag is taken by something that is not a signature image: signing it fails.
    await pushImage(
      dst,
      'm/cachedbad',
      `${dBad.replace(':', '-')}.sig`,
      buildImage({ seed: 'sign-cached-squat', platforms: ['linux/amd64'] })
    )
    const c = config(yaml(both, entry('cached') + entry('cachedbad')), dir)
    const first = await sync(c, { client, signing, state })
    expect(first.images.map(i => i.status)).toEqual(['copied', 'failed'])
    expect(state.get(`${src.host}/app/cached:1`, dGood, `${dst.host}/m/cached:1`)).toBeDefined()
    expect(state.get(`${src.host}/app/cachedbad:1`, dBad, `${dst.host}/m/cachedbad:1`)).toBeUndefined()

    await dst.clearAccessLog()
    const second = await sync(c, { client, signing, state })
    expect(second.images.map(i => [i.status, i.cached])).toEqual([
      ['skipped', true],
      ['failed', undefined]
    ])
    expect(second.images[1]!.error).toMatch(/^signing it failed: the signature tag holds/)
    const log = await dst.accessLog()
    expect(log.filter(e => e.path.startsWith('/v2/m/cached/'))).toEqual([])
    expect(log.filter(isWrite)).toEqual([])
  })
})
