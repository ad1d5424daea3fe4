/**
 * Keyless verification through registries without a referrers API (fronts answering 405, a redirect,
 * 429) and through the CLI (`verify`, `copy --certificate-identity-regexp …`), against the same
 * private trusted root as sync-signatures-keyless.test.ts.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sync } from '../../src/sync/index.js'
import {
  listen,
  openUpstream,
  relayHeaders,
  startRegistry,
  upstreamFor,
  type StartedRegistry
} from '../harness/index.js'
import { cli, clientFor, config } from './sync-helpers.js'

import { GOOD, ISSUER, keylessYaml, pushKeylessCases } from './keyless-fixtures.js'

jest.setTimeout(180_000)

describe('keyless verification: registries without referrers, and the CLI', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let yaml: ReturnType<typeof keylessYaml>
  let digests: Record<string, string> = {}
  const dir = mkdtempSync(join(tmpdir(), 'keyless-cli-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ digests } = await pushKeylessCases(src, dir))
    yaml = keylessYaml(src, dst)
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
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
