import { expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { USER_AGENT, VERSION } from '../../src/registry/index.js'

test('the User-Agent names the project and the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  expect(VERSION).toBe(pkg.version)
  expect(USER_AGENT).toBe(`mirror-action/${pkg.version}`)
})
