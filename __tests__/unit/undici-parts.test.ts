import { describe, expect, test } from '@jest/globals'
import * as undici from 'undici'
import { Agent, EnvHttpProxyAgent, request } from '../../src/http/index.js'

// src/registry/undici.ts loads undici's modules by path to skip its index; an upgrade that moves
// or renames them must fail here, not at a user's first request.
describe('undici parts loaded by path', () => {
  test.each([
    ['Agent', Agent, undici.Agent],
    ['EnvHttpProxyAgent', EnvHttpProxyAgent, undici.EnvHttpProxyAgent]
  ])('%s is the class undici exports', (_name, ours, theirs) => {
    expect(ours).toBe(theirs)
  })

  test('request is a function of the dispatcher and URL', () => {
    expect(typeof request).toBe('function')
    expect(request.length).toBe(2)
  })
})
