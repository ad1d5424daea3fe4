/**
 * README's troubleshooting table and the program's messages cannot drift: every message the
 * registry-personality tests assert (fixtures/troubleshooting.json) has its row in the table, and the
 * messages built here by the same code the client runs still match those patterns.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeFailure, type Flavour } from '../../src/http/index.js'
import { parseReference } from '../../src/oci/index.js'
import { flavourOf } from '../../src/registry/index.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const rows = JSON.parse(
  readFileSync(join(ROOT, '__tests__', 'fixtures', 'troubleshooting.json'), 'utf8')
) as {
  id: string
  message: string
  readme: string
}[]
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const start = readme.indexOf('\n## Troubleshooting')
const table = readme
  .slice(start, readme.indexOf('\n## ', start + 1))
  .split('\n')
  .filter(l => l.startsWith('| '))
  .join('\n')

const what = 'blob sha256:0123 in registry.example/ns/app'
const oci = (codes: string[], messages: string[] = []) => ({ codes, messages })
const fail = (flavour: Flavour | undefined, ...args: Parameters<typeof describeFailure>) =>
  describeFailure(args[0], args[1], args[2], args[3], args[4], { ...(args[5] as object), flavour })

/** The message the client builds for each row, from the code that builds it in a run. */
const built: Record<string, () => string> = {
  'dockerhub-library': () =>
    fail(undefined, 'pull', what, 401, oci(['UNAUTHORIZED']), undefined, {
      credentialSource: 'the credentials input',
      insufficientScope: true
    }),
  'aliyun-namespace': () =>
    fail('aliyun', 'push', what, 403, oci(['DENIED'], ['requested access to the resource is denied'])),
  'aliyun-depth': () => fail('aliyun', 'pull', what, 400, oci([])),
  'aliyun-empty-config': () =>
    fail(
      'aliyun',
      'push',
      what,
      403,
      oci(['DENIED'], ['unknown manifest class for application/vnd.oci.empty.v1+json'])
    ),
  'aliyun-quota': () =>
    fail(
      'aliyun',
      'push',
      what,
      403,
      oci(['DENIED'], ['requested access to the resource is denied: repository quota exceeded'])
    ),
  'harbor-project': () => fail('harbor', 'pull', what, 401, oci(['UNAUTHORIZED'])),
  'ghcr-416': () =>
    fail(
      'ghcr',
      'push',
      what,
      416,
      oci(['REQUESTED_RANGE_NOT_SATISFIABLE'], ['the request body is too large'])
    ),
  'ecr-repository': () =>
    fail('ecr', 'push', what, 404, oci(['NAME_UNKNOWN'], ["The repository with name 'x' does not exist"])),
  uppercase: () => {
    try {
      parseReference('ghcr.io/MyOrg/app:1')
    } catch (e) {
      return String(e)
    }
    return ''
  }
}

describe('README troubleshooting table', () => {
  test.each(rows.map(r => [r.id, r] as const))('%s has its row', (_id, row) => {
    expect(table).toContain(row.readme)
  })

  test.each(Object.entries(built))('%s: the client still words it as the table says', (id, make) => {
    const row = rows.find(r => r.id === id)
    expect(row).toBeDefined()
    expect(make()).toMatch(new RegExp(row!.message, 'i'))
  })
})

describe('which registry product answered', () => {
  test.each([
    ['registry-1.docker.io', {}, 'dockerhub'],
    ['127.0.0.1:5000', { service: 'registry.docker.io' }, 'dockerhub'],
    ['registry.cn-hangzhou.aliyuncs.com', {}, 'aliyun'],
    ['127.0.0.1:5000', { realm: 'https://dockerauth.cn-hangzhou.aliyuncs.com/auth' }, 'aliyun'],
    ['127.0.0.1:5000', { service: 'registry.aliyuncs.com:cn-hangzhou:26842' }, 'aliyun'],
    ['ghcr.io', {}, 'ghcr'],
    ['127.0.0.1:5000', { service: 'harbor-registry' }, 'harbor'],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com', {}, 'ecr'],
    ['127.0.0.1:5000', { service: 'ecr.amazonaws.com' }, 'ecr'],
    ['quay.io', {}, 'quay'],
    ['registry.example', { service: 'registry.example' }, undefined]
  ])('%s %j → %s', (host, challenge, flavour) => {
    expect(flavourOf(host, challenge)).toBe(flavour)
  })
})
