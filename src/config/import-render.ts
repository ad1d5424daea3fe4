/** The neutral model that every importer fills, and its rendering as our version-1 YAML. */
import { parse } from 'yaml'

export interface ImportedEntry {
  /** Source reference as it will be written (tag or digest included when fixed). */
  source: string
  /** Explicit target; undefined means `~` (defaults.target + the last path component). */
  target?: string
  tags?: string[]
  exclude?: string[]
  semver?: string
  platforms?: string[]
  referrers?: boolean
}

export interface Imported {
  registries: Map<string, { insecure?: boolean }>
  entries: ImportedEntry[]
  /** Things the conversion left out or changed (never secrets), shown as header comments. */
  notes: string[]
  /** Entry options for every entry (`defaults:`), besides the target prefix. */
  defaults?: { referrers?: boolean }
}

export function emptyImport(): Imported {
  return { registries: new Map(), entries: [], notes: [] }
}

/** A YAML scalar that reads back as exactly `s`, plain where that is safe. */
export function yamlString(s: string): string {
  if (/\p{Cc}/u.test(s)) return JSON.stringify(s)
  if (/^[A-Za-z0-9_./@+-][A-Za-z0-9_./@:+-]*$/.test(s) && !s.endsWith(':')) {
    try {
      if (parse(s, { schema: 'core' }) === s) return s
    } catch {
      // falls through to quoting
    }
  }
  return `'${s.replace(/'/g, "''")}'`
}

function flowList(items: string[]): string {
  return `[${items.map(yamlString).join(', ')}]`
}

function entryValue(e: ImportedEntry, indent: string): string {
  const opts: string[] = []
  if (e.tags) opts.push(`tags: ${flowList(e.tags)}`)
  if (e.exclude) opts.push(`exclude: ${flowList(e.exclude)}`)
  if (e.semver !== undefined) opts.push(`semver: ${yamlString(e.semver)}`)
  if (e.platforms) opts.push(`platforms: ${flowList(e.platforms)}`)
  if (e.referrers !== undefined) opts.push(`referrers: ${e.referrers}`)
  if (opts.length === 0) return ` ${e.target === undefined ? '~' : yamlString(e.target)}`
  if (e.target !== undefined) opts.unshift(`target: ${yamlString(e.target)}`)
  return opts.map(o => `\n${indent}${o}`).join('')
}

/** Renders our YAML. Repeated sources (one source, several targets) switch `images:` to list form. */
export function renderImported(
  imp: Imported,
  format: string,
  file: string,
  defaultsTarget: string | undefined
): string {
  const lines: string[] = []
  lines.push(`# mirror-action config (version 1), converted from the ${format} file ${file}.`)
  for (const note of imp.notes) lines.push(`# NOTE: ${note}`)
  const needsDefault = imp.entries.some(e => e.target === undefined)
  if (needsDefault && defaultsTarget === undefined) {
    lines.push('# NOTE: entries with ~ need defaults.target: set it below (or import with --target PREFIX).')
  }
  lines.push('version: 1')
  const defaults: string[] = []
  if (defaultsTarget !== undefined) defaults.push(`  target: ${yamlString(defaultsTarget)}`)
  else if (needsDefault) defaults.push('  # target: registry.example.com/my-namespace')
  if (imp.defaults?.referrers !== undefined) defaults.push(`  referrers: ${imp.defaults.referrers}`)
  if (defaults.length > 0) lines.push('defaults:', ...defaults)
  if (imp.registries.size > 0) {
    lines.push('registries:')
    for (const [host, o] of imp.registries) {
      lines.push(`  ${yamlString(host)}:${o.insecure !== undefined ? ` { insecure: ${o.insecure} }` : ' {}'}`)
    }
  }
  lines.push('images:')
  if (imp.entries.length === 0) lines.push('  # no images were found in the input')
  const sources = imp.entries.map(e => e.source)
  const listForm = new Set(sources).size !== sources.length
  for (const e of imp.entries) {
    if (listForm) lines.push(`  - ${yamlString(e.source)}:${entryValue(e, '      ')}`)
    else lines.push(`  ${yamlString(e.source)}:${entryValue(e, '    ')}`)
  }
  return lines.join('\n') + '\n'
}

/**
 * Go's regexp (skopeo, image-syncer) matches anywhere in the tag; ours match the whole tag. Anchors
 * are kept, the unanchored sides get `.*`, and `(?i)`/`(?P<` are turned into their JS spellings.
 */
export function goRegexToTagPattern(re: string): string {
  let body = re.replace(/\(\?P</g, '(?<')
  let flags = ''
  if (body.startsWith('(?i)')) {
    body = body.slice(4)
    flags = 'i'
  }
  const simple = !body.includes('|')
  const start = simple && body.startsWith('^')
  const end = simple && body.endsWith('$') && !body.endsWith('\\$')
  if (start) body = body.slice(1)
  if (end) body = body.slice(0, -1)
  if (!start || !end) body = `${start ? '' : '.*'}${simple ? body : `(?:${body})`}${end ? '' : '.*'}`
  return `/${body}/${flags}`
}

/** Masterminds/semver constraints (skopeo's images-by-semver) in node-semver syntax. */
export function goSemverToRange(c: string): string {
  return c
    .split('||')
    .map(part =>
      part
        .split(',')
        .map(s => s.trim().replace(/^(>=|<=|>|<|=|!=|~|\^)\s+/, '$1'))
        .join(' ')
    )
    .join(' || ')
}
