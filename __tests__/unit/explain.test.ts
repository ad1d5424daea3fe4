/** `sync --explain`: which filter kept or dropped each tag, and the lines the CLI prints for an entry. */
import { describe, expect, test } from '@jest/globals'
import { explainTags, parseConfig, selectTags, type TagFilter } from '../../src/config/index.js'
import { formatExplanation } from '../../src/report/index.js'

const TAGS = ['latest', 'v1.2.3', 'v1.5.0', 'v1.6.0-rc.1', 'v2.1', 'v2.2', '1.27.3', 'v3.0.0', 'nightly-2024']

type Row = [string, TagFilter, string, boolean, string, RegExp]

describe('explainTags: the deciding filter, per kind', () => {
  test.each<Row>([
    [
      'tags (exact): not listed',
      { tags: ['v1.5.0'] },
      'v2.1',
      false,
      'tags',
      /matches none of tags \["v1.5.0"\]/
    ],
    ['tags (exact): listed', { tags: ['v1.5.0'] }, 'v1.5.0', true, 'tags', /matches tags "v1.5.0"/],
    ['tags (glob)', { tags: ['v2.*'] }, 'v2.2', true, 'tags', /matches tags "v2\.\*"/],
    ['tags (regex)', { tags: ['/^v[0-9]+\\.[0-9]+$/'] }, 'v1.2.3', false, 'tags', /matches none of tags/],
    [
      'exclude',
      { tags: ['*'], exclude: ['nightly-*'] },
      'nightly-2024',
      false,
      'exclude',
      /matches exclude "nightly-\*"/
    ],
    [
      'semver: an exact tag outside the range (the old README example)',
      { tags: ['v1.2.3', 'v2.*'], semver: '>=1.4 <3' },
      'v1.2.3',
      false,
      'semver',
      /1\.2\.3 is outside semver ">=1.4 <3"/
    ],
    ['semver: inside', { semver: '>=1.4 <3' }, 'v2.1', true, 'semver', /2\.1\.0 is within semver ">=1.4 <3"/],
    ['semver: prerelease', { semver: '>=1.4 <3' }, 'v1.6.0-rc.1', false, 'semver', /is a prerelease: semver/],
    ['semver: not a version', { semver: '>=1' }, 'latest', false, 'semver', /not a version/],
    ['latest: beyond N', { latest: 2 }, 'v2.1', false, 'latest', /newest 3 of 6: latest keeps 2/],
    ['latest: within N', { latest: 2 }, 'v3.0.0', true, 'latest', /newest 1 of 6, latest keeps 2/],
    [
      'latest: prerelease',
      { latest: 2 },
      'v1.6.0-rc.1',
      false,
      'latest',
      /prerelease: latest counts releases only/
    ],
    ['latest: not a version', { latest: 2 }, 'nightly-2024', false, 'latest', /not a version/]
  ])('%s', (_name, filter, tag, kept, by, reason) => {
    const v = explainTags(TAGS, filter).verdicts.find(x => x.tag === tag)!
    expect({ kept: v.kept, by: v.by }).toEqual({ kept, by })
    expect(v.reason).toMatch(reason)
  })

  test.each<[TagFilter]>([
    [{ tags: ['*'] }],
    [{ tags: ['v*'], exclude: ['*-rc*'] }],
    [{ semver: '>=1.4 <3' }],
    [{ semver: '>=1.6.0-rc.0' }],
    [{ latest: 3, exclude: ['v3*'] }],
    [{ tags: ['/^v[0-9.]+$/'], semver: '^2', latest: 1 }]
  ])('%j: the kept verdicts are exactly selectTags, every listed tag has one', filter => {
    const x = explainTags(TAGS, filter)
    expect(x.kept).toEqual(selectTags(TAGS, filter))
    expect(new Set(x.verdicts.filter(v => v.kept).map(v => v.tag))).toEqual(new Set(x.kept))
    expect(x.verdicts.map(v => v.tag)).toEqual(TAGS)
  })
})

describe('formatExplanation', () => {
  const config = parseConfig(
    [
      'version: 1',
      'images:',
      '  ghcr.io/org/app:',
      '    target: registry.example.com/ns/app',
      '    tags: ["v1.2.3", "v2.*"]',
      '    semver: ">=1.4 <3"',
      '    platforms: [linux/amd64]',
      '  nginx:1.27: registry.example.com/ns/nginx',
      ''
    ].join('\n'),
    'mirror.yaml'
  )

  test('a filtered entry: a head line with the filters, then keep/drop per tag', () => {
    const entry = config.images[0]!
    const { verdicts } = explainTags(['v1.2.3', 'v2.1', 'latest'], entry.filter!)
    expect(formatExplanation({ entry, listed: 3, verdicts })).toEqual([
      'explain  ghcr.io/org/app → registry.example.com/ns/app: 1 of 3 listed tags kept (tags ["v1.2.3","v2.*"], semver ">=1.4 <3", platforms linux/amd64 of each image)',
      '  drop  v1.2.3  semver: 1.2.3 is outside semver ">=1.4 <3"',
      '  keep  v2.1    matches tags "v2.*"; 2.1.0 is within semver ">=1.4 <3"',
      '  drop  latest  tags: matches none of tags ["v1.2.3","v2.*"]'
    ])
  })

  test('an entry that names its tag: no filter applies', () => {
    expect(formatExplanation({ entry: config.images[1]!, listed: 0, verdicts: [] })).toEqual([
      'explain  nginx:1.27 → registry.example.com/ns/nginx: the source names its tag or digest, no tag filter applies (platforms: all)'
    ])
  })
})
