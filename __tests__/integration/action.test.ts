// The bundled action (`node index.js`, as the runner starts it) against real registries: it mirrors,
// writes outputs and a summary table, never prints a secret, annotates config errors at their line,
// writes nothing in a dry run, and fails the step at the end when one image fails.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  buildImage,
  pushImage,
  skopeo,
  startRegistry,
  removeTempDir,
  type StartedRegistry
} from '../harness/index.js'
import { buildAction, errorCommands, runAction, workspace, type ActionRun } from './action-helpers.js'
import { isWrite } from './sync-helpers.js'

// Bundling the action and starting registries takes seconds; the project timeout does not reach hooks.
jest.setTimeout(180_000)

let src: StartedRegistry // Basic auth: the source needs credentials too
let dst: StartedRegistry // Basic auth
let entry: string
let bundleDir: string
const GITHUB_TOKEN = 'ghs_' + 'T0kenValueNeverPrinted42'
const image = buildImage({ seed: 'action-app', platforms: ['linux/amd64', 'linux/arm64'] })
const other = buildImage({ seed: 'action-tool', format: 'docker' })
let srcDigest: string

beforeAll(async () => {
  const [built, a, b] = await Promise.all([
    buildAction(),
    startRegistry({ mode: 'basic' }),
    startRegistry({ mode: 'basic' })
  ])
  ;({ entry, dir: bundleDir } = built)
  src = a
  dst = b
  srcDigest = await pushImage(src, 'lib/app', 'v1', image)
  await pushImage(src, 'lib/tool', '2.0', other)
  await pushImage(src, 'lib/tool', '2.1', other)
})

afterAll(async () => {
  await Promise.all([src?.stop(), dst?.stop()])
  if (bundleDir) removeTempDir(bundleDir)
})

function credentialsYaml(regs: StartedRegistry[]): string {
  return regs.map(r => `"${r.host}":\n  username: ${r.username}\n  password: "${r.password}"\n`).join('')
}

/** Every place a secret could leak to, minus the lines that hand it to the runner's masker. */
function everywhere(r: ActionRun, reportPath?: string): string {
  const stdout = r.stdout
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
  const report = reportPath ? readFileSync(reportPath, 'utf8') : ''
  return [stdout, r.stderr, r.summary, r.outputFile, report].join('\n')
}

/**
 * stdout as the runner shows it: each `::add-mask::` line is consumed, and its value is masked in
 * every line after it (never in one before).
 */
function asRunnerShows(stdout: string): string {
  const masks: string[] = []
  return stdout
    .split('\n')
    .flatMap(l => {
      if (!l.startsWith('::add-mask::')) return [masks.reduce((t, m) => t.split(m).join('***'), l)]
      masks.push(l.slice('::add-mask::'.length))
      return []
    })
    .join('\n')
}

async function inspectDigest(reg: StartedRegistry, ref: string): Promise<string> {
  const r = await skopeo(['inspect', '--raw', `docker://${reg.host}/${ref}`], { reg })
  if (r.code !== 0) throw new Error(`skopeo inspect ${ref}: ${r.stderr}`)
  const { createHash } = await import('node:crypto')
  return 'sha256:' + createHash('sha256').update(Buffer.from(r.stdout, 'utf8')).digest('hex')
}

describe('a scheduled run', () => {
  test('mirrors, writes outputs, a summary table and the JSON report, and prints no secret', async () => {
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/mirror/app:v1\n  ${src.host}/lib/tool:\n    target: ${dst.host}/mirror/tool\n    tags: ['2.*']\n`
    )
    const r = await runAction(entry, ws, {
      credentials: credentialsYaml([src, dst]),
      'github-token': GITHUB_TOKEN,
      cache: 'false'
    })
    if (process.env.ACTION_TEST_SHOW) process.stdout.write(r.stdout + r.summary)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.outputs).toEqual({
      mirrored: '3',
      skipped: '0',
      failed: '0',
      deferred: '0',
      drifted: '0',
      waiting: '0',
      pruned: '0',
      report: expect.stringMatching(/\.json$/),
      images: expect.any(String)
    })
    // Full digests for later steps (cosign sign, deploys): what the target now holds.
    const images = JSON.parse(r.outputs.images!) as Record<string, unknown>[]
    expect(images).toEqual([
      {
        source: `${src.host}/lib/app:v1`,
        target: `${dst.host}/mirror/app:v1`,
        digest: srcDigest,
        status: 'copied'
      },
      ...['2.0', '2.1'].map(t => ({
        source: `${src.host}/lib/tool:${t}`,
        target: `${dst.host}/mirror/tool:${t}`,
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        status: 'copied'
      }))
    ])
    expect(images[1]!.digest).toBe(await inspectDigest(dst, 'mirror/tool:2.0'))
    expect(r.outputs.report!.startsWith(ws.temp)).toBe(true)

    // The independent checker sees the same digests at the target.
    expect(await inspectDigest(dst, 'mirror/app:v1')).toBe(srcDigest)
    expect(await skopeo(['inspect', `docker://${dst.host}/mirror/tool:2.1`], { reg: dst })).toMatchObject({
      code: 0
    })

    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as { images: { status: string }[] }
    expect(report.images.map(i => i.status)).toEqual(['copied', 'copied', 'copied'])
    expect(r.summary).toContain('<table>')
    expect(r.summary).toContain(`<code>${src.host}/lib/app:v1</code>`)
    expect(r.summary).toContain('<strong>Total:</strong> 3 images: 3 copied')
    // One group per image, and the one-line total.
    expect(r.stdout.match(/^::group::copied: /gm)).toHaveLength(3)
    expect(r.stdout).toMatch(/^total: 3 images: 3 copied/m)

    // Secrets are handed to the masker first, and appear nowhere else.
    const masks = r.stdout.split('\n').filter(l => l.startsWith('::add-mask::'))
    expect(masks).toEqual(
      expect.arrayContaining([
        `::add-mask::${src.password}`,
        `::add-mask::${dst.password}`,
        `::add-mask::${GITHUB_TOKEN}`
      ])
    )
    const firstMask = r.stdout.indexOf('::add-mask::')
    expect(r.stdout.slice(0, firstMask).trim()).toBe('')
    const all = everywhere(r, r.outputs.report)
    for (const secret of [src.password!, dst.password!, GITHUB_TOKEN]) expect(all).not.toContain(secret)
    ws.remove()
  })

  test('one failing image does not stop the others; the step fails at the end naming it', async () => {
    const ws = workspace()
    ws.write(
      'mirror.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/missing:v9: ${dst.host}/mirror/missing:v9\n  ${src.host}/lib/app:v1: ${dst.host}/partial/app:v1\n`
    )
    const r = await runAction(entry, ws, {
      config: 'mirror.yaml',
      credentials: credentialsYaml([src, dst]),
      cache: 'false'
    })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ mirrored: '1', failed: '1' })
    expect(await inspectDigest(dst, 'partial/app:v1')).toBe(srcDigest)
    const errors = errorCommands(r.stdout)
    expect(errors.at(-1)!.message).toMatch(
      new RegExp(`^1 of 2 images failed:\\n  ${src.host}/lib/missing:v9 → ${dst.host}/mirror/missing:v9: `)
    )
    // The failed image's own annotation points at its entry in the config file.
    expect(errors[0]).toEqual({
      props: { title: 'Mirror failed', file: 'mirror.yaml', line: '3', col: '3' },
      message: expect.stringMatching(
        new RegExp(`^${src.host}/lib/missing:v9 → ${dst.host}/mirror/missing:v9: `)
      )
    })
    // Failures come first in the summary, with the reason.
    const table = r.summary.slice(r.summary.indexOf('<table>'))
    expect(table.indexOf('lib/missing:v9')).toBeLessThan(table.indexOf('lib/app:v1'))
    expect(r.summary).toMatch(/1 failed<\/h3>/)
    ws.remove()
  })
})

describe('config errors', () => {
  test('each error is an annotation on the config file at its line, and the step fails', async () => {
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      [
        'version: 1',
        'images:',
        `  ${src.host}/lib/app:v1:`,
        `    target: ${dst.host}/x/app`,
        '    platfroms: [linux/amd64]',
        ''
      ].join('\n')
    )
    await dst.clearAccessLog()
    const r = await runAction(entry, ws, { credentials: credentialsYaml([src, dst]) })
    expect(r.code).toBe(1)
    const errors = errorCommands(r.stdout)
    expect(errors[0]).toEqual({
      props: { title: 'Mirror config error', file: '.github/mirror.yaml', line: '5', col: '5' },
      message: expect.stringMatching(/platfroms.*did you mean "platforms"/)
    })
    expect(errors.at(-1)!.message).toMatch(/^1 error in \.github\/mirror\.yaml/)
    expect(await dst.accessLog()).toEqual([])
    ws.remove()
  })

  test('secrets are masked before the config is parsed: an error quoting one shows it masked', async () => {
    // A password pasted where the config wants a tag: the parse error quotes it back.
    const secret = 'Pw!s3cr3t#42'
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/x/app:${secret}\n`
    )
    const r = await runAction(entry, ws, {
      credentials: `"${dst.host}":\n  username: ${dst.username}\n  password: "${secret}"\n`,
      'github-token': GITHUB_TOKEN
    })
    expect(r.code).toBe(1)
    const lines = r.stdout.split('\n')
    const firstOther = lines.findIndex(l => !l.startsWith('::add-mask::'))
    expect(lines.slice(0, firstOther)).toEqual(
      expect.arrayContaining([`::add-mask::${secret}`, `::add-mask::${GITHUB_TOKEN}`])
    )
    // The error does quote it, so only the mask's coming first keeps it out of the log.
    const errors = errorCommands(r.stdout)
    expect(errors[0]!.message).toContain(`invalid tag "${secret}"`)
    const shown = asRunnerShows(r.stdout)
    expect(shown).toContain('invalid tag "***"')
    expect(shown).not.toContain(secret)
    expect(r.stderr).not.toContain(secret)
    ws.remove()
  })

  test('a missing config file is an error naming the path it looked at', async () => {
    const ws = workspace()
    const r = await runAction(entry, ws, { config: 'nope/mirror.yaml' })
    expect(r.code).toBe(1)
    expect(errorCommands(r.stdout).at(-1)!.message).toContain(
      `Config file nope/mirror.yaml not found (looked at ${ws.dir}/nope/mirror.yaml)`
    )
    ws.remove()
  })

  test('config and images together are refused', async () => {
    const ws = workspace()
    const r = await runAction(entry, ws, { config: 'a.yaml', images: 'version: 1\nimages: {}\n' })
    expect(r.code).toBe(1)
    expect(errorCommands(r.stdout).at(-1)!.message).toMatch(/mutually exclusive/)
    ws.remove()
  })
})

describe('dry run (the PR check)', () => {
  const yaml = (): string =>
    `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/plan/app:v1\n  ${src.host}/lib/tool:\n    target: ${dst.host}/plan/tool\n    tags: ['3.*']\n`

  test('with target credentials: resolves every source, reports the plan, writes nothing', async () => {
    const ws = workspace()
    ws.write('.github/mirror.yaml', yaml())
    await dst.clearAccessLog()
    const r = await runAction(entry, ws, { 'dry-run': 'true', credentials: credentialsYaml([src, dst]) })
    const log = await dst.accessLog()
    expect(log.filter(isWrite)).toEqual([])
    expect(log.length).toBeGreaterThan(0) // the target was checked
    // The filter matching nothing is an error of that entry.
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ mirrored: '0', failed: '1' })
    expect(r.summary).toContain('Mirror plan (dry run)')
    expect(r.summary).toContain(
      '<strong>Plan:</strong> 1 new, 0 changed, 0 unchanged; 1 failed. Nothing was written.'
    )
    expect(r.summary).toContain('the tag filter matches no tag')
    expect((await skopeo(['inspect', `docker://${dst.host}/plan/app:v1`], { reg: dst })).code).not.toBe(0)
    ws.remove()
  })

  test('without target credentials (a fork): never contacts the target and says what it could not check', async () => {
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/plan/app:v1\n`
    )
    await dst.clearAccessLog()
    const r = await runAction(entry, ws, {
      'dry-run': 'true',
      credentials: credentialsYaml([src]),
      cache: 'false'
    })
    expect(r.code).toBe(0)
    expect(await dst.accessLog()).toEqual([])
    expect(r.summary).toContain(`Not checked: no credentials for <code>${dst.host}</code>`)
    expect(r.summary).toContain('1 not checked against the target')
    ws.remove()
  })
})

describe('the digest cache without a cache service', () => {
  test('warns once and carries on', async () => {
    const ws = workspace()
    ws.write(
      '.github/mirror.yaml',
      `version: 1\nimages:\n  ${src.host}/lib/app:v1: ${dst.host}/nocache/app:v1\n`
    )
    const r = await runAction(entry, ws, { credentials: credentialsYaml([src, dst]) })
    expect(r.code).toBe(0)
    expect(r.stdout.match(/^::warning::.*cache service is not available/gm)).toHaveLength(1)
    expect(r.summary).toContain('Digest cache: not available on this runner')
    ws.remove()
  })
})
