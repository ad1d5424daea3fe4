/**
 * Plain image lists, one image per line, as docker_image_pusher's images.txt keeps them:
 * `IMAGE`, `IMAGE TARGET`, `--platform=os/arch IMAGE`, `#` comments and blank lines.
 */
import { formatPlatform, parsePlatform, parseReference, type Reference } from '../oci/index.js'
import { ErrorCollector } from './errors.js'
import { emptyImport, type Imported, type ImportedEntry } from './import-render.js'
import { NO_DEFAULT_TAG, lastComponent, transportOf } from './targets.js'

interface Token {
  text: string
  col: number
}

function tokens(line: string): Token[] {
  const out: Token[] = []
  const re = /\S+/g
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].startsWith('#')) break
    out.push({ text: m[0], col: m.index + 1 })
  }
  return out
}

interface ListEntry extends ImportedEntry {
  ref: Reference
}

export function importList(text: string, file: string, defaultsTarget: string | undefined): Imported {
  const errors = new ErrorCollector(file)
  const out = emptyImport()
  const byKey = new Map<string, ListEntry>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1
    let platform: string | undefined
    const rest: Token[] = []
    const toks = tokens(raw)
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t]
      if (tok.text.startsWith('--platform')) {
        const value = tok.text.startsWith('--platform=') ? tok.text.slice(11) : toks[++t]?.text
        try {
          if (value === undefined) throw new Error('missing value')
          // Written back in its canonical spelling, so the generated config reads linux/amd64.
          platform = formatPlatform(parsePlatform(value))
        } catch (err) {
          errors.atLineCol(lineNo, tok.col, `--platform: ${(err as Error).message}`)
        }
      } else if (tok.text.startsWith('-')) {
        errors.atLineCol(
          lineNo,
          tok.col,
          `unknown option ${tok.text} (only --platform=os/arch is understood)`
        )
      } else {
        rest.push(tok)
      }
    }
    if (rest.length === 0) {
      if (platform !== undefined) errors.atLineCol(lineNo, 1, '--platform without an image')
      return
    }
    if (rest.length > 2) {
      errors.atLineCol(lineNo, rest[2].col, 'expected IMAGE or IMAGE TARGET on one line')
      return
    }
    let ref: Reference
    try {
      ref = parseReference(rest[0].text, NO_DEFAULT_TAG)
    } catch (err) {
      errors.atLineCol(lineNo, rest[0].col, err instanceof Error ? err.message : String(err))
      return
    }
    const target = rest[1]?.text
    if (target !== undefined && transportOf(target) === undefined) {
      try {
        parseReference(target, NO_DEFAULT_TAG)
      } catch (err) {
        errors.atLineCol(lineNo, rest[1].col, `target: ${err instanceof Error ? err.message : String(err)}`)
        return
      }
    }
    // `docker pull IMAGE` means IMAGE:latest; say so explicitly, since our config requires a tag or filter.
    const source = ref.tag === undefined && ref.digest === undefined ? `${rest[0].text}:latest` : rest[0].text
    const key = `${source} ${target ?? '~'}`
    const prev = byKey.get(key)
    if (!prev) {
      const e: ListEntry = { source, target, ref, platforms: platform ? [platform] : undefined }
      byKey.set(key, e)
      out.entries.push(e)
    } else if (prev.platforms && platform && !prev.platforms.includes(platform)) {
      // The same image listed once per platform becomes one entry with those platforms.
      prev.platforms.push(platform)
    } else if (!platform) {
      prev.platforms = undefined
    }
  })
  errors.throwIfAny()
  disambiguate(out, defaultsTarget)
  return out
}

/**
 * docker_image_pusher flattens names, and gives `a/nginx` and `b/nginx` distinct targets
 * (`a_nginx`, `b_nginx`) instead of letting them overwrite each other; so do we.
 */
function disambiguate(out: Imported, defaultsTarget: string | undefined): void {
  const byName = new Map<string, ListEntry[]>()
  for (const e of out.entries as ListEntry[]) {
    if (e.target !== undefined) continue
    const name = lastComponent(e.ref.repository)
    byName.set(name, [...(byName.get(name) ?? []), e])
  }
  for (const [name, list] of byName) {
    const repos = new Set(list.map(e => `${e.ref.registry}/${e.ref.repository}`))
    if (repos.size < 2) continue
    if (defaultsTarget === undefined) {
      out.notes.push(`several repositories are named ${name}: give them distinct targets.`)
      continue
    }
    for (const e of list) {
      const prefix = e.ref.repository.split('/').slice(0, -1).join('_')
      e.target = `${defaultsTarget.replace(/\/+$/, '')}/${prefix ? `${prefix}_` : ''}${name}`
    }
  }
  for (const e of out.entries as Partial<ListEntry>[]) delete e.ref
}
