/**
 * Typed reads of YAML nodes that report mistakes with positions instead of throwing. Scalars used
 * as strings are read from their source text, so `1.10` stays "1.10" and never becomes 1.1.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'
import { unknownKeyMessage, type ErrorCollector } from './errors.js'

export type Kind = 'map' | 'list' | 'string' | 'number' | 'boolean' | 'null' | 'other'

/** A map entry whose key is a scalar, read as text. */
export interface Entry {
  key: string
  keyNode: Node
  value: Node | null
  /** Offset of the key, for errors about the whole entry. */
  offset: number
}

export class NodeReader {
  private readonly mergedCache = new Map<Node, Map<string, Entry[]>>()

  constructor(
    private readonly doc: Document,
    readonly errors: ErrorCollector
  ) {}

  /** Resolves aliases (one level is enough: anchors point at nodes, never at other aliases). */
  deref(node: unknown): Node | null {
    let n = node
    for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(this.doc)
    return n == null ? null : (n as Node)
  }

  offset(node: Node | null | undefined, fallback = 0): number {
    return node?.range ? node.range[0] : fallback
  }

  error(node: Node | null | undefined, text: string, fallback = 0): void {
    this.errors.at(this.offset(node, fallback), text)
  }

  kind(node: Node | null): Kind {
    const n = this.deref(node)
    if (n === null) return 'null'
    if (isMap(n)) return 'map'
    if (isSeq(n)) return 'list'
    if (isScalar(n)) {
      const v = n.value
      if (v === null || v === undefined) return 'null'
      if (typeof v === 'string') return 'string'
      if (typeof v === 'number' || typeof v === 'bigint') return 'number'
      if (typeof v === 'boolean') return 'boolean'
    }
    return 'other'
  }

  describe(node: Node | null): string {
    const k = this.kind(node)
    const n = this.deref(node)
    const shown = isScalar(n) && n.source !== undefined ? ` (${JSON.stringify(String(n.source))})` : ''
    switch (k) {
      case 'map':
        return 'a map'
      case 'list':
        return 'a list'
      case 'null':
        return 'nothing'
      case 'other':
        return 'an unsupported value'
      default:
        return `a ${k}${shown}`
    }
  }

  /** The scalar's text as written (for plain scalars) or its string value (quoted/block scalars). */
  text(node: Node | null): string | undefined {
    const n = this.deref(node)
    if (!isScalar(n)) return undefined
    if (n.source !== undefined) return String(n.source)
    return n.value === null || n.value === undefined ? undefined : String(n.value)
  }

  /**
   * Map entries with scalar keys; duplicate and non-scalar keys are reported and skipped. YAML merge
   * keys (`<<: *shared`, or a list of aliases) are expanded the YAML 1.1 way: keys written in the
   * map win over merged ones, earlier merged maps over later ones.
   */
  entries(node: Node | null, where: string, depth = 0): Entry[] {
    const n = this.deref(node)
    if (!isMap(n)) return []
    const seen = new Map<string, number>()
    const out: Entry[] = []
    const merges: Node[] = []
    for (const pair of n.items as Pair<unknown, unknown>[]) {
      const keyNode = this.deref(pair.key)
      const offset = this.offset(keyNode, this.offset(n))
      const key = isScalar(keyNode) ? this.text(keyNode) : undefined
      if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN') {
        const v = this.deref(pair.value)
        const sources = isSeq(v) ? v.items.map(i => this.deref(i)) : [v]
        for (const src of sources) {
          if (isMap(src) && depth < 8) merges.push(src)
          else
            this.errors.at(
              this.offset(src, offset),
              `${where}: a merge key (<<) takes a map or a list of maps`
            )
        }
        continue
      }
      if (keyNode === null || key === undefined || key === '') {
        this.errors.at(offset, `${where}: a key must be a non-empty string`)
        continue
      }
      const first = seen.get(key)
      if (first !== undefined) {
        const p = this.errors.pos(first)
        this.errors.at(
          offset,
          `duplicate key "${key}" in ${where} (first at line ${p.line}, column ${p.col})`
        )
        continue
      }
      seen.set(key, offset)
      out.push({ key, keyNode, value: this.deref(pair.value), offset })
    }
    for (const src of merges) {
      for (const e of this.merged(src, where, depth + 1)) {
        if (seen.has(e.key)) continue
        seen.set(e.key, e.offset)
        out.push(e)
      }
    }
    return out
  }

  /**
   * A merged map's entries, read once per nesting depth: maps that merge the same anchor many times
   * over, nested, would otherwise be read once per path (exponential work in a few lines).
   */
  private merged(node: Node, where: string, depth: number): Entry[] {
    const key = `${depth}`
    let byDepth = this.mergedCache.get(node)
    if (!byDepth) this.mergedCache.set(node, (byDepth = new Map()))
    let out = byDepth.get(key)
    if (!out) byDepth.set(key, (out = this.entries(node, where, depth)))
    return out
  }

  /** Reports keys not in `allowed` (with a did-you-mean) and returns the known ones by name. */
  known(entries: Entry[], allowed: readonly string[], where: string): Map<string, Entry> {
    const out = new Map<string, Entry>()
    for (const e of entries) {
      if (allowed.includes(e.key)) out.set(e.key, e)
      else this.errors.at(e.offset, unknownKeyMessage(e.key, allowed, where))
    }
    return out
  }

  /** Where to point for a problem with an entry's value: the value, or the key when there is none. */
  valueOffset(e: Entry): number {
    return e.value?.range ? e.value.range[0] : e.offset
  }

  typeError(e: Entry, name: string, expected: string): void {
    this.errors.at(this.valueOffset(e), `${name}: expected ${expected}, got ${this.describe(e.value)}`)
  }

  string(e: Entry, name: string): string | undefined {
    if (this.kind(e.value) === 'map' || this.kind(e.value) === 'list' || this.kind(e.value) === 'null') {
      this.typeError(e, name, 'a string')
      return undefined
    }
    return this.text(e.value)
  }

  bool(e: Entry, name: string): boolean | undefined {
    const n = this.deref(e.value)
    if (isScalar(n) && typeof n.value === 'boolean') return n.value
    this.typeError(e, name, 'true or false')
    return undefined
  }

  /** A whole number ≥ min; numbers written as strings are refused so types stay honest. */
  integer(e: Entry, name: string, min: number): number | undefined {
    const n = this.deref(e.value)
    if (isScalar(n) && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= min) {
      return n.value
    }
    this.typeError(e, name, `a whole number of at least ${min}`)
    return undefined
  }

  /** A list of scalars read as text (a single scalar counts as a one-item list), each with its offset. */
  stringList(e: Entry, name: string): { value: string; offset: number }[] | undefined {
    const n = this.deref(e.value)
    if (isScalar(n) && this.kind(n) !== 'null') return [{ value: this.text(n) ?? '', offset: this.offset(n) }]
    if (!isSeq(n)) {
      this.typeError(e, name, 'a list of strings')
      return undefined
    }
    if (n.items.length === 0) {
      this.errors.at(this.valueOffset(e), `${name}: the list is empty`)
      return undefined
    }
    const out: { value: string; offset: number }[] = []
    let ok = true
    for (const item of n.items) {
      const it = this.deref(item)
      const k = this.kind(it)
      if (k === 'map' || k === 'list' || k === 'null' || k === 'other') {
        this.error(it, `${name}: expected a string, got ${this.describe(it)}`, this.offset(n))
        ok = false
        continue
      }
      out.push({ value: this.text(it) ?? '', offset: this.offset(it, this.offset(n)) })
    }
    return ok ? out : undefined
  }
}
