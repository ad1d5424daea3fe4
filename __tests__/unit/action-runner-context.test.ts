/** The runner's environment, read once by action/context.ts, and what the digest cache does with it. */
import { describe, expect, test } from '@jest/globals'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DigestCache, readRunnerContext, type CacheBackend } from '../../src/action/index.js'

const RUNNER = {
  RUNNER_TEMP: '/runner/_temp',
  GITHUB_ACTION: 'mirror',
  GITHUB_EVENT_NAME: 'pull_request_target',
  GITHUB_STEP_SUMMARY: '/runner/_temp/summary.md',
  GITHUB_SERVER_URL: 'https://github.example',
  GITHUB_REPOSITORY: 'o/r',
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '3'
}

describe('readRunnerContext', () => {
  test('on a runner', () => {
    expect(readRunnerContext(RUNNER)).toEqual({
      temp: '/runner/_temp',
      stepId: 'mirror',
      eventName: 'pull_request_target',
      stepSummary: '/runner/_temp/summary.md',
      runKey: '77-3',
      runUrl: 'https://github.example/o/r/actions/runs/77',
      localActionCache: false
    })
  })

  test('outside a runner: defaults, no run link, no summary', () => {
    const c = readRunnerContext({})
    expect(c).toEqual({
      temp: join(tmpdir(), 'mirror-action'),
      stepId: undefined,
      eventName: '',
      stepSummary: undefined,
      runKey: expect.stringMatching(/^local-\d+$/),
      runUrl: undefined,
      localActionCache: false
    })
  })

  test.each([
    ['GITHUB_SERVER_URL', { ...RUNNER, GITHUB_SERVER_URL: '' }],
    ['GITHUB_REPOSITORY', { ...RUNNER, GITHUB_REPOSITORY: undefined }],
    ['GITHUB_RUN_ID', { ...RUNNER, GITHUB_RUN_ID: '' }]
  ])('no run link without %s', (_, env) => {
    expect(readRunnerContext(env).runUrl).toBeUndefined()
  })

  test('empty GITHUB_STEP_SUMMARY means no summary file', () => {
    expect(readRunnerContext({ ...RUNNER, GITHUB_STEP_SUMMARY: '' }).stepSummary).toBeUndefined()
  })
})

describe('LOCAL_ACTION_CACHE_PATH', () => {
  // @github/local-action swaps restoreCache/saveCache for a directory but leaves
  // isFeatureAvailable answering false: the cache must still be used there.
  test.each([
    [{}, 0],
    [{ LOCAL_ACTION_CACHE_PATH: '/tmp/la-cache' }, 1]
  ])('%j: restores %d times with the service reported unavailable', async (env, restores) => {
    const calls: string[] = []
    const backend: CacheBackend = {
      isFeatureAvailable: () => false,
      restoreCache: async () => {
        calls.push('restore')
        return undefined
      },
      saveCache: async () => 1
    }
    const runner = readRunnerContext(env)
    expect(runner.localActionCache).toBe(restores === 1)
    const c = new DigestCache({
      enabled: true,
      file: join(tmpdir(), 'never-written.json'),
      prefix: 'p-',
      runKey: runner.runKey,
      localActionCache: runner.localActionCache,
      backend,
      warn: () => {},
      info: () => {}
    })
    await c.restore()
    expect(calls).toHaveLength(restores)
  })
})
