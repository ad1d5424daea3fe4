/** Signatures the run wrote, as the summary, the CLI line and the JSON report show them. */
import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { computeTotals, type ImageReport } from '../../src/sync/index.js'
import { buildSummary, formatImageLine, reportToJson } from '../../src/report/index.js'

const D = 'sha256:' + 'cd'.repeat(32)
const signed: ImageReport = {
  source: 'a.example/app:1',
  target: 'mirror.example/app:1',
  digest: D,
  status: 'copied',
  bytes: 10,
  durationMs: 5,
  signatures: [
    { format: 'bundle', where: `mirror.example/app@sha256:${'ef'.repeat(32)} (referrer of ${D})` },
    { format: 'legacy', where: 'mirror.example/app:sha256-<hex>.sig' }
  ]
}
const plain: ImageReport = { ...signed, source: 'a.example/other:1', signatures: undefined }
const report = { images: [signed, plain], totals: computeTotals([signed, plain]), warnings: [] }

beforeEach(() => {
  core.summary.emptyBuffer()
})

describe('signatures written', () => {
  test('the summary lists each, escaped, under a count', () => {
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: 'm.yaml' }) && core.summary.stringify()
    expect(html).toContain('<h3>2 signatures written</h3>')
    expect(html).toContain(
      `<li>bundle: <code>mirror.example/app@sha256:${'ef'.repeat(32)} (referrer of ${D})</code></li>`
    )
    expect(html).toContain('<li>legacy: <code>mirror.example/app:sha256-&lt;hex&gt;.sig</code></li>')
  })

  test('no signature written: no such section', () => {
    const r = { images: [plain], totals: computeTotals([plain]), warnings: [] }
    const html =
      buildSummary(core.summary, r, { dryRun: false, config: 'm.yaml' }) && core.summary.stringify()
    expect(html).not.toContain('signature')
  })

  test('the CLI line names where each went; the JSON report carries them per image', () => {
    expect(formatImageLine(signed)).toMatch(
      / {2}signed: mirror\.example\/app@sha256:[0-9a-f]{64} \(referrer of .*\), mirror\.example\/app:sha256-<hex>\.sig$/
    )
    expect(formatImageLine(plain)).not.toContain('signed')
    const json = JSON.parse(JSON.stringify(reportToJson(report))) as { images: { signatures?: unknown }[] }
    expect(json.images.map(i => i.signatures)).toEqual([signed.signatures, undefined])
  })
})

describe('signatures a dry run would write', () => {
  const planned: ImageReport = {
    source: 'a.example/app:2',
    target: 'mirror.example/app:2',
    status: 'planned',
    bytes: 0,
    durationMs: 1,
    plannedSignatures: [
      { format: 'bundle', by: 'keyless', where: 'mirror.example/app (referrer of the digest written)' },
      { format: 'legacy', by: 'keyless', where: 'mirror.example/app:sha256-<digest written>.sig' }
    ]
  }
  const dry = { images: [planned, plain], totals: computeTotals([planned, plain]), warnings: [] }

  test('the summary lists them under their own heading, escaped', () => {
    const html =
      buildSummary(core.summary, dry, { dryRun: true, config: 'm.yaml' }) && core.summary.stringify()
    expect(html).toContain('<h3>2 signatures to write (dry run)</h3>')
    expect(html).toContain(
      '<li>legacy (keyless): <code>mirror.example/app:sha256-&lt;digest written&gt;.sig</code></li>'
    )
    expect(html).not.toContain('signatures written')
  })

  test('the CLI line says "would sign"; the JSON report carries them per image', () => {
    expect(formatImageLine(planned)).toMatch(/ {2}would sign: bundle \(keyless\), legacy \(keyless\)$/)
    const json = JSON.parse(JSON.stringify(reportToJson(dry))) as {
      images: { plannedSignatures?: unknown }[]
    }
    expect(json.images.map(i => i.plannedSignatures)).toEqual([planned.plannedSignatures, undefined])
  })
})
