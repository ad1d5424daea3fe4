/**
 * The work bound of reading a config: YAML aliases and merge keys (`<<: *shared`) copy nodes, and
 * nested they copy copies, so a few kilobytes can stand for billions of entries. Before anything
 * reads the document, count what its aliases expand to (each node's expanded size is computed
 * once, so counting is linear in the text) and refuse, at the alias that crosses the bound, a
 * document that would expand beyond it.
 */
import { isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml'
import type { ErrorCollector } from './errors.js'

/** Nodes aliases and merge keys may add to the document as written: generous for shared defaults. */
export const MAX_EXPANDED_NODES = 100_000
/** Nesting of collections (and aliases into them); deeper is refused before it can exhaust the stack. */
export const MAX_NESTING = 256

class Refused extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

/**
 * Reports (on `errors`) and returns false when the document's aliases expand to more than
 * `maxExpanded` nodes, an alias refers to a node it is inside, or collections nest deeper than
 * MAX_NESTING.
 */
export function checkExpansion(
  doc: Document,
  errors: ErrorCollector,
  maxExpanded = MAX_EXPANDED_NODES
): boolean {
  const sizes = new Map<unknown, number>()
  const open = new Set<unknown>()
  let added = 0
  const offsetOf = (n: unknown): number => (n as Node | null)?.range?.[0] ?? 0

  const size = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    if (depth > MAX_NESTING) {
      throw new Refused(offsetOf(node), `YAML: nested more than ${MAX_NESTING} levels deep`)
    }
    if (open.has(node)) throw new Refused(offsetOf(node), 'YAML: an alias refers to a node it is inside')
    open.add(node)
    let s = 1
    if (isAlias(node)) {
      const target = node.resolve(doc)
      s = target ? size(target, depth + 1) : 1
      added += s
      if (added > maxExpanded) {
        throw new Refused(
          offsetOf(node),
          `YAML: aliases and merge keys (<<) expand the config to more than ${maxExpanded} extra nodes ` +
            `(this alias, *${node.source}, passes the limit); write the values out or share less`
        )
      }
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        s += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1)
      }
    }
    open.delete(node)
    sizes.set(node, s)
    return s
  }

  try {
    size(doc.contents, 0)
    return true
  } catch (e) {
    if (!(e instanceof Refused)) throw e
    errors.at(e.offset, e.message)
    return false
  }
}
