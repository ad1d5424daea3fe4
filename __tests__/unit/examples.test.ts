// The workflows in examples/ as users copy them: every secret they use is named in their header
// comment, no secret is pasted into YAML text (credentials/images inputs), and GHCR targets come out
// lowercase for an owner with capitals (the `run:` steps are executed to find out).
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseConfig } from '../../src/config/index.js'

const DIR = join(import.meta.dirname, '..', '..', 'examples')
const workflows = readdirSync(DIR).filter(f => f.endsWith('.yml'))

interface Step {
  id?: string
  run?: string
  uses?: string
  with?: Record<string, string>
}
function stepsOf(text: string): Step[] {
  const wf = parse(text) as { jobs: Record<string, { steps: Step[] }> }
  return Object.values(wf.jobs).flatMap(j => j.steps)
}

test('there are workflows to check', () => {
  expect(workflows.length).toBeGreaterThan(3)
})

describe.each(workflows)('%s', file => {
  const text = readFileSync(join(DIR, file), 'utf8')

  test('names every secret it uses in its header comment', () => {
    const header = text
      .split('\n')
      .filter(l => l.startsWith('#'))
      .join('\n')
    for (const [, name] of text.matchAll(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g)) expect(header).toContain(name)
  })

  test('pastes no secret into YAML text (credentials, images)', () => {
    for (const s of stepsOf(text)) {
      for (const key of ['credentials', 'images']) expect(s.with?.[key] ?? '').not.toContain('secrets.')
    }
  })

  test('GHCR targets are lowercase for an owner with capitals', () => {
    const outputs = new Map<string, string>()
    const dir = mkdtempSync(join(tmpdir(), 'examples-'))
    try {
      for (const s of stepsOf(text)) {
        if (s.run !== undefined) {
          const out = join(dir, `${s.id ?? 'step'}.out`)
          const r = spawnSync('bash', ['-e', '-c', s.run], {
            env: { PATH: process.env.PATH, GITHUB_REPOSITORY_OWNER: 'AcMe-Org', GITHUB_OUTPUT: out },
            encoding: 'utf8'
          })
          expect(r.status).toBe(0)
          for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
            const i = line.indexOf('=')
            outputs.set(`steps.${s.id}.outputs.${line.slice(0, i)}`, line.slice(i + 1))
          }
        }
        if (!s.uses?.includes('mirror-action') || !s.with?.images?.includes('ghcr.io')) continue
        const images = s.with.images.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) =>
          expr === 'github.repository_owner' ? 'AcMe-Org' : (outputs.get(expr) ?? `<${expr}>`)
        )
        const targets = parseConfig(images, file).images.map(i => i.target)
        expect(targets.length).toBeGreaterThan(0)
        for (const t of targets.filter(t => t.startsWith('ghcr.io/'))) expect(t).toBe(t.toLowerCase())
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
