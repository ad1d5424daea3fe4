/**
 * Fuzzing the config loader and importers with seeded random input: every input must give either
 * a config or ConfigErrors (with positions inside the text), never another exception or a hang.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigErrors } from '../../src/config/index.js'
import { importConfig } from '../../src/config/index.js'
import { parseConfig } from '../../src/config/index.js'

/** mulberry32: small, seedable, good enough to pick fragments. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FRAGMENTS = [
  'version: 1',
  'version: 2',
  'version:',
  'defaults:',
  'target: r.example.com/ns',
  'target: oci:./m',
  'target:',
  'images:',
  'registries:',
  'platforms: all',
  'platforms: [linux/amd64',
  'platforms: [linux/arm/v7]',
  'verify: true',
  'tags: ["*"]',
  'tags: [1.10, /x(/]',
  'semver: ">=1 <2"',
  'semver: <<',
  'latest: 3',
  'latest: -1',
  'exclude: [*-rc]',
  'nginx:1.27: ~',
  'nginx:1.27:',
  'redis: 7.4',
  'Bad:Ref: x',
  'quay.io/a/b@sha256:abc: ~',
  'a:1: r.example.com/x/y',
  '- nginx',
  '- [a]',
  '- {a: b}',
  '? complex',
  ': value',
  '&anchor',
  '*anchor',
  '!!str',
  '!tag',
  '---',
  '...',
  '%YAML 1.2',
  '"unterminated',
  "'single'",
  '{',
  '}',
  '[',
  ']',
  ',',
  '#comment',
  '|',
  '>',
  '\t',
  '\uFEFF',
  '\u0000',
  'é',
  '😀',
  'insecure: yes',
  'password: x',
  'ca-file: ../x',
  'max-chunk-size: 4MiB',
  'convert: docker',
  'max-age: 7d',
  '~',
  'null'
]

function randomText(next: () => number): string {
  const lines: string[] = []
  const n = 1 + Math.floor(next() * 25)
  for (let i = 0; i < n; i++) {
    const indent = ' '.repeat(Math.floor(next() * 4) * 2)
    const parts = 1 + Math.floor(next() * 3)
    let line = indent
    for (let p = 0; p < parts; p++) line += (p ? ' ' : '') + FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]
    lines.push(line)
  }
  return lines.join(next() < 0.1 ? '\r\n' : '\n')
}

/** Byte-level mutations of a known-good config keep the input close to valid, where bugs hide. */
function mutate(text: string, next: () => number): string {
  const chars = [...text]
  const edits = 1 + Math.floor(next() * 6)
  const alphabet = ':-[]{}"\'\t\n #&*!|>~,./@0123456789abcXYZ'
  for (let i = 0; i < edits && chars.length > 0; i++) {
    const at = Math.floor(next() * chars.length)
    const op = next()
    const c = alphabet[Math.floor(next() * alphabet.length)]
    if (op < 0.33) chars.splice(at, 1)
    else if (op < 0.66) chars.splice(at, 0, c)
    else chars[at] = c
  }
  return chars.join('')
}

/** Plain checks rather than expect() per error: tens of thousands of errors are checked. */
function expectConfigOrErrors(text: string): 'ok' | 'errors' {
  try {
    parseConfig(text, 'fuzz.yaml')
    return 'ok'
  } catch (err) {
    if (!(err instanceof ConfigErrors))
      throw new Error(`not a ConfigErrors for ${JSON.stringify(text)}`, { cause: err })
    if (err.errors.length === 0) throw new Error(`empty ConfigErrors for ${JSON.stringify(text)}`)
    const lineCount = text.split(/\r?\n|\r/).length
    for (const e of err.errors) {
      const ok =
        e.message.startsWith(`fuzz.yaml:${e.line}:${e.col}: `) &&
        e.line >= 1 &&
        e.line <= lineCount + 1 &&
        e.col >= 1
      if (!ok) throw new Error(`bad position in ${JSON.stringify(e.message)} for ${JSON.stringify(text)}`)
    }
    return 'errors'
  }
}

const goodDir = join(process.cwd(), '__tests__', 'fixtures', 'configs', 'good')
const GOOD = readdirSync(goodDir)
  .filter(f => f.endsWith('.yaml'))
  .map(f => readFileSync(join(goodDir, f), 'utf8'))

describe('config fuzz', () => {
  test('random fragments: a config or ConfigErrors, nothing else', () => {
    const next = rng(20260127)
    const seen = { ok: 0, errors: 0 }
    for (let i = 0; i < 2000; i++) seen[expectConfigOrErrors(randomText(next))]++
    expect(seen.errors).toBeGreaterThan(0)
  })

  test('mutated good configs: a config or ConfigErrors, nothing else', () => {
    const next = rng(7)
    const seen = { ok: 0, errors: 0 }
    for (let i = 0; i < 3000; i++) seen[expectConfigOrErrors(mutate(GOOD[i % GOOD.length], next))]++
    // Both outcomes occur, so the mutations neither always break nor never break the input.
    expect(seen.ok).toBeGreaterThan(0)
    expect(seen.errors).toBeGreaterThan(0)
  })

  test('importers: our YAML or ConfigErrors, nothing else', () => {
    const next = rng(99)
    for (let i = 0; i < 600; i++) {
      const text = i % 2 ? randomText(next) : mutate(GOOD[i % GOOD.length], next)
      for (const format of ['skopeo', 'image-syncer', 'list'] as const) {
        try {
          const yaml = importConfig(text, format, 'fuzz.txt', 'r.example.com/ns')
          if (typeof yaml !== 'string') throw new Error('importConfig returned no text')
        } catch (err) {
          if (!(err instanceof ConfigErrors)) {
            throw new Error(`${format}: not a ConfigErrors for ${JSON.stringify(text)}`, { cause: err })
          }
        }
      }
    }
  })
})
