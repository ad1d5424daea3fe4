/**
 * Tokens for many repositories in one token request. A registry behind a token server costs one
 * token request per repository touched; a plan of 2,000 entries on Docker Hub would spend 2,000
 * token requests per side before its first HEAD. The distribution token spec lets one request name
 * several `scope` parameters (docker's own CLI does, for cross-repository mounts), so the planner
 * announces the repositories it is about to touch and the first token request of a group asks for
 * the next few announced scopes along with its own. Nothing changes for what is not announced.
 *
 * A token server that refuses the combined request (or any failure of one) turns batching off for
 * that registry; each waiting request then fetches its own token, as before. A batch token the
 * registry refuses (401, or 403 where a registry says so for a scope it was not granted) also turns
 * batching off there, and the request is sent again with the repository's own token: a token
 * server that grants only part of a combined request costs requests, never a result.
 */

/** Scopes per token request: the URL and the token (a JWT listing each grant) stay a few KiB. */
export const TOKEN_BATCH = 16

const key = (registry: string, scope: string): string => `${registry} ${scope}`

export class ScopeBatches {
  /** registry → announced scopes not yet asked for, in the order the planner will need them. */
  private readonly upcoming = new Map<string, Set<string>>()
  /** registry + scope → the batch token request that covers it, while it is under way. */
  private readonly inFlight = new Map<string, Promise<string>>()
  private readonly off = new Set<string>()
  /** Tokens batches brought (bounded: a plan's worth), to tell a refused batch token from another. */
  private readonly issued = new Set<string>()

  /** Scopes requests to `registry` will soon need (no request now). Bounded by the plan's size. */
  announce(registry: string, scopes: string[]): void {
    if (this.off.has(registry)) return
    let queue = this.upcoming.get(registry)
    if (!queue) this.upcoming.set(registry, (queue = new Set()))
    for (const s of scopes) queue.add(s)
  }

  /**
   * The token for `need` from a batch request (started now with the next announced scopes, or one
   * already under way that covers it); undefined when batching does not apply or failed, and the
   * caller fetches a token for `need` alone. `fetch` requests and caches a token for its scopes.
   */
  async token(
    registry: string,
    need: string[],
    fetch: (scopes: string[]) => Promise<string>
  ): Promise<string | undefined> {
    if (need.length !== 1 || this.off.has(registry)) return undefined
    const scope = need[0]!
    let p = this.inFlight.get(key(registry, scope))
    if (!p) {
      const queue = this.upcoming.get(registry)
      // Not announced (or already asked for once): a token of its own, as without batching.
      if (!queue?.delete(scope)) return undefined
      const batch = [scope]
      for (const s of queue) {
        if (batch.length >= TOKEN_BATCH) break
        queue.delete(s)
        batch.push(s)
      }
      if (queue.size === 0) this.upcoming.delete(registry)
      if (batch.length === 1) return undefined
      const started = fetch(batch)
      const keys = batch.map(s => key(registry, s))
      for (const k of keys) this.inFlight.set(k, started)
      const forget = () => {
        for (const k of keys) if (this.inFlight.get(k) === started) this.inFlight.delete(k)
      }
      started.then(
        token => {
          forget()
          if (this.issued.size >= 1024) this.issued.clear()
          this.issued.add(token)
        },
        () => {
          forget()
          this.stop(registry)
        }
      )
      p = started
    }
    try {
      return await p
    } catch {
      this.stop(registry)
      return undefined
    }
  }

  /**
   * The registry refused a request carrying `token` (401/403). When the token came from a batch,
   * its token server may grant only part of what one request asks for: batching stops there, and
   * true is returned (the caller then fetches the repository's own token).
   */
  refused(registry: string, token: string): boolean {
    if (!this.issued.delete(token)) return false
    this.stop(registry)
    return true
  }

  private stop(registry: string): void {
    this.off.add(registry)
    this.upcoming.delete(registry)
  }
}
