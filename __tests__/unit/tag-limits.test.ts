/**
 * The tag-list caps: how many tags and pages a listing reads before it gives up with an error that
 * names the repository, the registry and the limit. The paging logic runs against a scripted
 * session (no copy is claimed here); integration/sync-taglist-limits.test.ts has the servers.
 */
import { describe, expect, test } from '@jest/globals'
import { parseSyncArgs } from '../../src/cli/index.js'
import { RegistryClient } from '../../src/registry/index.js'
import type { HttpResponse } from '../../src/http/index.js'
import type { RegistryRequest } from '../../src/registry/index.js'
import {
  DEFAULT_MAX_TAGS,
  listTags,
  MAX_TAGS_CEILING,
  maxTagPages,
  parseMaxTags
} from '../../src/registry/index.js'

const HOST = 'registry.test:5000'

/** A client whose session answers tags/list from `page(i)` (1-based); every request is recorded. */
function scripted(
  page: (i: number, url: URL) => { tags: unknown[]; next?: string },
  opts: ConstructorParameters<typeof RegistryClient>[0] = {}
): { client: RegistryClient; requests: string[] } {
  const client = new RegistryClient(opts)
  const requests: string[] = []
  client.session.request = async (r: RegistryRequest): Promise<HttpResponse> => {
    const url = new URL(r.path, `https://${HOST}`)
    requests.push(url.href)
    const p = page(requests.length, url)
    const headers = p.next ? { link: `<${p.next}>; rel="next"` } : {}
    return { status: 200, url: url.href, headers, data: Buffer.from(JSON.stringify({ tags: p.tags })) }
  }
  return { client, requests }
}

const tagsOf = (i: number, n: number): string[] => Array.from({ length: n }, (_, j) => `p${i}-${j}`)
const limits = (maxTags: number) => ({ pageSize: 1000, maxTags })

describe('limits', () => {
  test.each([
    ['1', 1],
    ['100000', 100_000],
    [String(MAX_TAGS_CEILING), MAX_TAGS_CEILING],
    ['0', undefined],
    [String(MAX_TAGS_CEILING + 1), undefined],
    ['-5', undefined],
    ['1e5', undefined],
    ['12.5', undefined],
    ['', undefined],
    [' 7', undefined]
  ])('parseMaxTags(%j) = %s', (s, want) => expect(parseMaxTags(s)).toBe(want))

  test('pages follow the tag limit: ten tags a page on average, plus a trailing empty page', () => {
    expect(maxTagPages(DEFAULT_MAX_TAGS)).toBe(10_001)
    expect(maxTagPages(50)).toBe(6)
    expect(maxTagPages(1)).toBe(2)
  })

  test.each([
    [['--config', 'm.yaml', '--max-tags', '250'], 250],
    [['--config', 'm.yaml'], undefined]
  ])('sync %j: maxTags %s', (args, want) => expect(parseSyncArgs(args).maxTags).toBe(want))

  test.each(['0', 'many', '20000000'])('sync --max-tags %s is a usage error', v =>
    expect(() => parseSyncArgs(['--config', 'm.yaml', '--max-tags', v])).toThrow(
      /invalid --max-tags .*whole number from 1 to 10000000/
    )
  )
})

describe('listTags', () => {
  test('exactly max-tags tags, then an empty page: the whole list, in order, repeats dropped', async () => {
    const { client, requests } = scripted(i =>
      i <= 5
        ? { tags: [...tagsOf(i, 10), ...(i > 1 ? ['p1-0'] : [])], next: `/next?p=${i + 1}` }
        : { tags: [] }
    )
    const tags = await listTags(client, HOST, 'lib/app', limits(50))
    expect(tags).toEqual([1, 2, 3, 4, 5].flatMap(i => tagsOf(i, 10)))
    expect(requests).toHaveLength(6)
  })

  test('one tag over the limit: an error naming repository, registry, limit and how to raise it', async () => {
    const { client, requests } = scripted(i => ({ tags: tagsOf(i, 10), next: `/next?p=${i + 1}` }))
    const err = await listTags(client, HOST, 'lib/app', limits(50)).catch((e: Error) => e)
    expect((err as Error).message).toBe(
      `${HOST}/lib/app: the tag list has more than 50 tags (page 6); stopped reading. The limit is ` +
        `max-tags 50 for registry ${HOST}; if the repository really has more tags, raise it with ` +
        `registries."${HOST}".max-tags in the config, or --max-tags N on the command line`
    )
    expect(requests).toHaveLength(6)
  })

  test('empty pages with a new Link each time: stopped after the page allowance', async () => {
    const { client, requests } = scripted(i => ({ tags: [], next: `/next?p=${i + 1}` }))
    await expect(listTags(client, HOST, 'lib/app', limits(50))).rejects.toThrow(
      /lib\/app: the tag list goes on past 6 pages \(0 tags read\); stopped reading\. The limit is max-tags 50 for registry/
    )
    expect(requests).toHaveLength(6)
  })

  test.each([
    [
      'a Link back to the first page',
      (i: number) => (i < 3 ? `/next?p=${i + 1}` : '/v2/lib/app/tags/list?n=1000')
    ],
    ['a Link back to the page before', (i: number) => (i < 3 ? `/next?p=${i + 1}` : `/next?p=${i - 1}`)]
  ])('%s: a loop error after 3 requests', async (_name, next) => {
    const { client, requests } = scripted(i => ({ tags: tagsOf(i, 10), next: next(i) }))
    await expect(listTags(client, HOST, 'lib/app', limits(1000))).rejects.toThrow(/pagination loops/)
    expect(requests).toHaveLength(3)
  })

  test.each([
    ['longer than 128 characters', 'x'.repeat(129), 'x'.repeat(129)],
    ['of a megabyte', 'x'.repeat(1 << 20), `${'x'.repeat(197)}...`],
    ['with a slash', 'a/b', 'a/b'],
    ['starting with a dot', '.hidden', '.hidden'],
    ['empty', '', '']
  ])(
    'a tag %s is kept for the sync to report, clipped: what a listing holds stays bounded',
    async (_name, bad, kept) => {
      const { client } = scripted(() => ({ tags: ['ok', bad] }))
      expect(await listTags(client, HOST, 'lib/app', limits(1000))).toEqual(['ok', kept])
    }
  )
})

describe('RegistryClient.tagList: which limit applies', () => {
  test.each([
    ['the default', {}, DEFAULT_MAX_TAGS],
    ['registries.<host>.max-tags', { registries: { [HOST]: { maxTags: 20 } } }, 20],
    ['--max-tags over the registry', { registries: { [HOST]: { maxTags: 20 } }, maxTags: 30 }, 30]
  ])('%s', async (_name, opts, limit) => {
    // Pages of 10 until one past the limit: the error names the limit that was applied.
    const { client, requests } = scripted(i => ({ tags: tagsOf(i, 10), next: `/next?p=${i + 1}` }), opts)
    await expect(client.tagList(HOST, 'lib/app')).rejects.toThrow(`more than ${limit} tags`)
    expect(requests).toHaveLength(limit / 10 + 1)
  })
})
