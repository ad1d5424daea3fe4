/**
 * A run lists a source repository's tags once: the plan's tag filter and every copied image's
 * cosign-tag lookup share one listing (Docker Hub repositories can have thousands of tags, many pages).
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sync } from '../../src/sync/index.js'
import { buildImage, pushImage, startRegistry, type StartedRegistry } from '../harness/index.js'
import { clientFor, config } from './sync-helpers.js'

jest.setTimeout(120_000)

const tagLists = (log: { method: string; path: string }[]) =>
  log.filter(e => e.method === 'GET' && /^\/v2\/.+\/tags\/list/.test(e.path)).map(e => e.path.split('?')[0])

describe('tag listing per run', () => {
  let src: StartedRegistry
  let dst: StartedRegistry
  const dir = mkdtempSync(join(tmpdir(), 'sync-taglist-'))

  beforeAll(async () => {
    ;[src, dst] = await Promise.all([
      startRegistry({ mode: 'anonymous' }),
      startRegistry({ mode: 'anonymous' })
    ])
    for (const t of ['1.0', '1.1', '2.0', 'other'])
      await pushImage(src, 'lib/app', t, buildImage({ seed: `taglist-${t}`, layerSizes: [512] }))
    await pushImage(src, 'lib/solo', 'v1', buildImage({ seed: 'taglist-solo', layerSizes: [512] }))
  })
  afterAll(async () => {
    await Promise.all([src?.stop(), dst?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  test.each([
    [
      'explicit tags',
      (h: string) => `  ${h}/lib/app:1.0: T/a\n  ${h}/lib/app:1.1: T/a\n  ${h}/lib/app:2.0: T/a\n`
    ],
    ['a tag filter', (h: string) => `  ${h}/lib/app:\n    target: T/b\n    tags: ["1.*", "2.0"]\n`],
    [
      'a filter and an explicit tag',
      (h: string) => `  ${h}/lib/app:\n    target: T/c\n    tags: ["1.*"]\n  ${h}/lib/app:2.0: T/c\n`
    ]
  ])('3 tags of one repository from %s: one tags/list request', async (name, images) => {
    const { client, done } = await clientFor([src, dst])
    try {
      await src.clearAccessLog()
      const yaml = `version: 1\nimages:\n${images(src.host).replaceAll('T/', `${dst.host}/`)}  ${src.host}/lib/solo:v1: ${dst.host}/solo/${name.replace(/\W+/g, '-')}\n`
      const r = await sync(config(yaml, dir), { client })
      expect(r.images.map(i => [i.source.split('/').pop(), i.status]).sort()).toEqual([
        ['app:1.0', 'copied'],
        ['app:1.1', 'copied'],
        ['app:2.0', 'copied'],
        ['solo:v1', 'copied']
      ])
      // Exactly one listing per repository, however many images and entries read it.
      expect(tagLists(await src.accessLog()).sort()).toEqual([
        '/v2/lib/app/tags/list',
        '/v2/lib/solo/tags/list'
      ])
    } finally {
      await done()
    }
  })

  test('concurrent callers share one listing; a failed listing is not kept', async () => {
    const { client, done } = await clientFor([src])
    try {
      await src.clearAccessLog()
      const lists = await Promise.all([1, 2, 3].map(() => client.tagList(src.host, 'lib/app')))
      expect(lists.map(l => [...l].sort())).toEqual(Array(3).fill(['1.0', '1.1', '2.0', 'other']))
      lists[0].push('changed-by-a-caller')
      expect(await client.tagList(src.host, 'lib/app')).not.toContain('changed-by-a-caller')
      for (let i = 0; i < 2; i++)
        await expect(client.tagList(src.host, 'lib/none')).rejects.toThrow(/not found/)
      expect(tagLists(await src.accessLog())).toEqual([
        '/v2/lib/app/tags/list',
        '/v2/lib/none/tags/list',
        '/v2/lib/none/tags/list'
      ])
    } finally {
      await done()
    }
  })
})
