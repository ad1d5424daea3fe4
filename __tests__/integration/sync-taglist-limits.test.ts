/**
 * A registry whose tag list never ends (every page links to a next one with new tags) must not keep
 * a run reading: the listing stops at `max-tags` (default 100000) or its page allowance, with an
 * error naming the registry, the repository and the limit. Requests are counted at the hostile
 * front; the CLI's peak RSS is read from /usr/bin/time. A real registry's list is read whole.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SyncReport } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { run } from '../harness/index.js'
import { startFront, type Front } from './client-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(120_000)

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
// Far past every expected count: a listing that does not stop meets 404s here instead of running
// for minutes, so the old code fails quickly too.
const FUSE = 400

interface Endless {
  /** Tags on page i (1-based), and the next page's path, or undefined to end. */
  page(i: number, path: string): { tags: string[]; next?: string }
}

/** Serves /v2/<repo>/tags/list from `shape`, counting requests; everything else goes to the registry. */
async function endlessFront(
  reg: StartedRegistry,
  repo: string,
  shape: Endless
): Promise<Front & { requests: () => number }> {
  let n = 0
  const front = await startFront(reg, (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? ''
    if (!url.startsWith(`/v2/${repo}/tags/list`) && !url.startsWith('/next')) return false
    n++
    if (n > FUSE) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"errors":[{"code":"NAME_UNKNOWN","message":"fuse"}]}')
      return true
    }
    const p = shape.page(n, url)
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (p.next) headers.link = `<${p.next}>; rel="next"`
    res.writeHead(200, headers)
    res.end(JSON.stringify({ name: repo, tags: p.tags }))
    return true
  })
  return { ...front, requests: () => n }
}

const fresh = (per: number): Endless => ({
  page: i => ({
    tags: Array.from({ length: per }, (_, j) => `p${i}-${j}`),
    next: `/next?page=${i + 1}`
  })
})

/** The CLI from the TypeScript sources under /usr/bin/time: its result and peak RSS in MiB. */
async function cliPeak(
  args: string[]
): Promise<{ code: number; stdout: string; stderr: string; mib: number }> {
  const docker = mkdtempSync(join(tmpdir(), 'taglimit-docker-config-'))
  try {
    const r = await run(
      '/usr/bin/time',
      [
        '-f',
        'peak-rss-kib %M',
        process.execPath,
        '--import',
        join(ROOT, 'scripts', 'ts-loader.mjs'),
        join(ROOT, 'src', 'cli.ts'),
        ...args
      ],
      { env: { ...process.env, DOCKER_CONFIG: docker, NODE_OPTIONS: '' }, timeoutMs: 110_000 }
    )
    const m = /peak-rss-kib (\d+)/.exec(r.stderr)
    if (!m) throw new Error(`no peak RSS in:\n${r.stderr}`)
    return { ...r, mib: Number(m[1]) / 1024 }
  } finally {
    rmSync(docker, { recursive: true, force: true })
  }
}

describe('tag lists that never end', () => {
  let reg: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-taglimit-'))

  beforeAll(async () => {
    reg = await startRegistry({ mode: 'anonymous' })
    for (const t of ['1.0', '1.1', '2.0'])
      await pushImage(reg, 'lib/app', t, buildImage({ seed: `taglimit-${t}`, layerSizes: [256] }))
  })
  afterAll(async () => {
    await reg?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  test('`tags` with the default limit: 101 pages of 1000, an error naming registry and limit, bounded RSS', async () => {
    const front = await endlessFront(reg, 'lib/endless', fresh(1000))
    try {
      const r = await cliPeak(['tags', `docker://${front.host}/lib/endless`])
      console.log(`tags of an endless list: ${front.requests()} pages, peak RSS ${r.mib.toFixed(1)} MiB`)
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(
        `mirror-action tags: ${front.host}/lib/endless: the tag list has more than 100000 tags (page 101); stopped reading.`
      )
      expect(r.stderr).toContain(`max-tags 100000 for registry ${front.host}`)
      expect(r.stderr).toContain(`registries."${front.host}".max-tags in the config, or --max-tags N`)
      // 100 full pages reach the limit; the 101st goes past it. No 102nd request.
      expect(front.requests()).toBe(101)
      // Before the cap the same list grew the process past 2 GB.
      expect(r.mib).toBeLessThan(300)
    } finally {
      await front.stop()
    }
  })

  test('`tags --max-tags 250`: three pages of 100, then the error', async () => {
    const front = await endlessFront(reg, 'lib/endless', fresh(100))
    try {
      const r = await cli(['tags', '--max-tags', '250', `docker://${front.host}/lib/endless`])
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/lib\/endless: the tag list has more than 250 tags \(page 3\)/)
      expect(front.requests()).toBe(3)
    } finally {
      await front.stop()
    }
  })

  test('`tags --max-tags 0` is a usage error', async () => {
    const r = await cli(['tags', '--max-tags', '0', `docker://${reg.host}/lib/app`])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/invalid --max-tags '0'/)
  })

  test.each([
    ['3 tags, --max-tags 3: all of them', '3', 0, ['1.0', '1.1', '2.0']],
    ['3 tags, --max-tags 2: an error, no partial list', '2', 1, []]
  ])('a real registry, %s', async (_name, max, code, out) => {
    const r = await cli(['tags', '--max-tags', max, `docker://${reg.host}/lib/app`])
    expect(r.code).toBe(code)
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(out)
    if (code) expect(r.stderr).toContain(`${reg.host}/lib/app: the tag list has more than 2 tags`)
  })

  test.each<[string, Endless, string[], number, RegExp]>([
    ['new tags on every page', fresh(10), [], 6, /the tag list has more than 50 tags \(page 6\)/],
    [
      'empty pages, a new Link each time',
      fresh(0),
      [],
      6,
      /the tag list goes on past 6 pages \(0 tags read\)/
    ],
    ['--max-tags 30 over the config', fresh(10), ['--max-tags', '30'], 4, /more than 30 tags \(page 4\)/],
    [
      'a Link back to an earlier page',
      { page: i => ({ tags: [`t${i}`], next: i < 3 ? `/next?page=${i + 1}` : '/next?page=2' }) },
      [],
      3,
      /pagination loops/
    ]
  ])('sync, registries.<host>.max-tags 50: %s', async (name, shape, flags, requests, message) => {
    const front = await endlessFront(reg, 'lib/endless', shape)
    try {
      const cfg = join(dir, `${name.replace(/\W+/g, '-')}.yaml`)
      const report = join(dir, `${name.replace(/\W+/g, '-')}.json`)
      writeFileSync(
        cfg,
        `version: 1\nregistries:\n  ${front.host}: { max-tags: 50 }\nimages:\n` +
          `  ${front.host}/lib/endless:\n    target: ${reg.host}/mirror/endless\n    tags: ["*"]\n`
      )
      const r = await cli(['sync', '--config', cfg, '--report', report, ...flags])
      expect(r.code).toBe(1)
      const images = (JSON.parse(readFileSync(report, 'utf8')) as SyncReport).images
      expect(images).toHaveLength(1)
      expect(images[0]).toMatchObject({ status: 'failed', source: `${front.host}/lib/endless` })
      expect(images[0]!.error).toMatch(message)
      expect(images[0]!.error).toContain(`${front.host}/lib/endless`)
      if (!/loops/.test(String(message)))
        expect(images[0]!.error).toMatch(new RegExp(`max-tags \\d+ for registry ${front.host}`))
      expect(front.requests()).toBe(requests)
    } finally {
      await front.stop()
    }
  })
})
