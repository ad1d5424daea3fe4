import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DigestCache,
  KEY_PREFIX,
  runKey,
  sigstoreDirFor,
  stateFileFor,
  usesTufRoot,
  stateKeyPrefix,
  type CacheBackend
} from '../../src/action/index.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'action-cache-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function backend(available: boolean, restored?: string): CacheBackend & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return {
    calls,
    isFeatureAvailable: () => available,
    async restoreCache(paths, key, restoreKeys) {
      calls.push(['restore', paths, key, restoreKeys])
      return restored
    },
    async saveCache(paths, key) {
      calls.push(['save', paths, key])
      return 42
    }
  }
}

describe('stateKeyPrefix', () => {
  test('depends on the set of targets only, not their order or duplicates', () => {
    const a = stateKeyPrefix(['r/x:1', 'r/y'])
    expect(a).toMatch(new RegExp(`^${KEY_PREFIX}[0-9a-f]{16}-$`))
    expect(stateKeyPrefix(['r/y', 'r/x:1', 'r/y'])).toBe(a)
    expect(stateKeyPrefix(['r/y', 'r/x:2'])).not.toBe(a)
  })
  test.each([
    [undefined, ''],
    [{ index: 1, count: 1 }, ''],
    [{ index: 2, count: 3 }, 's2of3-']
  ])('shard %j keeps matrix jobs apart', (shard, suffix) => {
    expect(stateKeyPrefix(['t'], shard).endsWith(`-${suffix}`)).toBe(true)
  })
  test('state file name follows the prefix', () => {
    expect(stateFileFor('/tmp/r', 'mirror-action-state-0123-')).toBe('/tmp/r/mirror-action-state-0123.json')
  })
  test.each([
    [{ GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2' }, '77-2'],
    [{ GITHUB_RUN_ID: '77' }, '77-1']
  ])('runKey %j', (env, want) => expect(runKey(env)).toBe(want))
})

describe('DigestCache', () => {
  test('restores by prefix and saves under prefix + run key', async () => {
    const file = join(dir, 'state.json')
    await writeFile(file, '{}')
    const b = backend(true, 'mirror-action-state-abc-9-1')
    const c = new DigestCache({
      enabled: true,
      file,
      prefix: 'mirror-action-state-abc-',
      runKey: '10-1',
      backend: b,
      info: () => {},
      warn: () => {}
    })
    expect(await c.restore()).toBe('mirror-action-state-abc-9-1')
    expect(await c.save()).toBe(true)
    expect(b.calls).toEqual([
      ['restore', [file], 'mirror-action-state-abc-10-1', ['mirror-action-state-abc-']],
      ['save', [file], 'mirror-action-state-abc-10-1']
    ])
    expect(c.note()).toBe('restored from mirror-action-state-abc-9-1.')
  })

  test('without a cache service it warns once and carries on', async () => {
    const warnings: string[] = []
    const b = backend(false)
    const c = new DigestCache({
      enabled: true,
      file: join(dir, 'x.json'),
      prefix: 'p-',
      runKey: '1-1',
      backend: b,
      warn: w => warnings.push(w),
      info: () => {}
    })
    expect(await c.restore()).toBeUndefined()
    expect(await c.save()).toBe(false)
    expect(b.calls).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/cache service is not available/)
  })

  test('a failing service is a warning, once, not an error', async () => {
    const warnings: string[] = []
    const b: CacheBackend = {
      isFeatureAvailable: () => true,
      restoreCache: async () => {
        throw new Error('Key Validation Error')
      },
      saveCache: async () => {
        throw new Error('boom')
      }
    }
    const file = join(dir, 'y.json')
    await writeFile(file, '{}')
    const c = new DigestCache({
      enabled: true,
      file,
      prefix: 'p-',
      runKey: '1-1',
      backend: b,
      warn: w => warnings.push(w),
      info: () => {}
    })
    await expect(c.restore()).resolves.toBeUndefined()
    await expect(c.save()).resolves.toBe(false)
    expect(warnings).toEqual([expect.stringMatching(/could not be restored \(Key Validation Error\)/)])
  })

  test('cache: false never touches the service and says so', async () => {
    const b = backend(true)
    const warnings: string[] = []
    const c = new DigestCache({
      enabled: false,
      file: join(dir, 'z.json'),
      prefix: 'p-',
      runKey: '1',
      backend: b,
      warn: w => warnings.push(w)
    })
    await c.restore()
    await c.save()
    expect(b.calls).toEqual([])
    expect(warnings).toEqual([])
    expect(c.note()).toMatch(/^disabled/)
  })

  test('nothing to save when the state file was never written', async () => {
    const b = backend(true)
    const c = new DigestCache({
      enabled: true,
      file: join(dir, 'never.json'),
      prefix: 'p-',
      runKey: '1',
      backend: b,
      info: () => {}
    })
    expect(await c.save()).toBe(false)
    expect(b.calls).toEqual([])
  })
})

describe('the TUF folder of trusted-root: auto', () => {
  const policy = (p: Record<string, unknown>) => ({
    signatures: {
      mode: 'enforce',
      keys: [],
      keyless: [],
      trustedRoot: 'auto',
      transparencyLog: 'required',
      ...p
    }
  })
  test.each([
    ['no signature policy', false, {}],
    [
      'keyless, auto',
      true,
      policy({ keyless: [{ issuer: 'i', subject: 's' }], transparencyLog: 'optional' })
    ],
    ['keyed, log required, auto', true, policy({ keys: ['/k.pub'] })],
    ['keyed, log optional: no root read', false, policy({ keys: ['/k.pub'], transparencyLog: 'optional' })],
    ['a trusted_root.json file', false, policy({ trustedRoot: { file: '/r.json' } })]
  ])('%s → cached: %s', (_name, want, entry) => {
    const config = { images: [{}, entry] } as unknown as Parameters<typeof usesTufRoot>[0]
    expect(usesTufRoot(config)).toBe(want)
  })

  test('lives next to the state file of its prefix', () => {
    expect(sigstoreDirFor('/tmp/r', 'mirror-action-state-0123-')).toBe(
      '/tmp/r/mirror-action-state-0123-sigstore'
    )
  })

  test('travels in the same entry as the state file; a new root is worth a save, a new timestamp is not', async () => {
    const file = join(dir, 'tuf-state.json')
    const tuf = join(dir, 'tuf')
    const b = backend(true)
    const c = new DigestCache({
      enabled: true,
      file,
      sigstoreDir: tuf,
      prefix: 'p-',
      runKey: '2-1',
      backend: b,
      info: () => {},
      warn: () => {}
    })
    await c.restore()
    // Nothing fetched (no image verified): nothing to save for it.
    expect(await c.sigstoreChanged()).toBe(false)
    await mkdir(join(tuf, 'targets'), { recursive: true })
    await writeFile(join(tuf, 'root.json'), '{"v":1}')
    await writeFile(join(tuf, 'targets', 'trusted_root.json'), '{}')
    expect(await c.sigstoreChanged()).toBe(true)
    expect(await c.save()).toBe(true)
    expect(b.calls).toEqual([
      ['restore', [file, tuf], 'p-2-1', ['p-']],
      ['save', [file, tuf], 'p-2-1']
    ])

    // The next run restored it: refreshing only the timestamp changes nothing worth an entry.
    const c2 = new DigestCache({
      enabled: true,
      file,
      sigstoreDir: tuf,
      prefix: 'p-',
      runKey: '3-1',
      backend: backend(true),
      info: () => {}
    })
    await c2.restore()
    await writeFile(join(tuf, 'timestamp.json'), '{"t":2}')
    expect(await c2.sigstoreChanged()).toBe(false)
    await writeFile(join(tuf, 'targets', 'trusted_root.json'), '{"new":true}')
    expect(await c2.sigstoreChanged()).toBe(true)
  })
})
