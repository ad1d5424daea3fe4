// The PR check end to end: on a pull_request event with dry-run and comment, the bundled action
// posts one plan comment through @actions/github, updates that same comment on the next push, and
// only warns when the token may not comment (a fork's PR). The GitHub REST API is a small loopback
// stand-in that records each call; the registries are real.
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildImage,
  pushImage,
  startRegistry,
  removeTempDir,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, errorCommands, runAction, workspace, type Workspace } from './action-helpers.js'
import { isWrite } from './sync-helpers.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_prTokenNeverPrinted0123456789'
let src: StartedRegistry
let dst: StartedRegistry
let entry: string
let bundleDir: string
let ws: Workspace
let api: {
  url: string
  server: Server
  calls: string[]
  comments: { id: number; body: string }[]
  denyWrites: boolean
}

function startApi(): Promise<typeof api> {
  const state = { calls: [] as string[], comments: [] as { id: number; body: string }[], denyWrites: false }
  let next = 500
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      state.calls.push(`${req.method} ${url.pathname}`)
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      }
      if (req.headers.authorization !== `token ${TOKEN}`) return send(401, { message: 'Bad credentials' })
      const body = chunks.length
        ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string })
        : undefined
      if (req.method === 'GET' && url.pathname === '/repos/acme/mirrors/issues/7/comments') {
        return send(
          200,
          state.comments.map(c => ({
            id: c.id,
            body: c.body,
            user: { login: 'github-actions[bot]', type: 'Bot' }
          }))
        )
      }
      if (state.denyWrites) return send(403, { message: 'Resource not accessible by integration' })
      if (req.method === 'POST' && url.pathname === '/repos/acme/mirrors/issues/7/comments') {
        const c = { id: next++, body: body!.body }
        state.comments.push(c)
        return send(201, c)
      }
      const m = /^\/repos\/acme\/mirrors\/issues\/comments\/(\d+)$/.exec(url.pathname)
      if (req.method === 'PATCH' && m) {
        const c = state.comments.find(x => x.id === Number(m[1]))
        if (!c) return send(404, { message: 'Not Found' })
        c.body = body!.body
        return send(200, c)
      }
      send(404, { message: 'Not Found' })
    })
  })
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      resolve(Object.assign(state, { url, server }))
    })
  )
}

beforeAll(async () => {
  const [built, a, b, c] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'basic' }),
    startApi()
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  api = c
  await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'action-pr' }))
  ws = workspace()
})

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()])
  await new Promise<void>(resolve => (api ? api.server.close(() => resolve()) : resolve()))
  ws?.remove()
  if (bundleDir) removeTempDir(bundleDir)
})

/** The runner's view of a pull_request event from a fork: no target credentials at all. */
function prEnv(): Record<string, string> {
  const event = join(ws.temp, '..', 'event.json')
  writeFileSync(
    event,
    JSON.stringify({ pull_request: { number: 7 }, repository: { name: 'mirrors', owner: { login: 'acme' } } })
  )
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/mirrors',
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: api.url
  }
}

const prInputs = { 'dry-run': 'true', comment: 'true', cache: 'false', 'github-token': TOKEN }

test('posts one plan comment, then updates it; nothing is written to the target', async () => {
  ws.write('.github/mirror.yaml', `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/pr/app:v1\n`)
  await dst.clearAccessLog()
  const r1 = await runAction(entry, ws, prInputs, prEnv())
  expect(r1.code).toBe(0)
  expect(api.comments).toHaveLength(1)
  expect(api.comments[0]!.body).toMatch(/^<!-- mirror-action -->\n### Mirror plan for `.github\/mirror.yaml`/)
  expect(api.comments[0]!.body).toContain(`No credentials for \`${dst.host}\``)
  expect(api.comments[0]!.body).toContain(
    `| 📝 planned | \`${src.host}/lib/app:v1\` | \`${dst.host}/pr/app:v1\` | unknown |`
  )

  // The next push adds an entry with a filter that matches nothing: the same comment now shows the error.
  ws.write(
    '.github/mirror.yaml',
    `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/pr/app:v1\n  ${src.host}/lib/app:\n    target: ${dst.host}/pr/app\n    tags: ['v9.*']\n`
  )
  const r2 = await runAction(entry, ws, prInputs, prEnv())
  expect(r2.code).toBe(1)
  expect(api.comments).toHaveLength(1)
  expect(api.comments[0]!.body).toContain('❌ **1** failed')
  expect(api.comments[0]!.body).toContain('the tag filter matches no tag')
  expect(api.calls.filter(c => c.startsWith('PATCH'))).toHaveLength(1)
  expect((await dst.accessLog()).filter(isWrite)).toEqual([])
  expect(
    [r1.stdout, r1.stderr, r2.stdout, r2.stderr].join('\n').replace(/^::add-mask::.*$/gm, '')
  ).not.toContain(TOKEN)
})

test('a config error is posted to the same comment, line by line', async () => {
  ws.write(
    '.github/mirror.yaml',
    `version: 1\nimages:\n  ${src.host}/lib/app:\n    target: ${dst.host}/pr/app\n    tagz: [v1]\n`
  )
  const r = await runAction(entry, ws, prInputs, prEnv())
  expect(r.code).toBe(1)
  const errors = errorCommands(r.stdout).filter(e => e.props.file)
  expect(errors.map(e => e.props.line)).toContain('5')
  expect(api.comments).toHaveLength(1)
  expect(api.comments[0]!.body).toMatch(
    /config error\(s\):\n\n(- line \d+, column \d+: .*\n)*- line 5, column 5: unknown key "tagz"/
  )
})

test('a token that may not comment (a fork) is a warning, not a failed step', async () => {
  ws.write('.github/mirror.yaml', `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/pr/app:v1\n`)
  api.denyWrites = true
  try {
    const r = await runAction(entry, ws, prInputs, prEnv())
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^::warning::Could not post the PR comment \(the token may lack pull-requests: write/m
    )
  } finally {
    api.denyWrites = false
  }
})
