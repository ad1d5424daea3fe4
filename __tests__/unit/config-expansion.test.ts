/**
 * The work bound of reading a config: YAML aliases and merge keys nested in a few kilobytes stand
 * for billions of entries. Such a config is refused at the line of the alias that crosses the bound,
 * before anything expands it; shared defaults of an ordinary config are still accepted.
 */
import { describe, expect, test } from '@jest/globals'
import { ConfigErrors, parseConfig } from '../../src/config/index.js'
import { seededRandom } from '../harness/index.js'

/** `version`, then anchored maps, each merging the one before `width` times. */
function mergeChain(depth: number, width: number): string {
  const lines = ['version: 1', 'images:', '  r.example.com/a/m0:v1: &e0', '    target: r.example.com/b/m0']
  lines.push('    platforms: [linux/amd64]')
  for (let i = 1; i <= depth; i++) {
    const aliases = Array<string>(width).fill(`*e${i - 1}`)
    lines.push(`  r.example.com/a/m${i}:v1: &e${i}`, `    <<: [${aliases.join(', ')}]`)
    lines.push(`    target: r.example.com/b/m${i}`)
  }
  return lines.join('\n') + '\n'
}

/** The same with lists of aliases (`&l2 [*l1, *l1, …]`) under a key that takes a list. */
function aliasChain(depth: number, width: number): string {
  const lines = ['version: 1', 'x0: &l0 [linux/amd64]']
  for (let i = 1; i <= depth; i++)
    lines.push(
      `x${i}: &l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(', ')}]`
    )
  lines.push('images:', '  r.example.com/a/b:v1:', '    target: r.example.com/c', `    platforms: *l${depth}`)
  return lines.join('\n') + '\n'
}

function outcome(text: string): { ok: true } | { ok: false; messages: string[] } {
  try {
    parseConfig(text, 'bomb.yaml')
    return { ok: true }
  } catch (err) {
    if (!(err instanceof ConfigErrors)) throw new Error(`not a ConfigErrors for ${text}`, { cause: err })
    return { ok: false, messages: err.errors.map(e => e.message) }
  }
}

const EXPANDS = /^bomb\.yaml:(\d+):\d+: YAML: aliases and merge keys \(<<\) expand the config to more than/

describe('YAML expansion bombs', () => {
  test.each([
    ['merge keys 10 deep, 8 wide', mergeChain(10, 8)],
    ['merge keys 30 deep, 2 wide', mergeChain(30, 2)],
    ['lists of aliases 10 deep, 8 wide', aliasChain(10, 8)]
  ])('%s: refused, naming the line of the alias', (_what, text) => {
    expect(Buffer.byteLength(text)).toBeLessThan(4096)
    const r = outcome(text)
    expect(r.ok).toBe(false)
    const m = r.ok ? null : EXPANDS.exec(r.messages[0] ?? '')
    expect(m).not.toBeNull()
    // The line holds an alias.
    expect(text.split('\n')[Number(m![1]) - 1]).toMatch(/\*[el]\d+/)
  })

  test('shared defaults by merge key and alias are accepted', () => {
    const text = [
      'version: 1',
      'images:',
      '  r.example.com/a/one:v1: &common',
      '    target: r.example.com/b',
      '    platforms: &both [linux/amd64, linux/arm64]',
      '  r.example.com/a/two:v1:',
      '    <<: *common',
      '    target: r.example.com/d',
      '  r.example.com/a/three:v1:',
      '    target: r.example.com/c',
      '    platforms: *both',
      ''
    ].join('\n')
    expect(outcome(text)).toEqual({ ok: true })
  })

  /**
   * Seeded shapes around the bound: each case's work is bounded by the loader itself (the test
   * never waits on a clock), and what the generator knows of its expansion decides the outcome
   * at both ends: far below the bound accepted, far above it refused for expansion.
   */
  test('fuzz: merge keys and aliases of random depth and width are accepted or refused', () => {
    const next = seededRandom(19)
    const seen = { accepted: 0, refused: 0 }
    for (let i = 0; i < 200; i++) {
      const depth = 1 + Math.floor(next() * 14)
      const width = 1 + Math.floor(next() * 8)
      const lists = next() < 0.5
      let text = lists ? aliasChain(depth, width) : mergeChain(depth, width)
      // Now and then a stray edit: an alias to an anchor not yet defined, a broken flow list.
      const damaged = next() < 0.2
      if (damaged) text = text.replace(`*${lists ? 'l' : 'e'}0`, next() < 0.5 ? '*nowhere' : '[*e0')
      const expanded = width ** depth
      const r = outcome(text)
      if (r.ok) seen.accepted++
      else seen.refused++
      // Merges nest at most 8 deep (a limit of their own, with its own message).
      if (!damaged && !lists && depth <= 8 && expanded < 1000) expect(r).toEqual({ ok: true })
      if (!damaged && expanded > 1e7) {
        expect(r.ok).toBe(false)
        expect(r.ok ? '' : r.messages[0]).toMatch(EXPANDS)
      }
    }
    expect(seen.accepted).toBeGreaterThan(0)
    expect(seen.refused).toBeGreaterThan(0)
  })
})
