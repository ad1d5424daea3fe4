import { describe, expect, test } from '@jest/globals'
import { parseConfig, parseDuration } from '../../src/config/index.js'
import { DEFAULT_TIMEOUTS, networkError, timeoutsFor } from '../../src/http/index.js'

describe('timeouts', () => {
  test.each([
    ['10s', 10_000],
    ['1m', 60_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['20', 20_000],
    ['0s', undefined],
    ['2h', undefined],
    ['61m', undefined],
    ['soon', undefined]
  ])('parseDuration(%j) = %s', (raw, want) => expect(parseDuration(raw)).toBe(want))

  test('every default is under a minute', () => {
    for (const ms of Object.values(DEFAULT_TIMEOUTS)) expect(ms).toBeLessThan(60_000)
  })

  test('registries.<host> connect-timeout and response-timeout apply to that host only', () => {
    const cfg = parseConfig(
      'version: 1\nregistries:\n  slow.example: { connect-timeout: 5s, response-timeout: 2m }\nimages:\n  slow.example/a:1: oci:./x\n',
      'm.yaml'
    )
    const slow = cfg.registries['slow.example']
    expect(slow).toEqual({ connectTimeoutMs: 5000, responseTimeoutMs: 120_000 })
    expect(timeoutsFor(DEFAULT_TIMEOUTS, slow)).toEqual({
      connectMs: 5000,
      headersMs: 120_000,
      bodyIdleMs: 120_000
    })
    expect(timeoutsFor(DEFAULT_TIMEOUTS, undefined)).toEqual(DEFAULT_TIMEOUTS)
  })

  test('a bad duration is a config error at its line', () => {
    expect(() =>
      parseConfig(
        'version: 1\nregistries:\n  slow.example:\n    response-timeout: forever\nimages:\n  slow.example/a:1: oci:./x\n',
        'm.yaml'
      )
    ).toThrow(/m\.yaml:4:\d+: .*response-timeout.*a duration like 10s/)
  })

  test.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'connect timeout: no connection to r.example:5000 within 10 s'],
    [
      'UND_ERR_HEADERS_TIMEOUT',
      'response timeout: r.example:5000 accepted the request but sent no response within 30 s'
    ],
    ['UND_ERR_BODY_TIMEOUT', 'response timeout: r.example:5000 stopped sending the response body for 30 s']
  ])('%s names the host and which timeout fired', (code, text) => {
    const e = networkError(
      'GET',
      new URL('https://r.example:5000/v2/'),
      Object.assign(new Error(code), { code }),
      {
        connectMs: 10_000,
        headersMs: 30_000,
        bodyIdleMs: 30_000
      }
    )
    expect(e.message).toContain(text)
  })
})
