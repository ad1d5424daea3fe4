/**
 * `mirror-action delete docker://REF` against real registries, checked with skopeo: by digest the
 * manifest and its tags go; by tag on a registry that cannot untag (distribution 2.8) the manifest
 * goes only when no other tag points at it, else the command names those tags and deletes nothing
 * unless --force; a registry with deletes disabled is refused with one clear line. Credentials and
 * TLS come from the flags every command shares (--creds, --ca-file).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)

describe('mirror-action delete', () => {
  let reg: StartedRegistry
  let locked: StartedRegistry
  beforeAll(async () => {
    ;[reg, locked] = await Promise.all([
      startRegistry({ mode: 'basic', tls: true }),
      startRegistry({ mode: 'anonymous', deleteEnabled: false })
    ])
  })
  afterAll(async () => {
    await Promise.all([reg?.stop(), locked?.stop()])
  })

  const image = (seed: string) => buildImage({ seed: `cli-delete-${seed}`, layerSizes: [64] })
  const flags = () => ['--creds', `${reg.username}:${reg.password}`, '--ca-file', reg.caFile!]
  const del = (...args: string[]) => cli(['delete', ...flags(), ...args])
  const tags = async (r: StartedRegistry, repo: string): Promise<string[]> => {
    const out = await skopeo(['list-tags', `docker://${r.host}/${repo}`], { reg: r })
    expect(out.stderr).toBe('')
    return (JSON.parse(out.stdout) as { Tags: string[] }).Tags.sort()
  }
  const served = async (r: StartedRegistry) =>
    (await r.accessLog()).filter(e => e.method === 'DELETE' && e.status !== 401).map(e => e.status)

  test('by tag: refuses when another tag shares the digest (naming it), --force deletes both; an unshared tag goes', async () => {
    await pushImage(reg, 'm/d', 'a', image('a'))
    await pushImage(reg, 'm/d', 'b', image('a'))
    await pushImage(reg, 'm/d', 'c', image('c'))
    await reg.clearAccessLog()
    const refused = await del(`docker://${reg.host}/m/d:a`)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /is also tagged "b"; deleting it would delete those too\. Nothing was deleted \(--force/
    )
    expect(await served(reg)).toEqual([400])
    expect(await tags(reg, 'm/d')).toEqual(['a', 'b', 'c'])

    const forced = await del('--force', `docker://${reg.host}/m/d:a`)
    expect(forced.stderr).toBe('')
    expect(forced.code).toBe(0)
    expect(forced.stdout).toMatch(/^deleted \S+m\/d:a \(manifest sha256:[0-9a-f]{64} and tag\(s\) b\)$/m)
    expect(await tags(reg, 'm/d')).toEqual(['c'])

    const alone = await del(`docker://${reg.host}/m/d:c`)
    expect(alone.code).toBe(0)
    expect(await tags(reg, 'm/d')).toEqual([])
  })

  test('by digest: the manifest and every tag on it', async () => {
    const digest = await pushImage(reg, 'm/e', 'x', image('e'))
    await pushImage(reg, 'm/e', 'y', image('e'))
    await pushImage(reg, 'm/e', 'z', image('z'))
    const r = await del(`docker://${reg.host}/m/e@${digest}`)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(await tags(reg, 'm/e')).toEqual(['z'])
  })

  test('a registry with deletes disabled: one clear line, exit 1, nothing deleted', async () => {
    await pushImage(locked, 'm/f', 'v1', image('f'))
    const r = await cli(['delete', `docker://${locked.host}/m/f:v1`])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(
      /^mirror-action delete: \S+m\/f:v1: not deleted: the registry refuses deletes: deletes are disabled there \(405 UNSUPPORTED\)$/
    )
    expect(await tags(locked, 'm/f')).toEqual(['v1'])
  })

  test('usage errors exit 2', async () => {
    const r = await cli(['delete', `docker://${reg.host}/m/d`])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/give a tag or a digest/)
  })
})
