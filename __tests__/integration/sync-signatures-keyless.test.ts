/**
 * sync with keyless `signatures.verify` against real registries: cosign-shaped keyless bundles and
 * legacy `.sig` signatures whose certificates come from the harness's private CA (standing in for
 * Fulcio) and whose log entries are signed by its private log key (standing in for Rekor), checked
 * against a trusted_root.json file listing both: offline, as an air-gapped site would run.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeFor, StateStore, sync, type SyncReport } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import {
  buildImage,
  bundleReferrerImage,
  cosignSignatureImage,
  inTotoStatement,
  keylessBundle,
  keylessLegacy,
  listen,
  makeTestSigstore,
  openUpstream,
  pushImage,
  relayHeaders,
  simpleSigningPayload,
  startRegistry,
  upstreamFor,
  type BuiltImage,
  type BuiltManifest,
  type KeylessSigner,
  type StartedRegistry,
  type TestSigstore
} from '../harness/index.js'
import { cli, clientFor, config } from './sync-helpers.js'

jest.setTimeout(180_000)

const ISSUER = 'https://token.actions.example'
const GOOD = 'https://git.example/acme/app/.github/workflows/release.yml@refs/tags/v1'

describe('sync verifies keyless signatures against a private trusted root', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  let ts: TestSigstore
  let signer: KeylessSigner
  const dir = mkdtempSync(join(tmpdir(), 'sync-keyless-'))
  const digests: Record<string, string> = {}

  const subjectOf = (m: BuiltManifest) => ({ digest: m.digest, size: m.bytes.length, mediaType: m.mediaType })
  const bundleFor = (m: BuiltManifest, s: KeylessSigner, o: { tlog?: boolean } = {}, t = ts) =>
    bundleReferrerImage(subjectOf(m), keylessBundle(t, inTotoStatement(m.digest), s, o))

  async function push(
    name: string,
    image: BuiltImage,
    sigs: { subject: BuiltManifest; image: BuiltImage }[]
  ) {
    digests[name] = await pushImage(src, `kl/${name}`, '1', image)
    for (const s of sigs) {
      const legacy = !JSON.parse(s.image.manifest.bytes.toString()).subject
      await pushImage(
        src,
        `kl/${name}`,
        legacy ? `${s.subject.digest.replace(':', '-')}.sig` : undefined,
        s.image
      )
    }
  }

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    const stranger = await makeTestSigstore({ name: 'stranger' })
    ts = await makeTestSigstore()
    writeFileSync(join(dir, 'trusted_root.json'), JSON.stringify(ts.trustedRoot))
    signer = await ts.issue({ issuer: ISSUER, subject: GOOD })
    const evil = await ts.issue({
      issuer: ISSUER,
      subject: 'https://git.example/evil/app/.github/workflows/x.yml@refs/heads/main'
    })
    const foreign = await stranger.issue({ issuer: ISSUER, subject: GOOD })
    const img = (n: string, platforms?: string[]) => buildImage({ seed: `kl-${n}`, platforms })

    const bundle = img('bundle')
    await push('bundle', bundle, [{ subject: bundle.manifest, image: bundleFor(bundle.manifest, signer) }])
    const legacy = img('legacy')
    const l = keylessLegacy(ts, simpleSigningPayload(legacy.manifest.digest), signer)
    await push('legacy', legacy, [{ subject: legacy.manifest, image: cosignSignatureImage([l]) }])
    const mismatch = img('mismatch')
    await push('mismatch', mismatch, [
      { subject: mismatch.manifest, image: bundleFor(mismatch.manifest, evil) }
    ])
    const untrusted = img('untrusted')
    await push('untrusted', untrusted, [
      { subject: untrusted.manifest, image: bundleFor(untrusted.manifest, foreign, {}, stranger) }
    ])
    const notlog = img('notlog')
    await push('notlog', notlog, [
      { subject: notlog.manifest, image: bundleFor(notlog.manifest, signer, { tlog: false }) }
    ])
    // Multi-platform images whose index is not signed: every platform signed, or all but one.
    const every = img('every', ['linux/amd64', 'linux/arm64'])
    await push(
      'every',
      every,
      every.children.slice(0, 2).map(c => ({ subject: c, image: bundleFor(c, signer) }))
    )
    const partly = img('partly', ['linux/amd64', 'linux/arm64'])
    await push('partly', partly, [
      { subject: partly.children[0]!, image: bundleFor(partly.children[0]!, signer) }
    ])
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const yaml = (prefix: string, names: string[], extra = '') => `version: 1
defaults:
  signatures:
    verify:
      mode: enforce
      keyless:
        - issuer: ${ISSUER}
          subject: '^https://git\\.example/acme/app/\\.github/workflows/release\\.yml@refs/tags/v'
      trusted-root: trusted_root.json
${extra}images:
${names.map(n => `  ${src.host}/kl/${n}:1: ${dst.host}/${prefix}/${n}:1`).join('\n')}
`
  const byName = (r: SyncReport) =>
    Object.fromEntries(r.images.map(i => [i.source.replace(/^.*\/kl\/(.*):1$/, '$1'), i]))

  test('enforce, log required: valid keyless bundle and legacy signature are copied; each failure is named', async () => {
    const r = await sync(
      config(yaml('e', ['bundle', 'legacy', 'mismatch', 'untrusted', 'notlog', 'every', 'partly']), dir),
      {
        client
      }
    )
    const got = byName(r)
    const status = Object.fromEntries(Object.entries(got).map(([k, v]) => [k, v.status]))
    expect(status).toEqual({
      bundle: 'copied',
      legacy: 'copied',
      mismatch: 'failed',
      untrusted: 'failed',
      notlog: 'failed',
      every: 'copied',
      partly: 'failed'
    })
    expect(got.bundle!.digest).toBe(digests.bundle)
    expect(got.every!.digest).toBe(digests.every)
    expect(got.mismatch!.error).toMatch(
      /^unverified: bundle referrer sha256:[0-9a-f]{12}: identity mismatch \(certificate for "https:\/\/git\.example\/evil\/app\/.* from "https:\/\/token\.actions\.example"; the policy accepts /
    )
    expect(got.untrusted!.error).toMatch(
      /^unverified: bundle referrer sha256:[0-9a-f]{12}: untrusted certificate \(/
    )
    expect(got.notlog!.error).toMatch(
      /^unverified: bundle referrer sha256:[0-9a-f]{12}: missing transparency-log proof/
    )
    expect(got.partly!.error).toMatch(
      /^unverified: no signature found \(.*\); and not every platform is signed: linux\/arm64 sha256:[0-9a-f]{12}: no signature found/
    )
    expect(exitCodeFor(r)).toBe(1)
  })

  test('log optional: the keyless bundle without a log entry is accepted (its certificate checked at the current time)', async () => {
    const r = await sync(config(yaml('o', ['notlog'], '      transparency-log: optional\n'), dir), { client })
    expect(r.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
  })

  test('a platform filter that leaves out the unsigned platform: the signed one is enough', async () => {
    const r = await sync(
      config(yaml('p', ['partly']).replace('images:\n', '  platforms: [linux/amd64]\nimages:\n'), dir),
      { client }
    )
    expect(r.images.map(i => [i.status, i.error])).toEqual([['copied', undefined]])
  })

  test.each([
    ['405 Method Not Allowed', 405, {}],
    ['a redirect to a web page (GHCR)', 302, { location: 'https://example.invalid/features/packages' }],
    ['429 Too Many Requests', 429, { 'retry-after': '0' }]
  ])(
    'a registry answering the referrers endpoint with %s counts as having no API for the rest of the run: the fallback tag and .sig are read',
    async (_name, status, headers) => {
      const up = upstreamFor(src.url)
      const seen: string[] = []
      const front = await listen((req, res, origin) => {
        seen.push(`${req.method} ${req.url}`)
        if (/\/referrers\//.test(req.url ?? '')) {
          res.writeHead(status, { 'content-type': 'text/html', ...headers }).end('<html>not here</html>')
          return
        }
        openUpstream(req, up).then(
          upRes => {
            res.writeHead(upRes.statusCode ?? 502, relayHeaders(upRes, up, origin))
            upRes.pipe(res)
          },
          err => res.writeHead(502).end(String(err))
        )
      })
      const own = await clientFor([src, dst], { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 } })
      try {
        const prefix = `f${status}`
        const r = await sync(
          config(yaml(prefix, ['bundle', 'legacy', 'every']).replaceAll(src.host, front.host), dir),
          { client: own.client }
        )
        expect(r.images.map(i => [i.status, i.error])).toEqual([
          ['copied', undefined],
          ['copied', undefined],
          ['copied', undefined]
        ])
        const referrerAsks = seen.filter(l => l.includes('/referrers/'))
        // One question (with its retries, for a 429), then never again in this run, though three
        // images (and every platform of one) were looked up.
        expect(new Set(referrerAsks.map(l => l.replace(/sha256:[0-9a-f]{64}/, 'D'))).size).toBe(1)
        expect(referrerAsks.length).toBe(status === 429 ? 2 : 1)
        // The bundle was found in the fallback tag, the legacy signature in its .sig tag.
        expect(seen.some(l => l.startsWith('GET ') && /\/manifests\/sha256-[0-9a-f]{64}$/.test(l))).toBe(true)
        expect(seen.some(l => l.startsWith('GET ') && /\/manifests\/sha256-[0-9a-f]{64}\.sig$/.test(l))).toBe(
          true
        )
      } finally {
        await own.done()
        await front.stop()
      }
    }
  )

  test('verdicts are kept in the state file: a rerun writing the same source digest elsewhere makes no signature request; another policy checks again', async () => {
    const file = join(dir, 'state.json')
    // referrers: false, so the copies themselves read no referrers or .sig tags: every such
    // request in the access log is the verifier's.
    const sigRequests = async () =>
      (await src.accessLog()).filter(e =>
        /\/referrers\/|\/manifests\/sha256-[0-9a-f]{64}(\.sig)?$/.test(e.path)
      )
    const run = async (prefix: string, subject = '^https://git\\.example/acme/') => {
      const state = await StateStore.load(file)
      await src.clearAccessLog()
      const y = yaml(prefix, ['bundle', 'legacy', 'every'])
        .replace(/subject: '[^']*'/, `subject: '${subject}'`)
        .replace('images:\n', '  referrers: false\nimages:\n')
      const r = await sync(config(y, dir), { client, state })
      expect(r.images.map(i => [i.status, i.error])).toEqual([
        ['copied', undefined],
        ['copied', undefined],
        ['copied', undefined]
      ])
      await state.save(file)
      const all = await sigRequests()
      if (prefix === 's2') expect(all).toEqual([])
      return all.filter(e => !e.path.includes('/referrers/')).length
    }
    const first = await run('s1')
    expect(first).toBeGreaterThan(0)
    expect(await run('s2')).toBe(0)
    // Another identity pattern is another policy: looked up again, the same requests (the
    // referrers API probe aside: whether the client still asks depends on what it learnt before).
    expect(await run('s3', '^https://git\\.example/acme/app/')).toBe(first)
  })

  test("the CLI: verify and copy --verify-… with cosign's flag names; failures exit 1 with the reason, usage errors 2", async () => {
    const root = join(dir, 'trusted_root.json')
    const id = [
      '--certificate-identity-regexp',
      '^https://git\\.example/acme/app/',
      '--certificate-oidc-issuer',
      ISSUER,
      '--trusted-root',
      root
    ]
    const ok = await cli(['verify', ...id, `docker://${src.host}/kl/bundle:1`])
    expect([ok.code, ok.stderr]).toEqual([0, ''])
    expect(ok.stdout).toBe(
      `Verified OK: ${src.host}/kl/bundle@${digests.bundle}: bundle referrer ${ok.stdout.match(/referrer (sha256:[0-9a-f]{12})/)?.[1]}, certificate "${GOOD}" from "${ISSUER}", transparency log\n`
    )
    const legacy = await cli(['verify', ...id, `docker://${src.host}/kl/legacy:1`])
    expect(legacy.code).toBe(0)
    const bad = await cli(['verify', ...id, `docker://${src.host}/kl/mismatch:1`])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^mirror-action verify: .*\/kl\/mismatch@sha256:[0-9a-f]{64}: unverified: bundle referrer sha256:[0-9a-f]{12}: identity mismatch/
    )
    const notlog = await cli(['verify', ...id, `docker://${src.host}/kl/notlog:1`])
    expect([notlog.code, notlog.stderr]).toEqual([1, expect.stringMatching(/missing transparency-log proof/)])
    expect(
      (await cli(['verify', ...id, '--insecure-ignore-tlog', `docker://${src.host}/kl/notlog:1`])).code
    ).toBe(0)
    const usage = await cli([
      'verify',
      '--certificate-identity-regexp',
      'x',
      `docker://${src.host}/kl/bundle:1`
    ])
    expect([usage.code, usage.stderr]).toEqual([
      2,
      'mirror-action verify: --certificate-identity-regexp and --certificate-oidc-issuer go together: give both\n'
    ])

    const copied = await cli([
      'copy',
      ...id,
      `docker://${src.host}/kl/every:1`,
      `docker://${dst.host}/cli/every:1`
    ])
    expect(copied.code).toBe(0)
    expect(copied.stderr).toMatch(/Verified sha256:[0-9a-f]{64}: every platform copied is signed/)
    const refused = await cli([
      'copy',
      ...id,
      `docker://${src.host}/kl/untrusted:1`,
      `docker://${dst.host}/cli/untrusted:1`
    ])
    expect([refused.code, refused.stderr]).toEqual([
      1,
      expect.stringMatching(/unverified: bundle referrer sha256:[0-9a-f]{12}: untrusted certificate/)
    ])
    const c = await clientFor([dst])
    try {
      expect(
        (await c.client.manifestHead({ registry: dst.host, repository: 'cli/every', tag: '1' }))?.digest
      ).toBe(digests.every)
      expect(
        await c.client.manifestHead({ registry: dst.host, repository: 'cli/untrusted', tag: '1' })
      ).toBeUndefined()
    } finally {
      await c.done()
    }
  })
})
