/**
 * `sync --explain`: per entry, which filter kept or dropped each tag the source listed, so a config
 * whose filters contradict each other (an exact tag outside the semver range) explains itself.
 */
import { formatPlatform } from '../oci/index.js'
import type { TagExplanation } from '../sync/index.js'

function filterText(e: TagExplanation['entry']): string {
  const f = e.filter
  const parts: string[] = []
  if (f) {
    parts.push(`tags ${JSON.stringify(f.tags ?? ['*'])}`)
    if (f.exclude?.length) parts.push(`exclude ${JSON.stringify(f.exclude)}`)
    if (f.semver !== undefined) parts.push(`semver ${JSON.stringify(f.semver)}`)
    if (f.latest !== undefined) parts.push(`latest ${f.latest}`)
  }
  // Platforms select inside each image, not among tags: shown so the whole selection is in one place.
  parts.push(
    e.platforms === 'all'
      ? 'platforms: all'
      : `platforms ${e.platforms.map(formatPlatform).join(', ')} of each image`
  )
  return parts.join(', ')
}

/** The lines for one entry: a head line, then `keep`/`drop` and the reason for each listed tag. */
export function formatExplanation(x: TagExplanation): string[] {
  const head = `explain  ${x.entry.source} → ${x.entry.target}`
  if (!x.entry.filter)
    return [`${head}: the source names its tag or digest, no tag filter applies (${filterText(x.entry)})`]
  const kept = x.verdicts.filter(v => v.kept).length
  const lines = [`${head}: ${kept} of ${x.listed} listed tags kept (${filterText(x.entry)})`]
  const width = Math.min(40, Math.max(0, ...x.verdicts.map(v => v.tag.length)))
  for (const v of x.verdicts)
    lines.push(
      `  ${v.kept ? 'keep' : 'drop'}  ${v.tag.padEnd(width)}  ${v.kept ? '' : `${v.by}: `}${v.reason}`
    )
  return lines
}
