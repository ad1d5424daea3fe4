/**
 * Two configs given the same `--state` file: each run merges its entries into the file under a lock
 * instead of overwriting it, so neither loses the other's, whether they run one after the other or
 * at the same time. Each config's rerun is then answered by the state alone: no manifest GET at the
 * source, no request at all to the target (the registries' access logs count them).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StateEntry } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { badGateway, listen, openUpstream, relay, upstreamFor, type ProxyHandle } from '../harness/index.js'
import { cli, counts, stderrProblems } from './sync-helpers.js'

jest.setTimeout(180_000)

/**
 * A front for `reg` that holds every request until open() is called; `reached` resolves at the
 * first request. A CLI run loads its state before its first request, so once both runs' gates are
 * reached, both have read the state file, and both save after: the interleaving that loses entries
 * when the last writer wins, made certain rather than likely.
 */
async function startGate(
  reg: StartedRegistry
): Promise<ProxyHandle & { reached: Promise<void>; open(): void }> {
  const up = upstreamFor(reg.url)
  let open!: () => void
  const opened = new Promise<void>(r => (open = r))
  let reach!: () => void
  const reached = new Promise<void>(r => (reach = r))
  const h = await listen(
    (req, res, origin) => {
      reach()
      opened
        .then(() => openUpstream(req, up))
        .then(
          upRes => relay(req, res, upRes, up, origin),
          err => badGateway(res, err)
        )
    },
    () => up.agent.destroy()
  )
  return { url: h.url, host: h.host, stop: h.stop, reached, open }
}

describe('two configs sharing one --state file', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-shared-state-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    for (const name of ['a', 'b', 'c', 'd'])
      await pushImage(
        src,
        `lib/${name}`,
        '1',
        buildImage({ seed: `shared-state-${name}`, layerSizes: [512] })
      )
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  /** Config `name` mirrors lib/<x>:1 for each x through `host` to dst/<name>/<x>. */
  const configFile = (name: string, host: string, images: string[]): string => {
    const file = join(dir, `${name}.yaml`)
    const lines = images.map(x => `  ${host}/lib/${x}:1: ${dst.host}/${name}/${x}`)
    writeFileSync(file, `version: 1\nimages:\n${lines.join('\n')}\n`)
    return file
  }
  const syncWith = (config: string, state: string) => cli(['sync', '--config', config, '--state', state])
  const entriesOf = (state: string): StateEntry[] =>
    Object.values(
      (JSON.parse(readFileSync(state, 'utf8')) as { entries: Record<string, StateEntry> }).entries
    )

  test.each([
    ['concurrently', 'con'],
    ['one after the other', 'seq']
  ])('%s: the state keeps both configs’ entries', async (how, id) => {
    const stateDir = join(dir, id)
    mkdirSync(stateDir)
    const state = join(stateDir, 'state.json')
    const [gateA, gateB] = await Promise.all([startGate(src), startGate(src)])
    try {
      // Targets of their own per case: the second case must copy too, not find its targets there.
      const one = configFile(`${id}-one`, gateA.host, ['a', 'b'])
      const two = configFile(`${id}-two`, gateB.host, ['c', 'd'])
      if (how === 'concurrently') {
        const runs = Promise.all([syncWith(one, state), syncWith(two, state)])
        await Promise.all([gateA.reached, gateB.reached])
        gateA.open()
        gateB.open()
        for (const r of await runs) {
          expect(stderrProblems(r.stderr)).toEqual([])
          expect(r.stdout).toMatch(/^total: 2 images: 2 copied, 0 failed/m)
        }
      } else {
        gateA.open()
        gateB.open()
        for (const config of [one, two]) {
          const r = await syncWith(config, state)
          expect(r.stdout).toMatch(/^total: 2 images: 2 copied, 0 failed/m)
        }
      }
      const entries = entriesOf(state)
      expect(entries.map(e => e.target).sort()).toEqual([
        `${dst.host}/${id}-one/a:1`,
        `${dst.host}/${id}-one/b:1`,
        `${dst.host}/${id}-two/c:1`,
        `${dst.host}/${id}-two/d:1`
      ])
      // Each entry names the config that wrote it: a later run can drop its own, never the other's.
      expect(entries.map(e => `${e.config} ${e.target.split('/')[1]}`).sort()).toEqual([
        `${one} ${id}-one`,
        `${one} ${id}-one`,
        `${two} ${id}-two`,
        `${two} ${id}-two`
      ])
      // The lock is released and no temporary file is left beside the state.
      expect(readdirSync(stateDir)).toEqual(['state.json'])

      // Each config's rerun: every image skipped on the state's word alone.
      for (const config of [one, two]) {
        await Promise.all([src.clearAccessLog(), dst.clearAccessLog()])
        const r = await syncWith(config, state)
        expect(r.code).toBe(0)
        expect(r.stdout).toMatch(/^total: 2 images: 2 skipped, 0 failed/m)
        expect(counts(await src.accessLog()).manifestGets).toBe(0)
        expect(await dst.accessLog()).toEqual([])
      }
      expect(entriesOf(state)).toHaveLength(4)
    } finally {
      await Promise.all([gateA.stop(), gateB.stop()])
    }
  })
})
