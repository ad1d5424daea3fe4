/** selectTags and its pieces: exact, glob, /regex/, exclude, semver ranges, latest N, order. */
import { describe, expect, test } from '@jest/globals'
import { compileTagPattern, selectTags, tagPatternError, tagVersion } from '../../src/config/index.js'
import type { TagFilter } from '../../src/config/index.js'

// A realistic tag list (nginx-like), deliberately unsorted and with one duplicate.
const TAGS = [
  'latest',
  '1.27',
  '1.27.0',
  '1.27.1',
  '1.27.2',
  '1.27.2-alpine',
  '1.26.3',
  '1.25',
  '1.10',
  '1.9.15',
  'v2.0.0-rc.1',
  'v2.0.0',
  'v2.1',
  'v2.10',
  'stable',
  'mainline-alpine',
  '3.0.0-beta',
  '1.27.1'
]

describe('selectTags', () => {
  test.each<[string, TagFilter, string[]]>([
    ['all tags, input order, no duplicates', { tags: ['*'] }, [...new Set(TAGS)]],
    ['exact tags', { tags: ['1.27', 'stable', 'missing'] }, ['1.27', 'stable']],
    ['exact 1.10 is not 1.1', { tags: ['1.10'] }, ['1.10']],
    ['glob *', { tags: ['1.27.*'] }, ['1.27.0', '1.27.1', '1.27.2', '1.27.2-alpine']],
    ['glob ?', { tags: ['1.2?'] }, ['1.27', '1.25']],
    ['glob matches the whole tag', { tags: ['*alpine'] }, ['1.27.2-alpine', 'mainline-alpine']],
    ['regex is anchored to the whole tag', { tags: ['/1\\.2[0-9]/'] }, ['1.27', '1.25']],
    ['regex with its own anchors', { tags: ['/^v2\\.[0-9]+$/'] }, ['v2.1', 'v2.10']],
    ['regex with the i flag', { tags: ['/STABLE|LATEST/i'] }, ['latest', 'stable']],
    [
      'several patterns are a union, in input order',
      { tags: ['stable', '1.25', 'latest'] },
      ['latest', '1.25', 'stable']
    ],
    [
      'exclude after include',
      { tags: ['1.27*'], exclude: ['*-alpine', '1.27.0'] },
      ['1.27', '1.27.1', '1.27.2']
    ],
    ['exclude everything', { tags: ['*'], exclude: ['*'] }, []],
    [
      'semver range alone, newest first, non-versions dropped, prereleases left out',
      { semver: '>=1.26' },
      ['v2.10', 'v2.1', 'v2.0.0', '1.27.2', '1.27.1', '1.27', '1.27.0', '1.26.3']
    ],
    [
      'semver range with an upper bound',
      { semver: '>=1.4 <2' },
      ['1.27.2', '1.27.1', '1.27', '1.27.0', '1.26.3', '1.25', '1.10', '1.9.15']
    ],
    ['semver caret', { semver: '^1.26.0' }, ['1.27.2', '1.27.1', '1.27', '1.27.0', '1.26.3']],
    ['semver tilde on two parts', { semver: '~1.27' }, ['1.27.2', '1.27.1', '1.27', '1.27.0']],
    [
      'a range naming a prerelease admits that prerelease line',
      { semver: '>=2.0.0-rc.0 <2.0.1' },
      ['v2.0.0', 'v2.0.0-rc.1']
    ],
    ['semver and tags intersect', { tags: ['v*'], semver: '>=2' }, ['v2.10', 'v2.1', 'v2.0.0']],
    ['latest N among all versions', { tags: ['*'], latest: 3 }, ['v2.10', 'v2.1', 'v2.0.0']],
    [
      'latest drops prereleases and non-versions',
      { tags: ['*'], latest: 100 },
      ['v2.10', 'v2.1', 'v2.0.0', '1.27.2', '1.27.1', '1.27', '1.27.0', '1.26.3', '1.25', '1.10', '1.9.15']
    ],
    ['latest within a range', { semver: '<2', latest: 2 }, ['1.27.2', '1.27.1']],
    ['latest with exclude', { tags: ['1.*'], exclude: ['1.27.2'], latest: 2 }, ['1.27.1', '1.27']],
    ['equal versions sort by tag name', { tags: ['1.27', '1.27.0'], latest: 5 }, ['1.27', '1.27.0']],
    ['nothing matches', { tags: ['9.*'] }, []]
  ])('%s', (_name, filter, expected) => {
    expect(selectTags(TAGS, filter)).toEqual(expected)
  })

  test('the output does not depend on the input order when semver orders it', () => {
    const reversed = [...TAGS].reverse()
    expect(selectTags(reversed, { semver: '>=1' })).toEqual(selectTags(TAGS, { semver: '>=1' }))
  })

  test('an invalid range in a hand-built filter throws', () => {
    expect(() => selectTags(TAGS, { semver: '>=1 <<2' })).toThrow('invalid semver range')
  })

  test('an empty input gives an empty output', () => {
    expect(selectTags([], { tags: ['*'], latest: 3 })).toEqual([])
  })
})

describe('tag patterns', () => {
  test.each([
    ['1.27', undefined],
    ['*', undefined],
    ['v1.?.*', undefined],
    ['/^(a|b)+$/', undefined],
    ['/x/i', undefined],
    ['/(/', 'invalid regex /(/: Unterminated group'],
    ['/x/g', '"/x/g": only the i flag is supported after a /regex/'],
    ['/open', '"/open" starts a /regex/ but has no closing slash'],
    ['//', '"//" is an empty regex'],
    [
      'bad tag',
      '"bad tag" is not a valid tag (letters, digits, _ . - up to 128 characters, not starting with . or -)'
    ],
    [
      '.hidden',
      '".hidden" is not a valid tag (letters, digits, _ . - up to 128 characters, not starting with . or -)'
    ],
    [
      'a'.repeat(129),
      `"${'a'.repeat(129)}" is not a valid tag (letters, digits, _ . - up to 128 characters, not starting with . or -)`
    ],
    [
      '1.2[0-9]*',
      '"1.2[0-9]*" is not a tag glob: tags contain only letters, digits, _ . - (use /regex/ for more)'
    ]
  ])('%j', (pattern, error) => {
    expect(tagPatternError(pattern)).toBe(error)
  })

  test('glob dots are literal', () => {
    expect(compileTagPattern('1.2*')('1x2')).toBe(false)
    expect(compileTagPattern('1.2*')('1.2')).toBe(true)
  })
})

describe('tagVersion', () => {
  test.each([
    ['1.27', '1.27.0'],
    ['v2', '2.0.0'],
    ['v1.8.2', '1.8.2'],
    ['1.27.2-alpine', '1.27.2-alpine'],
    ['1.27-alpine3.20', '1.27.0-alpine3.20'],
    ['0.110.0', '0.110.0'],
    ['latest', null],
    ['1.2.3.4', null],
    ['01.2', null],
    ['V1.2', null],
    ['sha256-abc', null]
  ])('%s', (tag, version) => {
    expect(tagVersion(tag)?.version ?? null).toBe(version)
  })
})
