import { describe, expect, test } from '@jest/globals'
import { chmodSync, chownSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ownCompileCacheDir } from '../../src/compile-cache.js'

// V8 trusts a code cache: the CLI may only use a cache directory that nobody else can write.
const fresh = (): string => mkdtempSync(join(tmpdir(), 'compile-cache-'))
const dirOf = (base: string): string => join(base, 'mirror-action', 'compile-cache')
const asRoot = process.getuid?.() === 0

describe('ownCompileCacheDir', () => {
  test('creates mirror-action/compile-cache under XDG_CACHE_HOME, mode 0700', () => {
    const base = fresh()
    const dir = ownCompileCacheDir({ XDG_CACHE_HOME: base })
    expect(dir).toBe(dirOf(base))
    expect(statSync(dir!).mode & 0o777).toBe(0o700)
    expect(statSync(join(base, 'mirror-action')).mode & 0o077).toBe(0)
  })

  test('without XDG_CACHE_HOME, or with a relative one (the XDG spec ignores it): ~/.cache', () => {
    for (const env of [{}, { XDG_CACHE_HOME: 'relative/cache' }]) {
      const home = fresh()
      expect(ownCompileCacheDir(env, home)).toBe(dirOf(join(home, '.cache')))
    }
  })

  test.each([
    ['the cache directory is group/world-writable', (base: string) => chmodSync(dirOf(base), 0o777)],
    ['its parent is world-writable', (base: string) => chmodSync(join(base, 'mirror-action'), 0o777)]
  ])('refused when %s', (_what, spoil) => {
    const base = fresh()
    mkdirSync(dirOf(base), { recursive: true, mode: 0o700 })
    spoil(base)
    expect(ownCompileCacheDir({ XDG_CACHE_HOME: base })).toBeUndefined()
  })

  test('refused when the cache directory is a symlink', () => {
    const base = fresh()
    mkdirSync(join(base, 'mirror-action'), { mode: 0o700 })
    const elsewhere = fresh()
    symlinkSync(elsewhere, dirOf(base))
    expect(ownCompileCacheDir({ XDG_CACHE_HOME: base })).toBeUndefined()
  })

  ;(asRoot ? test : test.skip)('refused when another user owns it (needs root to chown)', () => {
    const base = fresh()
    mkdirSync(dirOf(base), { recursive: true, mode: 0o700 })
    chownSync(dirOf(base), 12345, 12345)
    expect(ownCompileCacheDir({ XDG_CACHE_HOME: base })).toBeUndefined()
  })

  test('undefined when the directory cannot be created', () => {
    const base = fresh()
    chmodSync(base, 0o500)
    const got = ownCompileCacheDir({ XDG_CACHE_HOME: join(base, 'sub') })
    // root ignores permission bits; everyone else must get no cache
    if (!asRoot) expect(got).toBeUndefined()
    else expect(got).toBe(dirOf(join(base, 'sub')))
  })
})
