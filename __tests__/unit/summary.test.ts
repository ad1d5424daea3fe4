import { beforeEach, describe, expect, test } from '@jest/globals'
import * as core from '@actions/core'
import { computeTotals, type ImageReport, type SyncReport } from '../../src/sync/index.js'
import {
  buildSummary,
  escapeHtml,
  formatGroupLines,
  formatImageLine,
  reportToJson,
  sortForSummary
} from '../../src/report/index.js'
import { DigestCache, imagesOutput } from '../../src/action/index.js'

function img(p: Partial<ImageReport> & Pick<ImageReport, 'source' | 'status'>): ImageReport {
  return { target: `mirror.example/${p.source}`, bytes: 0, durationMs: 1500, ...p }
}
function rep(images: ImageReport[], warnings: string[] = []): SyncReport {
  return { images, totals: computeTotals(images), warnings }
}
const D = 'sha256:' + 'ab'.repeat(32)

beforeEach(() => {
  core.summary.emptyBuffer()
})

/** Rows of the rendered table as arrays of cell HTML. */
function rows(html: string): string[][] {
  const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'))
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map(m =>
    [...m[1].matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map(c => c[1])
  )
}

describe('sortForSummary', () => {
  test('failures first, then deferred, copied, planned (new before unchanged), skipped; config order kept', () => {
    const list = [
      img({ source: 'a', status: 'skipped' }),
      img({ source: 'b', status: 'copied' }),
      img({ source: 'c', status: 'failed', error: 'x' }),
      img({ source: 'd', status: 'planned', change: 'unchanged' }),
      img({ source: 'e', status: 'planned', change: 'new' }),
      img({ source: 'f', status: 'failed', error: 'y' }),
      img({ source: 'g', status: 'deferred' })
    ]
    expect(sortForSummary(list).map(r => r.source)).toEqual(['c', 'f', 'g', 'b', 'e', 'd', 'a'])
  })
})

describe('buildSummary', () => {
  test('a table of every image with failures first and their reasons, and totals', () => {
    const report = rep([
      img({ source: 'ok:1', status: 'copied', digest: D, bytes: 3 * 1024 * 1024, durationMs: 2500 }),
      img({ source: 'bad:1', status: 'failed', error: 'DENIED: requested access to the resource is denied' }),
      img({ source: 'same:1', status: 'skipped', digest: D })
    ])
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: '.github/mirror.yaml' }) &&
      core.summary.stringify()
    const r = rows(html)
    expect(r[0]).toEqual(['Status', 'Source', 'Target', 'Digest', 'Size', 'Time'])
    expect(r.slice(1).map(c => c[1])).toEqual([
      '<code>bad:1</code>',
      '<code>ok:1</code>',
      '<code>same:1</code>'
    ])
    expect(r[2]).toEqual([
      '✅ copied',
      '<code>ok:1</code>',
      '<code>mirror.example/ok:1</code>',
      '<code>sha256:abababababab</code>',
      '3.0 MiB',
      '2.5 s'
    ])
    expect(html).toContain('1 failed</h3>')
    expect(html).toContain(
      '<code>bad:1</code> → <code>mirror.example/bad:1</code>: DENIED: requested access to the resource is denied'
    )
    expect(html).toContain(
      '<strong>Total:</strong> 3 images: 1 copied, 1 up to date, 1 failed; 3.0 MiB transferred.'
    )
    expect(html).not.toContain('Change')
  })

  test('dry run: the plan with new / changed / unchanged and what could not be checked', () => {
    const report = rep([
      img({ source: 'n', status: 'planned', change: 'new' }),
      img({ source: 'c', status: 'planned', change: 'changed' }),
      img({ source: 'u', status: 'skipped', change: 'unchanged' }),
      img({ source: 'k', status: 'planned', change: 'unknown' })
    ])
    const html =
      buildSummary(core.summary, report, {
        dryRun: true,
        config: 'm.yaml',
        uncheckedTargets: ['registry.cn-hangzhou.aliyuncs.com']
      }) && core.summary.stringify()
    expect(html).toContain('Mirror plan (dry run)')
    expect(html).toContain(
      '<strong>Plan:</strong> 1 new, 1 changed, 1 unchanged, 1 not checked against the target. Nothing was written.'
    )
    expect(html).toContain('Not checked: no credentials for <code>registry.cn-hangzhou.aliyuncs.com</code>')
    const r = rows(html)
    expect(r[0].at(-1)).toBe('Change')
    expect(r.slice(1).map(c => c.at(-1))).toEqual(['new', 'changed', 'unknown', 'unchanged'])
  })

  test.each([
    ['source', { source: '<img src=x onerror=alert(1)>', status: 'copied' as const }],
    ['error', { source: 'a', status: 'failed' as const, error: '<script>alert(1)</script> & "q"' }],
    ['warning', { source: 'a', status: 'copied' as const }]
  ])('HTML in the %s is escaped', (_what, p) => {
    const html =
      buildSummary(core.summary, rep([img(p)], ['<b>warn</b>']), { dryRun: false, config: 'x<y>.yaml' }) &&
      core.summary.stringify()
    expect(html).not.toMatch(/<(img|script|b)[ >]/)
    expect(html).toContain('&lt;')
  })

  test('a line break in remote text cannot end the HTML block and start Markdown', () => {
    const evil = 'v9\n\n![x](http://127.0.0.1:1/p.png)\n\n<img src=x onerror=alert(1)>'
    const report = rep(
      [img({ source: `r/app:${evil}`, status: 'failed', error: `tag "${evil}" cannot be written` })],
      [`cosign tags ${evil} not copied`]
    )
    const html = buildSummary(core.summary, report, { dryRun: true, config: 'c' }) && core.summary.stringify()
    // Every line opens an HTML block: CommonMark reads none of it as Markdown.
    for (const line of html.split('\n').filter(l => l !== '')) expect(line).toMatch(/^<(h\d|p|ul|table)>/)
    expect(html).toContain('v9%0A%0A![x](http://127.0.0.1:1/p.png)%0A%0A&lt;img src=x')
    expect(html).not.toContain('<img')
  })

  test('rows past maxRows go to the report only, failures are never cut', () => {
    const images = [
      ...Array.from({ length: 5 }, (_, i) => img({ source: `s${i}`, status: 'skipped' })),
      img({ source: 'f', status: 'failed', error: 'e' })
    ]
    const html =
      buildSummary(core.summary, rep(images), { dryRun: false, config: 'c', maxRows: 3 }) &&
      core.summary.stringify()
    const r = rows(html)
    expect(r).toHaveLength(4)
    expect(r[1][1]).toBe('<code>f</code>')
    expect(html).toContain('… and 3 more images')
  })

  test('a skip the digest cache answered for says "cached", a checked one "up to date"', () => {
    const report = rep([
      img({ source: 'checked', status: 'skipped', change: 'unchanged', digest: D }),
      img({ source: 'trusted', status: 'skipped', change: 'unchanged', digest: D, cached: true })
    ])
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: 'c' }) && core.summary.stringify()
    expect(
      rows(html)
        .slice(1)
        .map(c => [c[1], c[0]])
    ).toEqual([
      ['<code>checked</code>', '⏭️ up to date'],
      ['<code>trusted</code>', '⏭️ cached']
    ])
    expect(html).toContain('2 images: 0 copied, 1 up to date, 1 cached (target not checked), 0 failed')
  })

  test('with targets not checked, the cache line does not claim every image was checked', () => {
    const report = rep([img({ source: 'a', status: 'planned', change: 'unknown' })])
    const cacheNote = new DigestCache({ enabled: false, file: 'x', prefix: 'p-', runKey: '1' }).note(false)
    const html =
      buildSummary(core.summary, report, {
        dryRun: true,
        config: 'c',
        uncheckedTargets: ['r.example'],
        cacheNote
      }) && core.summary.stringify()
    expect(html).toContain('Not checked: no credentials for <code>r.example</code>')
    expect(html).not.toContain('every image was checked')
  })

  test.each([
    [
      '10,000 copied images',
      (i: number) => img({ source: `r/app:${i}`, status: 'copied', digest: D }),
      'images'
    ],
    [
      '10,000 failures with long errors',
      (i: number) => img({ source: `r/app:${i}`, status: 'failed', error: `${'denied '.repeat(140)}${i}` }),
      'failures'
    ]
  ])('%s: the summary stays under GitHub’s 1 MiB step limit, with a note', (_n, make, what) => {
    const report = rep(
      Array.from({ length: 10_000 }, (_, i) => make(i)),
      Array.from({ length: 10_000 }, (_, i) => `warning ${i} ${'x'.repeat(200)}`)
    )
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: 'c', maxRows: 100_000 }) &&
      core.summary.stringify()
    // GitHub's limit is 1 MiB (1,048,576 bytes); the cap keeps a margin for what other steps add.
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000)
    expect(html).toMatch(new RegExp(`… and \\d+ more ${what}; the JSON report`))
    expect(html).toMatch(/… and \d+ more warnings/)
    expect(html).toContain('<strong>Total:</strong> 10000 images')
  })

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('drifted and waiting', () => {
  test('each gets a list with its reason, a row and a count; the note is escaped', () => {
    const report = rep([
      img({ source: 'ok:1', status: 'copied', digest: D }),
      img({ source: 'x:1', status: 'drifted', digest: D, note: 'holds <b>other</b>' }),
      img({
        source: 'y:1',
        status: 'waiting',
        eligibleAt: '2026-03-04T00:00:00.000Z',
        note: 'from 2026-03-04'
      })
    ])
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: 'm.yaml' }) && core.summary.stringify()
    expect(html).toContain('<h3>1 drifted (left alone)</h3>')
    expect(html).toContain(
      '<code>x:1</code> → <code>mirror.example/x:1</code>: holds &lt;b&gt;other&lt;/b&gt;'
    )
    expect(html).toContain('<h3>1 waiting (min-age)</h3>')
    expect(rows(html).map(c => c[0])).toEqual(['Status', '⚠️ drifted', '⏳ waiting', '✅ copied'])
    expect(html).toContain('1 drifted (left alone), 1 waiting (min-age)')
  })
})

describe('the images output', () => {
  test('full digests for later steps: the target digest when known, else the source digest', () => {
    const S = 'sha256:' + 'cd'.repeat(32)
    const json = imagesOutput(
      rep([
        img({ source: 'a:1', status: 'copied', digest: D, sourceDigest: S }),
        img({ source: 'b:1', status: 'deferred', sourceDigest: S }),
        img({ source: 'c:1', status: 'failed', error: 'x' })
      ])
    )!
    expect(JSON.parse(json)).toEqual([
      { source: 'a:1', target: 'mirror.example/a:1', digest: D, status: 'copied' },
      { source: 'b:1', target: 'mirror.example/b:1', digest: S, status: 'deferred' },
      { source: 'c:1', target: 'mirror.example/c:1', digest: null, status: 'failed' }
    ])
  })

  test('past the output size limit it is left out rather than cut into invalid JSON', () => {
    const many = rep(
      Array.from({ length: 10_000 }, (_, i) => img({ source: `r/app:${i}`, status: 'copied', digest: D }))
    )
    expect(imagesOutput(many)).toBeUndefined()
  })
})

describe('buildSummary: retention rows', () => {
  test('a dry run lists the tags it would delete with their reasons, apart from the image counts', () => {
    const report = rep([
      img({ source: 'app:2', status: 'planned', change: 'new' }),
      img({ source: 'app:1', status: 'prune-planned', prune: true, digest: D, note: 'would delete' }),
      img({ source: 'app:0', status: 'kept', prune: true, note: 'keep: "0" protects it' })
    ])
    const html =
      buildSummary(core.summary, report, { dryRun: true, config: 'm.yaml' }) && core.summary.stringify()
    expect(html).toContain('<h3>Retention (prune): 1 tag to delete</h3>')
    expect(html).toContain('<li>🗑️ would delete <code>mirror.example/app:1</code>: would delete</li>')
    expect(html).toContain(
      '<li>🔒 kept <code>mirror.example/app:0</code>: keep: &quot;0&quot; protects it</li>'
    )
    expect(html).toContain(
      '<strong>Plan:</strong> 1 new, 0 changed, 0 unchanged; 1 tags to delete (prune). Nothing was written.'
    )
    expect(html).toMatch(
      /<strong>Total:<\/strong> 1 images: .*1 planned, 1 tags to delete \(prune\), 1 kept \(prune\);/
    )
  })
})

describe('a host that is down', () => {
  const first =
    'GET https://dead.example/v2/: ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443 (after 5 attempts)'
  const down = (source: string): ImageReport =>
    img({
      source,
      status: 'failed',
      error: `source docker://dead.example/${source}: ${first} (dead.example is down: not tried again this run)`
    })
  const report = rep([
    // The image whose attempts marked the host down, before the breaker knew.
    img({
      source: 'a:1',
      status: 'failed',
      error: 'source GET https://dead.example/v2/: ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443'
    }),
    down('b:1'),
    down('c:1'),
    img({ source: 'other:1', status: 'failed', error: 'DENIED: requested access to the resource is denied' }),
    down('d:1')
  ])

  test('the summary says it once with the images listed, and lists the other failures with their errors', () => {
    const html =
      buildSummary(core.summary, report, { dryRun: false, config: 'm.yaml' }) && core.summary.stringify()
    expect(html.split('is down').length - 1).toBe(1)
    expect(html).toContain(`<p>dead.example is down: 4 images failed (first error: ${escapeHtml(first)})</p>`)
    expect(html).toContain('<details><summary>4 images on <code>dead.example</code></summary>')
    for (const s of ['a:1', 'b:1', 'c:1', 'd:1']) expect(html).toContain(`<li><code>${s}</code> → `)
    expect(html).toContain('<code>other:1</code> → <code>mirror.example/other:1</code>: DENIED')
  })

  test('the JSON report keeps every image and adds the group', () => {
    const json = reportToJson(report) as { images: unknown[]; groups: unknown[] }
    expect(json.images).toHaveLength(5)
    expect(json.groups).toEqual([
      {
        kind: 'host-down',
        host: 'dead.example',
        count: 4,
        firstError: first,
        images: ['a:1', 'b:1', 'c:1', 'd:1'].map(s => ({ source: s, target: `mirror.example/${s}` }))
      }
    ])
  })

  test('the text lines: each image without the repeated error, one line for the host', () => {
    expect(formatImageLine(report.images[1]!)).toMatch(
      /: dead\.example is down \(not tried again this run\)$/
    )
    expect(formatGroupLines(report)).toEqual([
      `dead.example is down: 4 images failed (first error: ${first})`
    ])
    expect(formatGroupLines(rep([report.images[3]!]))).toEqual([])
  })
})
