/**
 * The action's two boundaries (CONTRIBUTING.md, docker/login-action's layout): inputs and the
 * runner's environment are read only in action/context.ts, so every other module gets typed values
 * it can be tested with; and only action/main.ts fails the step, so a helper cannot end the run
 * behind main's back (log.ts holds the one wrapper, which neutralises workflow commands).
 * Read from the sources, so a new `process.env` or `core.getInput` elsewhere fails `npm test`.
 */
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap(n => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : []
  })
}

// Comments may talk about the environment; code may not read it.
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

const sources = walk(join(ROOT, 'src')).map(f => ({
  file: relative(ROOT, f).split('\\').join('/'),
  text: code(readFileSync(f, 'utf8'))
}))

/** Files (other than `allowed`) among `scope` whose code matches `pattern`. */
function offenders(scope: (file: string) => boolean, pattern: RegExp, allowed: string[]): string[] {
  return sources
    .filter(s => scope(s.file) && !allowed.includes(s.file) && pattern.test(s.text))
    .map(s => s.file)
}

const inAction = (f: string): boolean => f.startsWith('src/action/') || f === 'src/index.ts'

describe('action boundaries', () => {
  test.each([
    ['process.env', /\bprocess\.env\b/],
    ['an @actions/core input reader', /\bget(Boolean|Multiline)?Input\s*\(/],
    ['the process environment, destructured', /\{[^}]*\}\s*=\s*process\b/]
  ])('only action/context.ts reads %s', (_, pattern) => {
    expect(offenders(inAction, pattern, ['src/action/context.ts'])).toEqual([])
  })

  test('only action/main.ts fails the step (through the one wrapper in log.ts)', () => {
    expect(offenders(() => true, /\bsetFailed\b/, ['src/action/main.ts', 'src/action/log.ts'])).toEqual([])
    const log = sources.find(s => s.file === 'src/action/log.ts')!.text
    // The wrapper itself, and nothing else in log.ts: one definition, one core.setFailed inside it.
    expect(log.match(/\bsetFailed\b/g)).toHaveLength(2)
    expect(log).toMatch(/setFailed: \(lines[^)]*\)[^=]*=>\s*core\.setFailed\(/)
  })

  test('the scan sees the sources it guards', () => {
    const ctx = sources.find(s => s.file === 'src/action/context.ts')!.text
    expect(ctx).toMatch(/\bprocess\.env\b/)
    expect(ctx).toMatch(/\bgetInput\(/)
    expect(sources.find(s => s.file === 'src/action/main.ts')!.text).toMatch(/\bsetFailed\(/)
  })
})
