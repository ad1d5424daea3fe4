import { describe, expect, test } from '@jest/globals'
import { ActionLog, type LogSink } from '../../src/action/index.js'
import { computeTotals, type ImageReport } from '../../src/sync/index.js'

function recorder(): LogSink & { out: string[] } {
  const out: string[] = []
  return {
    out,
    info: l => out.push(l),
    startGroup: n => out.push(`::group::${n}`),
    endGroup: () => out.push('::endgroup::')
  }
}
const blob = (n: number) => ({
  mediaType: 'application/octet-stream',
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 10
})
const done = (target: string, p: Partial<ImageReport> = {}): ImageReport => ({
  source: `src/${target}`,
  target,
  status: 'copied',
  bytes: 2048,
  durationMs: 1234,
  digest: 'sha256:' + 'c'.repeat(64),
  ...p
})

describe('ActionLog', () => {
  test('concurrent images each get one uninterrupted group with their own engine lines', () => {
    const sink = recorder()
    const log = new ActionLog({ sink, now: () => 0 })
    const a = log.imageStart({ source: 'src/reg:5000/ns/a:1', target: 'reg:5000/ns/a:1' })
    const b = log.imageStart({ source: 'src/reg:5000/ns/b:1', target: 'reg:5000/ns/b:1' })
    a.onCopied!({ blob: blob(1), bytes: 1024, dest: 'docker://reg:5000/ns/a:1' })
    b.onMounted!({
      blob: blob(2),
      dest: 'docker://reg:5000/ns/b:1',
      from: { registry: 'reg:5000', repository: 'ns/a' }
    })
    a.onSkipped!({ blob: blob(3), dest: 'docker://reg:5000/ns/a:1', reason: 'exists' })
    a.onManifest!({
      digest: 'sha256:' + 'c'.repeat(64),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      dest: 'docker://reg:5000/ns/a:1',
      tag: '1'
    })
    log.imageDone(done('reg:5000/ns/b:1', { bytes: 0 }))
    log.imageDone(done('reg:5000/ns/a:1'))
    expect(sink.out).toEqual([
      '::group::copied: src/reg:5000/ns/b:1 → reg:5000/ns/b:1 (sha256:cccccccccccc)',
      'mounted sha256:222222222222 from reg:5000/ns/a',
      'copied in 1.2 s',
      '::endgroup::',
      '::group::copied: src/reg:5000/ns/a:1 → reg:5000/ns/a:1 (sha256:cccccccccccc)',
      'copied sha256:111111111111 (1.0 KiB)',
      'skipped sha256:333333333333: already in the target',
      'wrote manifest sha256:cccccccccccc (application/vnd.oci.image.index.v1+json) as tag 1',
      'copied in 1.2 s, 2.0 KiB transferred',
      '::endgroup::'
    ])
  })

  // The engine names a destination its own way (`docker://docker.io/library/x:1` for `x:1`, a
  // lower-cased host): the hooks an image was given decide where its events go, never the name.
  test.each([
    [
      'same repository, two tags',
      ['reg:5000/x:1', 'reg:5000/x:2'],
      ['docker://reg:5000/x', 'docker://reg:5000/x']
    ],
    [
      'Docker Hub short names',
      ['x:1', 'x:2'],
      ['docker://docker.io/library/x:1', 'docker://docker.io/library/x:2']
    ],
    [
      'an upper-case host',
      ['REG:5000/x:1', 'reg:5000/x:2'],
      ['docker://reg:5000/x:1', 'docker://reg:5000/x:2']
    ]
  ])('%s: each event stays with the image whose copy raised it', (_n, targets, names) => {
    const sink = recorder()
    const log = new ActionLog({ sink })
    const hooks = targets.map((target, i) => log.imageStart({ source: `src/${i}`, target }))
    hooks.forEach((h, i) => {
      const dest = names[i]!
      h.onCopied!({ blob: blob(i + 1), bytes: 5, dest })
      h.onSkipped!({ blob: blob(7), dest, reason: i === 0 ? 'exists' : 'already-copied' })
      h.onWarning!(`warning of ${i}`)
    })
    for (let i = targets.length - 1; i >= 0; i--) log.imageDone(done(targets[i]!, { source: `src/${i}` }))
    const groups = sink.out.join('\n').split('::endgroup::')
    expect(groups[0]).toContain(`→ ${targets[1]} `)
    expect(groups[0]).toContain('copied sha256:222222222222 (5 B)')
    expect(groups[0]).toContain('skipped sha256:777777777777: copied earlier in this run')
    expect(groups[0]).toContain('note: warning of 1')
    expect(groups[0]).not.toMatch(/111111111111|of 0|already in the target/)
    expect(groups[1]).toContain(`→ ${targets[0]} `)
    expect(groups[1]).toContain('copied sha256:111111111111 (5 B)')
    expect(groups[1]).toContain('skipped sha256:777777777777: already in the target')
    expect(groups[1]).toContain('note: warning of 0')
    expect(groups[1]).not.toMatch(/222222222222|of 1|earlier in this run/)
  })

  test.each([
    [
      'failed',
      { status: 'failed' as const, error: 'DENIED', bytes: 0 },
      ['FAILED in 1.2 s', 'error: DENIED']
    ],
    ['dry run', { status: 'planned' as const, change: 'new' as const, bytes: 0 }, ['planned [new] in 1.2 s']],
    [
      'digest changed',
      { digestChanged: true, bytes: 0 },
      [expect.stringMatching(/^copied in 1.2 s \(target digest differs/)]
    ]
  ])('outcome line: %s', (_n, p, lines) => {
    const sink = recorder()
    new ActionLog({ sink }).imageDone(done('t', p))
    expect(sink.out.slice(1, -1)).toEqual(lines)
  })

  test('progress prints at most once per interval, and never for a transfer shorter than one', () => {
    let t = 0
    const sink = recorder()
    const log = new ActionLog({ sink, now: () => t, progressIntervalMs: 10_000 })
    const { onProgress } = log.imageStart({ source: 's', target: 'reg/ns/big:1' })
    const total = 100 * 1024 * 1024
    for (const [at, bytes] of [
      [0, 1],
      [4_000, 10 * 1024 * 1024],
      [9_999, 20 * 1024 * 1024],
      [10_000, 25 * 1024 * 1024],
      [15_000, 50 * 1024 * 1024],
      [20_500, 75 * 1024 * 1024]
    ]) {
      t = at
      onProgress!({ bytes, total, dest: 'docker://reg/ns/big:1' })
    }
    expect(sink.out).toEqual([
      'progress: reg/ns/big:1: 25 MiB of 100 MiB (25%, 2.5 MiB/s)',
      'progress: reg/ns/big:1: 75 MiB of 100 MiB (75%, 3.7 MiB/s)'
    ])
  })

  test('one total line at the end', () => {
    const sink = recorder()
    const log = new ActionLog({ sink })
    const images = [
      done('a'),
      done('b', { status: 'skipped', bytes: 0 }),
      done('c', { status: 'failed', bytes: 0 })
    ]
    log.total({ images, totals: computeTotals(images), warnings: [] })
    expect(sink.out).toEqual(['total: 3 images: 1 copied, 1 skipped, 1 failed; 2.0 KiB copied'])
  })

  test('remote text never starts a line of its own: tag, error, mount source and warning are escaped', () => {
    const sink = recorder()
    const log = new ActionLog({ sink })
    const evil = 'v9\n::error title=Injected::pwned\n::add-mask::total ##[error]legacy'
    const hooks = log.imageStart({ source: `src/app:${evil}`, target: 'reg/ns/app:1' })
    hooks.onMounted!({
      blob: blob(5),
      dest: 'docker://reg/ns/app:1',
      from: { registry: 'reg', repository: evil }
    })
    hooks.onWarning!(`cosign tags ${evil} not copied`)
    log.imageDone(done('reg/ns/app:1', { source: `src/app:${evil}`, status: 'failed', error: evil }))
    // Lines of the form ::group::/::endgroup:: come from the recorder itself, not from the text.
    const written = sink.out.map(l => l.replace(/^::(end)?group::/, ''))
    for (const line of written) {
      expect(line).not.toMatch(/[\r\n]/)
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toContain('##[')
    }
    expect(sink.out).toContain(
      'error: v9%0A::error title=Injected::pwned%0A::add-mask::total ##%5Berror]legacy'
    )
  })
})
