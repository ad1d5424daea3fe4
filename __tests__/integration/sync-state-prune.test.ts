/**
 * `sync --state`: entries for images the config no longer selects (dropped from the config, or a
 * tag its filter no longer picks) leave the state file; another config's entries sharing the file,
 * entries whose tags could not be listed, other shards' entries and dry runs leave it alone.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StateEntry } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { startFront, type Front } from './client-helpers.js'
import { cli, counts, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

describe('sync --state prunes what the config no longer selects', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  /** Relays to `src`; resets every tag listing while `failLists` is set. */
  let front: Front
  let failLists = false
  const dir = mkdtempSync(join(tmpdir(), 'sync-state-prune-'))
  const state = join(dir, 'state.json')

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    front = await startFront(src, req => {
      if (!failLists || !req.url?.includes('/tags/list')) return false
      req.socket.resetAndDestroy()
      return true
    })
    const images: [string, string][] = [
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
      ['c', '2'],
      ['d', '1'],
      ...['p', 'q', 'r', 's'].map((x): [string, string] => [x, '1'])
    ]
    for (const [name, tag] of images)
      await pushImage(
        src,
        `lib/${name}`,
        tag,
        buildImage({ seed: `prune-${name}-${tag}`, layerSizes: [512] })
      )
  })
  afterAll(async () => {
    await front?.stop()
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  const write = (name: string, lines: string[]): string => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(file, `version: 1\nimages:\n${lines.join('\n')}\n`)
    return file
  }
  /** Config one: a and b by tag, and the newest tag of c through the front. */
  const one = (withB: boolean) =>
    write('one', [
      `  ${src.host}/lib/a:1: ${dst.host}/one/a`,
      ...(withB ? [`  ${src.host}/lib/b:1: ${dst.host}/one/b`] : []),
      `  ${front.host}/lib/c:\n    target: ${dst.host}/one/c\n    tags: ["*"]\n    latest: 1`
    ])
  const two = () => write('two', [`  ${src.host}/lib/d:1: ${dst.host}/two/d`])
  const sync = async (config: string, ...flags: string[]) => {
    const r = await cli(['sync', '--config', config, '--state', state, ...flags])
    expect(stderrProblems(r.stderr)).toEqual([])
    return r
  }
  /** `repository:tag config-name` of every state entry, sorted. */
  const entries = (): string[] =>
    Object.values(
      (JSON.parse(readFileSync(state, 'utf8')) as { entries: Record<string, StateEntry> }).entries
    )
      .map(e => `${e.target.slice(dst.host.length + 1)} ${e.config!.slice(dir.length + 1)}`)
      .sort()

  test('a dropped image and a tag the filter moved past leave; the other config’s entries stay', async () => {
    await sync(one(true))
    await sync(two())
    expect(entries()).toEqual([
      'one/a:1 one.yaml',
      'one/b:1 one.yaml',
      'one/c:2 one.yaml',
      'two/d:1 two.yaml'
    ])

    // b leaves the config; c gets a newer tag, so `latest: 1` no longer selects c:2.
    const edited = one(false)
    await pushImage(src, 'lib/c', '3', buildImage({ seed: 'prune-c-3', layerSizes: [512] }))

    const before = readFileSync(state)
    const dry = await sync(edited, '--dry-run')
    expect(dry.code).toBe(0)
    expect(readFileSync(state).equals(before)).toBe(true)

    const r = await sync(edited)
    expect(r.stdout).toMatch(/^total: 2 images: 1 copied, 1 skipped, 0 failed/m)
    expect(entries()).toEqual(['one/a:1 one.yaml', 'one/c:3 one.yaml', 'two/d:1 two.yaml'])

    // What stays still answers a rerun on its own: HEADs at the source, nothing at the target.
    await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
    const again = await sync(edited)
    expect(again.stdout).toMatch(/^total: 2 images: 2 skipped, 0 failed/m)
    expect(counts(await src.accessLog()).manifestGets).toBe(0)
    expect(await dst.accessLog()).toEqual([])
    const other = await sync(two())
    expect(other.stdout).toMatch(/^total: 1 images: 1 skipped, 0 failed/m)
    expect(entries()).toEqual(['one/a:1 one.yaml', 'one/c:3 one.yaml', 'two/d:1 two.yaml'])
  })

  test('an entry whose tags cannot be listed keeps its state entries', async () => {
    failLists = true
    try {
      const r = await cli(['sync', '--config', one(false), '--state', state])
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/cannot list tags/)
    } finally {
      failLists = false
    }
    expect(entries()).toEqual(['one/a:1 one.yaml', 'one/c:3 one.yaml', 'two/d:1 two.yaml'])
  })

  test('a shard judges only its own repositories, and any shard drops a repository the config left', async () => {
    const three = (images: string[]) =>
      write(
        'three',
        images.map(x => `  ${src.host}/lib/${x}:1: ${dst.host}/three/${x}`)
      )
    const all = ['p', 'q', 'r', 's']
    await sync(three(all))
    const full = entries()
    expect(full.filter(e => e.startsWith('three/'))).toHaveLength(4)

    // Each shard sees only part of the config: the other part's entries are not its to judge.
    for (const shard of ['1/2', '2/2']) {
      const r = await sync(three(all), '--shard', shard)
      expect(r.stdout).not.toMatch(/^total: 4 images/m)
      expect(entries()).toEqual(full)
    }
    // s left the config, so its repository is no shard's: the first shard to run drops it, only it.
    await sync(three(['p', 'q', 'r']), '--shard', '2/2')
    expect(entries()).toEqual(full.filter(e => !e.startsWith('three/s:')))
  })
})
