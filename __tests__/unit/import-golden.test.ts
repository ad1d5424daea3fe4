/**
 * `sync --import` golden files: each input in the other tool's format converts to exactly the
 * `.expected` config, and that config loads through the config loader (a conversion that does
 * not load is no conversion).
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importConfig, parseConfig, targetFor, type ImportFormat } from '../../src/config/index.js'

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import')
const PREFIX = 'registry.example.com/mirror'

describe.each<[string, ImportFormat, number]>([
  ['regsync.yaml', 'regsync', 4],
  ['image-syncer.json', 'image-syncer', 8],
  ['images.txt', 'list', 8],
  ['skopeo.yaml', 'skopeo', 5]
])('%s (--import %s)', (file, format, entries) => {
  const yaml = importConfig(readFileSync(join(DIR, file), 'utf8'), format, file, { target: PREFIX })

  test('converts to the golden config', () => {
    expect(yaml).toBe(readFileSync(join(DIR, `${file}.expected`), 'utf8'))
  })

  test('the config loads, every entry with a target', () => {
    const c = parseConfig(yaml, `${file}.yaml`)
    expect(c.images).toHaveLength(entries)
    for (const e of c.images) expect(() => targetFor(e, 'x')).not.toThrow()
  })
})

test('regsync: referrers off unless asked, per step or in defaults; tags allow/deny as tags/exclude', () => {
  const c = parseConfig(
    importConfig(readFileSync(join(DIR, 'regsync.yaml'), 'utf8'), 'regsync', 'r.yaml'),
    'o.yaml'
  )
  expect(c.images.map(e => [e.source, e.referrers])).toEqual([
    ['busybox:latest', false],
    ['alpine', false],
    ['ghcr.io/org/tool', true],
    ['quay.io/prometheus/node-exporter:latest', false]
  ])
  expect(c.images[1]!.filter).toEqual({ tags: ['latest', 'edge', '3', '/3.\\d+/'], exclude: ['/3.0/'] })
  expect(c.registries).toEqual({ 'localhost:5000': { insecure: true } })
})

describe('regsync: refused with a reason', () => {
  test.each([
    [
      'sync:\n  - source: alpine\n    target: "{{ .Sync.Source }}"\n    type: image\n',
      'r.yaml:3:13: target "{{ .Sync.Source }}": Go templates cannot be converted'
    ],
    [
      'sync:\n  - source: alpine:3\n    target: r.example.com/a\n    type: repository\n',
      'a repository step names no tag or digest'
    ],
    [
      'sync:\n  - source: alpine\n    target: r.example.com/a\n    type: repo\n',
      'type: expected image, repository or registry, got "repo"'
    ],
    [
      'sync:\n  - source: alpine\n    target: r.example.com/a\n    tags:\n      allow: ["("]\n',
      'tags.allow: invalid regex'
    ],
    ['sync:\n  - source: alpine\n    typ: image\n', 'unknown key "typ" in sync step (did you mean "type"?)'],
    [
      'creds:\n  - registry: r.example.com\n    tls: off\n',
      'expected enabled, insecure or disabled, got "off"'
    ],
    ['version: 2\nsync: []\n', 'only regsync config version 1 is known']
  ])('%j', (text, expected) => {
    expect(() => importConfig(text, 'regsync', 'r.yaml')).toThrow(expected)
  })
})
