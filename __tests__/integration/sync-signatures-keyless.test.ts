/**
 * sync with keyless `signatures.verify` against real registries: cosign-shaped keyless bundles and
 * legacy `.sig` signatures whose certificates come from the harness's private CA (standing in for
 * Fulcio) and whose log entries are signed by its private log key (standing in for Rekor), checked
 * against a trusted_root.json file listing both: offline, as an air-gapped site would run.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeFor, StateStore, sync, type SyncReport } from '../../src/sync/index.js'
import type { RegistryClient } from '../../src/registry/index.js'
import { startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config } from './sync-helpers.js'

import { keylessYaml, pushKeylessCases } from './keyless-fixtures.js'

jest.setTimeout(180_000)

describe('sync verifies keyless signatures against a private trusted root', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  let client: RegistryClient
  let done: () => Promise<void>
  let yaml: ReturnType<typeof keylessYaml>
  let digests: Record<string, string> = {}
  const dir = mkdtempSync(join(tmpdir(), 'sync-keyless-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    ;({ client, done } = await clientFor([src, dst]))
    ;({ digests } = await pushKeylessCases(src, dir))
    yaml = keylessYaml(src, dst)
  })
  afterAll(async () => {
    await done?.()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

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
})
