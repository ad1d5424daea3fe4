/**
 * Retention (`prune: true`) against real registries, checked with skopeo: a run deletes exactly the
 * tags this config wrote that it no longer selects, never a tag it did not write, one that drifted,
 * or one whose digest another tag still needs; `prune-limit` stops a run from deleting anything in
 * a repository; the dry run lists the deletions and sends no DELETE; a registry with deletes
 * disabled is reported once, not as a failure; an entry removed from the config is pruned only
 * with `defaults.prune`, and another config's tags never.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(240_000)

interface Row {
  target: string
  status: string
  note?: string
  prune?: boolean
}

describe('sync retention (prune)', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  /** distribution without storage.delete.enabled: 405 UNSUPPORTED to every DELETE. */
  let locked: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-retention-'))
  const state = join(dir, 'state.json')
  const reportFile = join(dir, 'report.json')

  beforeAll(async () => {
    ;[src, dst, locked] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'token' }),
      startRegistry({ mode: 'anonymous', deleteEnabled: false })
    ])
    for (const repo of ['app', 'lim', 'x', 'y', 'z'])
      for (const tag of ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'])
        await pushImage(
          src,
          `lib/${repo}`,
          tag,
          buildImage({ seed: `ret-${repo}-${tag}`, layerSizes: [128] })
        )
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop(), locked?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const credentials = () => {
    const file = join(dir, 'creds.yaml')
    writeFileSync(file, `${dst.host}:\n  username: ${dst.username}\n  password: ${dst.password}\n`)
    return file
  }
  const write = (name: string, body: string): string => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(file, `version: 1\n${body}`)
    return file
  }
  const sync = async (config: string, ...flags: string[]) => {
    const r = await cli([
      'sync',
      '--config',
      config,
      '--state',
      state,
      '--report',
      reportFile,
      '--credentials',
      credentials(),
      ...flags
    ])
    const rows = (JSON.parse(readFileSync(reportFile, 'utf8')) as { images: Row[] }).images
    const pruned = Object.fromEntries(
      rows.filter(i => i.prune).map(i => [i.target.slice(i.target.indexOf('/') + 1), i])
    )
    return { ...r, rows, pruned }
  }
  const tags = async (reg: StartedRegistry, repo: string): Promise<string[]> => {
    const r = await skopeo(['list-tags', `docker://${reg.host}/${repo}`], { reg })
    expect(r.stderr).toBe('')
    return (JSON.parse(r.stdout) as { Tags: string[] }).Tags.sort()
  }
  /** DELETEs the registry served (a 401 that only asks for a token with the delete scope is left out). */
  const deletes = async (reg: StartedRegistry) =>
    (await reg.accessLog()).filter(e => e.method === 'DELETE' && e.status !== 401)
  const foreign = (seed: string) => buildImage({ seed: `ret-foreign-${seed}`, layerSizes: [64] })
  const appEntry = (latest: number, extra = '') =>
    `  ${src.host}/lib/app:\n    target: ${dst.host}/m/app\n    tags: ["*"]\n    latest: ${latest}\n    prune: true\n    keep: ["1.3"]\n${extra}`

  test('deletes exactly the dropped tags it wrote; drifted, shared-digest, kept and foreign tags stay; the dry run only says so', async () => {
    const config = write('app', `images:\n${appEntry(6)}`)
    const first = await sync(config)
    expect(first.code).toBe(0)
    expect(await tags(dst, 'm/app')).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'])

    // Others use the mirror: a tag of their own, one pushed over a mirrored tag (drift), and one on
    // the digest of a mirrored tag (a digest delete would take it too).
    await pushImage(dst, 'm/app', 'hand', foreign('hand'))
    await pushImage(dst, 'm/app', '1.1', foreign('drift'))
    await pushImage(dst, 'm/app', 'pinned', buildImage({ seed: 'ret-app-1.2', layerSizes: [128] }))

    const narrowed = write('app', `images:\n${appEntry(1)}`)
    await dst.clearAccessLog()
    const stateBefore = readFileSync(state)
    const dry = await sync(narrowed, '--dry-run')
    expect(dry.code).toBe(0)
    expect(await deletes(dst)).toEqual([])
    expect(readFileSync(state).equals(stateBefore)).toBe(true)
    expect(dry.pruned['m/app:1.0']).toMatchObject({ status: 'prune-planned', note: 'would delete' })
    expect(dry.pruned['m/app:1.4']).toMatchObject({ status: 'prune-planned', note: 'would delete' })
    expect(dry.pruned['m/app:1.2'].status).toBe('prune-planned')
    expect(dry.pruned['m/app:1.2'].note).toMatch(/shares its digest with "pinned"/)
    expect(dry.pruned['m/app:1.1'].status).toBe('kept')
    expect(dry.pruned['m/app:1.1'].note).toMatch(/now holds sha256:.* never deleted/)
    expect(dry.pruned['m/app:1.3']).toMatchObject({ status: 'kept', note: 'keep: "1.3" protects it' })
    expect(Object.keys(dry.pruned).sort()).toEqual([
      'm/app:1.0',
      'm/app:1.1',
      'm/app:1.2',
      'm/app:1.3',
      'm/app:1.4'
    ])
    expect(dry.stdout).toMatch(/^prune-planned \S+m\/app:1\.0 +sha256:\S+: would delete$/m)
    expect(await tags(dst, 'm/app')).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5', 'hand', 'pinned'])

    // A pull request without target credentials: the plan is the state's word, and says so.
    await dst.clearAccessLog()
    const blind = await sync(narrowed, '--dry-run', '--no-target-check')
    expect(blind.code).toBe(0)
    expect(
      Object.values(blind.pruned)
        .map(r => r.status)
        .sort()
    ).toEqual(['kept', 'prune-planned', 'prune-planned', 'prune-planned', 'prune-planned'])
    expect(blind.pruned['m/app:1.1'].note).toMatch(/^would delete if the tag still holds .*not checked/)
    expect(await dst.accessLog()).toEqual([])

    await dst.clearAccessLog()
    const real = await sync(narrowed)
    expect(real.code).toBe(0)
    expect(real.pruned['m/app:1.0'].status).toBe('pruned')
    expect(real.pruned['m/app:1.4'].status).toBe('pruned')
    expect(real.pruned['m/app:1.2'].status).toBe('kept')
    expect(real.pruned['m/app:1.2'].note).toMatch(/cannot untag.*"pinned"/)
    expect(real.stdout).toMatch(/^total: 1 images: 1 skipped, 0 failed, 2 pruned, 3 kept;/m)
    expect(await tags(dst, 'm/app')).toEqual(['1.1', '1.2', '1.3', '1.5', 'hand', 'pinned'])
    // distribution 2.8 cannot untag (400 to a tag DELETE): one try, then the two manifests by digest.
    const del = await deletes(dst)
    expect(
      del.map(e => `${e.status} ${e.path.includes('sha256:') ? 'digest' : e.path.split('/').pop()}`)
    ).toEqual(['400 1.0', '202 digest', '202 digest'])

    // The shared-digest tag stays a candidate (the state keeps it); the drifted one is forgotten.
    const again = await sync(narrowed)
    expect(Object.keys(again.pruned).sort()).toEqual(['m/app:1.2', 'm/app:1.3'])
    expect(await tags(dst, 'm/app')).toEqual(['1.1', '1.2', '1.3', '1.5', 'hand', 'pinned'])
  })

  test('over prune-limit nothing in the repository is deleted and the run says how to allow it', async () => {
    const entry = (latest: number, limit: number) =>
      `images:\n  ${src.host}/lib/lim:\n    target: ${dst.host}/m/lim\n    tags: ["*"]\n    latest: ${latest}\n    prune: true\n    prune-limit: ${limit}\n`
    await sync(write('lim', entry(4, 2)))
    await dst.clearAccessLog()
    const over = await sync(write('lim', entry(1, 2)))
    expect(over.code).toBe(0)
    expect(await deletes(dst)).toEqual([])
    expect(Object.values(over.pruned).map(r => r.status)).toEqual(['kept', 'kept', 'kept'])
    expect(over.stderr).toMatch(
      /3 tags to prune in \S+m\/lim exceed prune-limit 2: nothing there is deleted this run; raise prune-limit .* to 3/
    )
    expect(await tags(dst, 'm/lim')).toEqual(['1.2', '1.3', '1.4', '1.5'])

    const raised = await sync(write('lim', entry(1, 3)))
    expect(Object.values(raised.pruned).map(r => r.status)).toEqual(['pruned', 'pruned', 'pruned'])
    expect(await tags(dst, 'm/lim')).toEqual(['1.5'])
  })

  test('a removed entry is pruned only with defaults.prune; another config’s tags never', async () => {
    const other = write('other', `images:\n  ${src.host}/lib/z:1.0: ${dst.host}/m/z\n`)
    await sync(other)
    const both = (prune: boolean, withY: boolean) =>
      write(
        'xy',
        `defaults:\n  prune: ${prune}\nimages:\n  ${src.host}/lib/x:1.0: ${dst.host}/m/x\n` +
          (withY
            ? `  ${src.host}/lib/y:1.0: ${dst.host}/m/y\n  ${src.host}/lib/y:1.1: ${dst.host}/m/y\n`
            : '')
      )
    await sync(both(true, true))
    expect(await tags(dst, 'm/y')).toEqual(['1.0', '1.1'])
    // Entries removed while defaults.prune is off: nothing deleted (and the state forgets them).
    const off = await sync(both(false, false))
    expect(off.pruned).toEqual({})
    expect(await tags(dst, 'm/y')).toEqual(['1.0', '1.1'])
    await sync(both(true, true))
    const removed = await sync(both(true, false))
    expect(removed.code).toBe(0)
    expect(Object.values(removed.pruned).map(r => r.status)).toEqual(['pruned', 'pruned'])
    expect(await tags(dst, 'm/y')).toEqual([])
    expect(await tags(dst, 'm/z')).toEqual(['1.0'])
  })

  test('a registry that refuses deletes is reported once, its tags prune-refused, and the run succeeds', async () => {
    const entry = (latest: number) =>
      `defaults:\n  prune: true\nimages:\n` +
      ['r1', 'r2']
        .map(
          r =>
            `  ${src.host}/lib/${r === 'r1' ? 'x' : 'y'}:\n    target: ${locked.host}/m/${r}\n    tags: ["*"]\n    latest: ${latest}\n`
        )
        .join('')
    await sync(write('locked', entry(2)))
    await locked.clearAccessLog()
    const r = await sync(write('locked', entry(1)))
    expect(r.code).toBe(0)
    expect(Object.values(r.pruned).map(p => p.status)).toEqual(['prune-refused', 'prune-refused'])
    const warnings = r.stderr.split('\n').filter(l => l.includes('refuses deletes'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      new RegExp(
        `${locked.host.replace(/\./g, '\\.')} refuses deletes: deletes are disabled there \\(405 UNSUPPORTED\\); 2 tag\\(s\\) not pruned`
      )
    )
    // One tag DELETE and one digest DELETE learn it; the second repository costs no request.
    expect((await deletes(locked)).map(e => e.status)).toEqual([405, 405])
    expect(await tags(locked, 'm/r1')).toEqual(['1.4', '1.5'])
    expect(await tags(locked, 'm/r2')).toEqual(['1.4', '1.5'])
  })
})
