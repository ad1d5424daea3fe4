// A registry that lists hostile tag names and answers with hostile error bodies, seen through the
// bundled action and the CLI. The registry is real; a front on loopback appends the tags to its real
// tag list and answers one repository's tag list with a 403 whose OCI error text is hostile. Nothing
// of it may issue a workflow command (a line starting with `::`, or `##[` anywhere), render as HTML
// or Markdown in the job summary or the PR comment, or reach a terminal as an escape sequence; every
// bad tag is still reported, escaped.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildImage, pushImage, skopeo, startRegistry, type StartedRegistry } from '../harness/index.js'
import { removeTempDir, run } from '../harness/index.js'
import { buildAction, ROOT, runAction, workspace, type ActionRun } from './action-helpers.js'
import { startHostileFront } from './reliability-helpers.js'
import { cli } from './sync-helpers.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_hostileTextTokenNeverPrinted42'
const INJECT = 'v9\n::error title=Injected::pwned\n::add-mask::total'
const HOSTILE_TAGS = [
  INJECT,
  '<img src=x onerror=alert(1)>',
  'x\n\n![pixel](http://127.0.0.1:9/p.png)\n\n<b>bold</b>',
  'legacy##[warning]pwned',
  'y\n  ::stop-commands::tok',
  'esc\x1b]0;owned\x07\x1b[2J\u009b31m'
]
const BODY_TEXT = 'no\n::error title=Body::pwned\n<script>alert(1)</script>'

let src: StartedRegistry
let dst: StartedRegistry
let front: { host: string; stop(): Promise<void> }
let entry: string
let bundleDir: string
let api: { url: string; server: Server; comments: string[] }

/** A stand-in for the REST API's issue comments: records what the action posts. */
function startApi(): Promise<typeof api> {
  const comments: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      if (req.method === 'GET') return send(200, [])
      if (req.method === 'POST') {
        comments.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string }).body)
        return send(201, { id: comments.length })
      }
      send(404, { message: 'Not Found' })
    })
  })
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, comments })
    )
  )
}

beforeAll(async () => {
  const [built, a, b, c] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'anonymous' }),
    startRegistry({ mode: 'anonymous' }),
    startApi()
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  api = c
  await pushImage(src, 'lib/app', 'v1', buildImage({ seed: 'hostile-text' }))
  front = await startHostileFront(src.url, (req, res) => {
    const url = req.url ?? ''
    if (url.startsWith('/v2/lib/app/tags/list')) {
      // The real list, with the hostile names appended.
      fetch(`${src.url}${url}`)
        .then(r => r.json() as Promise<{ name: string; tags: string[] }>)
        .then(j => {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ ...j, tags: [...j.tags, ...HOSTILE_TAGS] }))
        })
        .catch(() => res.destroy())
      return true
    }
    if (url.startsWith('/v2/lib/denied/tags/list')) {
      res.writeHead(403, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ code: 'DENIED\n::warning::code', message: BODY_TEXT }] }))
      return true
    }
    return false
  })
})

afterAll(async () => {
  await front?.stop()
  await Promise.all([src?.stop(), dst?.stop()])
  await new Promise<void>(resolve => (api ? api.server.close(() => resolve()) : resolve()))
  if (bundleDir) removeTempDir(bundleDir)
})

const CONFIG = () => `version: 1
images:
  ${front.host}/lib/app:
    target: ${dst.host}/mirror/app
    tags: ['*']
  ${front.host}/lib/denied:
    target: ${dst.host}/mirror/denied
    tags: ['*']
`

/** The runner's view of a line: split at CR, LF or CRLF, leading .NET whitespace trimmed. */
function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(l => l.replace(/^[\s\u180e\u0085]+/, ''))
}

/** The runner's unescaping of a command's data. */
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')

/**
 * Every line that the runner would take as a command is one the action writes on purpose: a group,
 * an annotation, or a mask for our own secret. None carries the remote text raw, and no line holds
 * a legacy `##[` command.
 */
function expectOnlyOurCommands(r: ActionRun): string[] {
  const commands: string[] = []
  for (const line of [...runnerLines(r.stdout), ...runnerLines(r.stderr)]) {
    expect(line).not.toContain('##[')
    if (!line.startsWith('::')) continue
    commands.push(line)
    const m = /^::(group|endgroup|warning|error)(?: [^:]*)?::(.*)$|^::add-mask::(.*)$/.exec(line)
    expect([line, m !== null]).toEqual([line, true])
    if (m![3] !== undefined) expect(m![3]).toBe(TOKEN)
    const data = unescapeData(m![2] ?? '')
    // A line break of theirs, even where the runner allows one, shows as %0A.
    for (const raw of [...HOSTILE_TAGS, BODY_TEXT].filter(t => t.includes('\n'))) {
      expect(data).not.toContain(raw)
    }
    for (const l of runnerLines(data)) expect(l.startsWith('::')).toBe(false)
  }
  return commands
}

/** The JSON report keeps the raw text: each hostile tag is reported, none silently dropped. */
function expectEveryTagReported(r: ActionRun): void {
  const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as {
    images: { source: string; status: string; error?: string }[]
  }
  for (const tag of HOSTILE_TAGS) {
    const line = report.images.find(i => i.source === `${front.host}/lib/app:${tag}`)
    expect([tag, line?.status]).toEqual([tag, 'failed'])
    expect(line?.error).toContain(`tag "${tag}"`)
  }
  const denied = report.images.find(i => i.source === `${front.host}/lib/denied`)
  expect(denied?.error).toContain(BODY_TEXT)
}

describe('the action', () => {
  test('a push run: no injected command, the summary renders none of it, the good tag is copied', async () => {
    const ws = workspace()
    try {
      ws.write('.github/mirror.yaml', CONFIG())
      const r = await runAction(entry, ws, { 'github-token': TOKEN, cache: 'false' })
      if (process.env.ACTION_TEST_SHOW) process.stdout.write(r.stdout + r.stderr + r.summary)
      expect(r.code).toBe(1)
      expect(r.outputs).toMatchObject({ mirrored: '1', failed: String(HOSTILE_TAGS.length + 1) })
      expect((await skopeo(['inspect', `docker://${dst.host}/mirror/app:v1`], { reg: dst })).code).toBe(0)

      const commands = expectOnlyOurCommands(r)
      expect(commands.some(c => c.startsWith('::error::'))).toBe(true)
      // Reported, escaped, in the log: the tag's line breaks are visible as %0A on one line.
      expect(r.stdout).toContain(
        `error: tag "v9%0A::error title=Injected::pwned%0A::add-mask::total" cannot be written`
      )
      expect(r.stdout).toContain('no%0A::error title=Body::pwned%0A<script>')
      expect(r.stdout).toMatch(/^total: \d+ images: 1 copied/m)
      expectEveryTagReported(r)

      // The summary: every line opens an HTML block, so nothing in it is read as Markdown; no tag of theirs.
      for (const line of r.summary.split('\n').filter(l => l !== '')) {
        expect(line).toMatch(/^<(h\d|p|ul|table)>/)
      }
      expect(r.summary).not.toMatch(/<(img|script|b)[\s>]/)
      expect(r.summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
    } finally {
      ws.remove()
    }
  })

  test('a pull request dry run: the same for the log, and the PR comment is escaped Markdown', async () => {
    const ws = workspace()
    try {
      ws.write('.github/mirror.yaml', CONFIG())
      const event = ws.write('event.json', JSON.stringify({ pull_request: { number: 7 } }))
      const r = await runAction(
        entry,
        ws,
        { 'dry-run': 'true', comment: 'true', cache: 'false', 'github-token': TOKEN },
        {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: event,
          GITHUB_API_URL: api.url,
          GITHUB_SERVER_URL: api.url
        }
      )
      expect(r.code).toBe(1)
      expectOnlyOurCommands(r)
      expectEveryTagReported(r)
      expect(api.comments).toHaveLength(1)
      const body = api.comments[0]!
      if (process.env.ACTION_TEST_SHOW) process.stdout.write(body)
      // Outside code spans (where GitHub renders no HTML) nothing but our own markup is HTML.
      const prose = body.replace(/`[^`\n]*`/g, '``')
      expect(
        prose.match(/<[^>]*>/g)?.filter(t => !/^<(!-- mirror-action --|\/?details|\/?summary)>$/.test(t))
      ).toEqual([])
      expect(prose).toContain('&lt;img src=x onerror=alert(1)&gt;')
      expect(prose).toContain('\\!\\[pixel\\](http://127.0.0.1:9/p.png)')
      for (const line of body.split('\n')) expect(line).not.toMatch(/^(::|!\[|<b>|\s*::)/)
    } finally {
      ws.remove()
    }
  })
})

/** `mirror-action ARGS` from the sources, its stdout and stderr on a pseudo-terminal (util-linux script). */
async function cliOnTerminal(args: string[]): Promise<{ out: string; code: number }> {
  const dockerConfig = mkdtempSync(join(tmpdir(), 'hostile-cli-docker-config-'))
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const cmd = [
    process.execPath,
    '--import',
    join(ROOT, 'scripts', 'ts-loader.mjs'),
    join(ROOT, 'src', 'cli.ts'),
    ...args
  ]
    .map(q)
    .join(' ')
  try {
    const r = await run('script', ['-qec', cmd, '/dev/null'], {
      env: { ...process.env, DOCKER_CONFIG: dockerConfig, NODE_OPTIONS: '', GITHUB_ACTIONS: '' },
      timeoutMs: 120_000
    })
    return { out: r.stdout, code: r.code }
  } finally {
    rmSync(dockerConfig, { recursive: true, force: true })
  }
}

describe('the CLI', () => {
  test('tags on a terminal: control characters are shown, not obeyed; one line per tag', async () => {
    const r = await cliOnTerminal(['tags', `docker://${front.host}/lib/app`])
    expect(r.code).toBe(0)
    // eslint-disable-next-line no-control-regex -- control characters are what is tested
    expect(r.out).not.toMatch(/[\x1b\x07\u0080-\u009f]/)
    const lines = r.out.split('\r\n').filter(l => l !== '')
    expect(lines).toEqual([
      'v1',
      'v9\\x0a::error title=Injected::pwned\\x0a::add-mask::total',
      '<img src=x onerror=alert(1)>',
      'x\\x0a\\x0a![pixel](http://127.0.0.1:9/p.png)\\x0a\\x0a<b>bold</b>',
      'legacy##[warning]pwned',
      'y\\x0a  ::stop-commands::tok',
      'esc\\x1b]0;owned\\x07\\x1b[2J\\x9b31m'
    ])
  })

  test('sync in an Actions job (GITHUB_ACTIONS=true, output to a pipe): no injected command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-cli-'))
    try {
      const file = join(dir, 'mirror.yaml')
      writeFileSync(file, CONFIG().replace(/mirror\//g, 'cli/'))
      const r = await cli(['sync', '--config', file, '--dry-run'], { GITHUB_ACTIONS: 'true' })
      expect(r.code).toBe(1)
      for (const line of [...runnerLines(r.stdout), ...runnerLines(r.stderr)]) {
        expect(line.startsWith('::')).toBe(false)
        expect(line).not.toContain('##[')
      }
      expect(r.stdout).toContain('v9%0A::error title=Injected::pwned%0A::add-mask::total')
      expect(r.stdout).toContain('no%0A::error title=Body::pwned')
      // Every bad tag has its failed line.
      expect(r.stdout.match(/^failed +\S+lib\/app:/gm)).toHaveLength(HOSTILE_TAGS.length)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
