/**
 * The config corpus: every good config parses to its recorded JSON, every bad config fails with
 * exactly the `file:line:col: message` lines of its `.expected` file (all of them, in order).
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigErrors } from '../../src/config/index.js'
import { parseConfig } from '../../src/config/index.js'

const dir = join(process.cwd(), '__tests__', 'fixtures', 'configs')
const yamlIn = (sub: string): string[] =>
  readdirSync(join(dir, sub))
    .filter(f => f.endsWith('.yaml'))
    .sort()

function errorsOf(text: string, file: string): string[] {
  try {
    parseConfig(text, file)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigErrors)
    return (err as ConfigErrors).errors.map(e => e.message)
  }
  throw new Error(`${file} parsed without errors`)
}

describe('good configs', () => {
  test.each(yamlIn('good'))('%s', name => {
    const text = readFileSync(join(dir, 'good', name), 'utf8')
    const expected = JSON.parse(readFileSync(join(dir, 'good', name.replace(/\.yaml$/, '.json')), 'utf8'))
    expect(JSON.parse(JSON.stringify(parseConfig(text, name)))).toEqual(expected)
  })
})

describe('bad configs', () => {
  test('the corpus covers every kind of bad input', () => {
    expect(yamlIn('bad').length).toBeGreaterThanOrEqual(30)
  })

  test.each(yamlIn('bad'))('%s', name => {
    const text = readFileSync(join(dir, 'bad', name), 'utf8')
    const expected = readFileSync(join(dir, 'bad', name.replace(/\.yaml$/, '.expected')), 'utf8')
      .split('\n')
      .filter(l => l !== '')
    expect(expected.length).toBeGreaterThan(0)
    const got = errorsOf(text, name)
    expect(got).toEqual(expected)
    // Every message names the file and a 1-based position inside the text.
    const lines = text.replace(/^\uFEFF/, '').split('\n')
    for (const e of got) {
      const m = /^([^:]+):(\d+):(\d+): \S/.exec(e)
      expect(m).not.toBeNull()
      expect(m![1]).toBe(name)
      expect(Number(m![2])).toBeGreaterThanOrEqual(1)
      expect(Number(m![2])).toBeLessThanOrEqual(Math.max(1, lines.length))
      expect(Number(m![3])).toBeGreaterThanOrEqual(1)
    }
  })
})

describe('the shipped example', () => {
  test('examples/mirror.yaml is a valid config', () => {
    const text = readFileSync(join(process.cwd(), 'examples', 'mirror.yaml'), 'utf8')
    const config = parseConfig(text, 'mirror.yaml')
    expect(config.images.map(e => e.target)).toEqual([
      'registry.cn-hangzhou.aliyuncs.com/my-ns/nginx:1.27',
      'registry.cn-hangzhou.aliyuncs.com/my-ns/redis',
      'registry.cn-hangzhou.aliyuncs.com/my-ns/node-exporter',
      'registry.cn-hangzhou.aliyuncs.com/my-ns/otel-collector'
    ])
    expect(config.images[3].keepAttestations).toBe(false)
  })

  test('examples/retention.yaml is a valid config', () => {
    const text = readFileSync(join(process.cwd(), 'examples', 'retention.yaml'), 'utf8')
    const config = parseConfig(text, 'retention.yaml')
    expect(config.images.map(e => [e.prune, e.keep, e.pruneLimit])).toEqual([
      [true, ['*-lts'], 10],
      [true, ['*-lts', '17.2'], 10],
      [false, ['*-lts'], 10]
    ])
    expect(config.retention).toEqual({ prune: true, keep: ['*-lts'], pruneLimit: 10 })
  })
})
