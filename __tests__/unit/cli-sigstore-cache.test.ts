// Where the CLI keeps the TUF metadata of `trusted-root: auto`: a folder that outlives the run.
import { describe, expect, test } from '@jest/globals'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseCopyArgs, parseSyncArgs, sigstoreCacheDir } from '../../src/cli/index.js'

describe('sigstoreCacheDir', () => {
  test.each([
    ['the flag wins', 'cache/tuf', { XDG_CACHE_HOME: '/xdg' }, resolve('cache/tuf')],
    ['XDG_CACHE_HOME', undefined, { XDG_CACHE_HOME: '/xdg' }, '/xdg/mirror-action/sigstore'],
    [
      'a relative XDG_CACHE_HOME is ignored',
      undefined,
      { XDG_CACHE_HOME: 'rel' },
      join(homedir(), '.cache/mirror-action/sigstore')
    ],
    ['~/.cache otherwise', undefined, {}, join(homedir(), '.cache/mirror-action/sigstore')]
  ])('%s', (_name, flag, env, want) => {
    expect(sigstoreCacheDir(flag, env)).toBe(want)
  })

  test('sync and copy take --sigstore-cache, and default to the per-user folder', () => {
    expect(parseSyncArgs(['--config', 'm.yaml', '--sigstore-cache', 'tuf']).sigstoreCache).toBe(
      resolve('tuf')
    )
    expect(parseSyncArgs(['--config', 'm.yaml']).sigstoreCache).toBe(sigstoreCacheDir(undefined))
    const copy = parseCopyArgs([
      '--sigstore-cache',
      'tuf2',
      'docker://r.example/a:1',
      'docker://r.example/b:1'
    ])
    expect(copy !== 'help' && copy.sigstoreCache).toBe(resolve('tuf2'))
  })
})
