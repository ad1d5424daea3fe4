/**
 * regsync's config (regclient): `creds:` (per registry: tls, credentials), `defaults:` and `sync:`
 * steps of `type: image` (one image) or `repository` (its tags, filtered by `tags.allow`/`deny`
 * regexes bound to the whole tag, as ours are). A `registry` step copies a whole registry, which a
 * config of repositories cannot say: it is left out with a note. regsync copies no referrers
 * unless told to, so the converted config says `referrers: false` unless `referrers: true` is set.
 * Go templates cannot be evaluated here: a source or target with `{{` is refused.
 */
import { isSeq, type Document, type Node } from 'yaml'
import { formatPlatform, parsePlatform, parseReference } from '../oci/index.js'
import { tagPatternError } from './filters.js'
import { emptyImport, type Imported, type ImportedEntry } from './import-render.js'
import type { Entry, NodeReader } from './nodes.js'
import { NO_DEFAULT_TAG } from './targets.js'

const TOP = ['version', 'creds', 'defaults', 'sync']
const CRED_KEYS = [
  'registry',
  'hostname',
  'user',
  'pass',
  'credHelper',
  'credExpire',
  'tls',
  'regcert',
  'clientCert',
  'clientKey',
  'pathPrefix',
  'mirrors',
  'priority',
  'repoAuth',
  'blobChunk',
  'blobMax',
  'reqPerSec',
  'reqConcurrent',
  'apiOpts'
]
/** Options of a step that regsync has and we have no counterpart for (scheduling, backups…). */
const STEP_ONLY = [
  'backup',
  'interval',
  'schedule',
  'ratelimit',
  'digestTags',
  'referrerFilters',
  'forceRecursive',
  'mediaTypes',
  'fastCheck',
  'includeExternal',
  'referrerSource',
  'referrerTarget',
  'cacheCount',
  'cacheTime',
  'parallel',
  'skipDockerConfig',
  'userAgent',
  'hooks'
]
const STEP_KEYS = ['source', 'target', 'type', 'tags', 'platform', 'referrers', ...STEP_ONLY]
const DEFAULT_KEYS = ['referrers', ...STEP_ONLY]

/** A map's entries, `x-*` extension keys left out (regsync never reads them). */
function mapEntries(r: NodeReader, node: Node | null, where: string): Entry[] {
  return r.entries(node, where).filter(e => !e.key.startsWith('x-'))
}

function listItems(r: NodeReader, e: Entry, where: string): Node[] {
  const n = r.deref(e.value)
  if (r.kind(n) === 'null') return []
  if (!isSeq(n)) {
    r.typeError(e, where, 'a list')
    return []
  }
  return n.items.map(i => r.deref(i)).filter((i): i is Node => i !== null)
}

/**
 * regsync's regexes are bound to the whole tag, as ours are: only the spelling changes, and a
 * regex that can only match itself (`latest`, `edge`) is written as that tag.
 */
export function regsyncTagPattern(re: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(re)) return re
  let body = re.replace(/\(\?P</g, '(?<')
  let flags = ''
  if (body.startsWith('(?i)')) {
    body = body.slice(4)
    flags = 'i'
  }
  return `/${body}/${flags}`
}

export function importRegsync(r: NodeReader, doc: Document): Imported {
  const out = emptyImport()
  const root = r.deref(doc.contents)
  if (r.kind(root) !== 'map') {
    r.error(root, `expected a regsync config (a map with sync:), got ${r.describe(root)}`)
    return out
  }
  const top = r.known(mapEntries(r, root, 'the file'), TOP, 'the file')
  const version = top.get('version')
  if (version && r.text(version.value) !== '1')
    r.error(version.value, 'only regsync config version 1 is known')
  const skipped = new Set<string>()
  for (const c of top.get('creds') ? listItems(r, top.get('creds')!, 'creds') : []) readCred(r, c, out)
  let referrers = false
  const defaults = top.get('defaults')
  if (defaults) {
    const d = r.known(mapEntries(r, defaults.value, 'defaults'), DEFAULT_KEYS, 'defaults')
    for (const k of d.keys()) if (k !== 'referrers') skipped.add(`defaults.${k}`)
    const ref = d.get('referrers')
    if (ref) referrers = r.bool(ref, 'defaults.referrers') === true
  }
  // regsync's default is no referrers; ours is to copy them.
  out.defaults = { referrers }
  for (const step of top.get('sync') ? listItems(r, top.get('sync')!, 'sync') : []) {
    const entry = readStep(r, step, out, skipped)
    if (entry) out.entries.push(entry)
  }
  if (skipped.size > 0)
    out.notes.push(
      `not imported (scheduling, backups and tuning have no counterpart here): ${[...skipped].sort().join(', ')}.`
    )
  return out
}

function readCred(r: NodeReader, node: Node, out: Imported): void {
  if (r.kind(node) !== 'map') {
    r.error(node, `creds: expected a map (registry, tls, …), got ${r.describe(node)}`)
    return
  }
  const c = r.known(mapEntries(r, node, 'creds'), CRED_KEYS, 'creds')
  const reg = c.get('registry')
  const host = reg ? r.string(reg, 'creds.registry') : undefined
  if (!host) {
    if (!reg) r.error(node, 'creds: an entry without registry:')
    return
  }
  if (host.includes('{{')) {
    r.error(reg!.value, `creds.registry "${host}": Go templates cannot be converted; write the value`)
    return
  }
  const tls = c.get('tls')
  const mode = tls ? r.string(tls, `creds "${host}".tls`) : 'enabled'
  if (mode === 'insecure' || mode === 'disabled') out.registries.set(host, { insecure: true })
  else if (mode !== undefined && mode !== 'enabled')
    r.errors.at(
      r.valueOffset(tls!),
      `creds "${host}".tls: expected enabled, insecure or disabled, got "${mode}"`
    )
  if (c.has('user') || c.has('pass') || c.has('credHelper'))
    out.notes.push(`credentials for ${host} were not imported: pass them with the credentials input.`)
  if (c.has('regcert') || c.has('clientCert'))
    out.notes.push(
      `the certificates of ${host} were not imported: set registries."${host}".ca-file / cert-file / key-file.`
    )
  for (const k of ['hostname', 'pathPrefix', 'mirrors'])
    if (c.has(k)) out.notes.push(`${k} of ${host} was not imported: there is no counterpart.`)
}

function readStep(r: NodeReader, node: Node, out: Imported, skipped: Set<string>): ImportedEntry | undefined {
  if (r.kind(node) !== 'map') {
    r.error(node, `sync: expected a step (source, target, type), got ${r.describe(node)}`)
    return undefined
  }
  const s = r.known(mapEntries(r, node, 'sync step'), STEP_KEYS, 'sync step')
  for (const k of s.keys()) if (STEP_ONLY.includes(k)) skipped.add(k)
  const read = (key: 'source' | 'target'): string | undefined => {
    const e = s.get(key)
    if (!e) {
      r.error(node, `sync step: ${key} is required`)
      return undefined
    }
    const v = r.string(e, key)
    if (v?.includes('{{')) {
      r.errors.at(
        r.valueOffset(e),
        `${key} "${v}": Go templates cannot be converted; write the expanded value`
      )
      return undefined
    }
    return v
  }
  const source = read('source')
  const target = read('target')
  if (source === undefined || target === undefined) return undefined
  const typeEntry = s.get('type')
  const type = typeEntry ? r.string(typeEntry, 'type') : undefined
  if (type === 'registry') {
    out.notes.push(
      `the registry step ${source} → ${target} was not imported: list the repositories to mirror.`
    )
    return undefined
  }
  let ref
  try {
    ref = parseReference(source, NO_DEFAULT_TAG)
    parseReference(target, NO_DEFAULT_TAG)
  } catch (err) {
    r.error(node, `sync step ${source} → ${target}: ${err instanceof Error ? err.message : String(err)}`)
    return undefined
  }
  const pinned = ref.tag !== undefined || ref.digest !== undefined
  const kind = type ?? (pinned ? 'image' : 'repository')
  if (kind !== 'image' && kind !== 'repository') {
    r.errors.at(r.valueOffset(typeEntry!), `type: expected image, repository or registry, got "${type}"`)
    return undefined
  }
  const entry: ImportedEntry = { source, target }
  if (kind === 'image') {
    // regsync reads a bare name as :latest, as docker pull does.
    if (!pinned) entry.source = `${source}:latest`
  } else {
    if (pinned) {
      r.error(node, `sync step ${source}: a repository step names no tag or digest`)
      return undefined
    }
    const tags = s.get('tags')
    const f = tags
      ? r.known(r.entries(tags.value, 'tags'), ['allow', 'deny'], 'tags')
      : new Map<string, Entry>()
    const patterns = (key: 'allow' | 'deny'): string[] | undefined => {
      const e = f.get(key)
      if (!e) return undefined
      const out: string[] = []
      for (const it of r.stringList(e, `tags.${key}`) ?? []) {
        const p = regsyncTagPattern(it.value)
        const problem = tagPatternError(p)
        if (problem) r.errors.at(it.offset, `tags.${key}: ${problem}`)
        else out.push(p)
      }
      return out
    }
    entry.tags = patterns('allow') ?? ['*']
    const deny = patterns('deny')
    if (deny?.length) entry.exclude = deny
  }
  const platform = s.get('platform')
  if (platform) {
    const p = r.string(platform, 'platform')
    try {
      if (p !== undefined) entry.platforms = [formatPlatform(parsePlatform(p))]
    } catch (err) {
      r.errors.at(r.valueOffset(platform), `platform: ${(err as Error).message}`)
    }
  }
  const refs = s.get('referrers')
  if (refs) entry.referrers = r.bool(refs, 'referrers')
  return entry
}
