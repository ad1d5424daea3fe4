/**
 * The per-image deadline (`image-timeout`): an AbortSignal that the copy engine opens for one image
 * and that reaches every request and body stream of that image's copy.
 *
 * It travels in an AsyncLocalStorage rather than as a parameter because the path from the engine
 * to the HTTP transport crosses every transport's ImageSource/ImageDestination methods, token
 * fetches and resumed downloads: a parameter would have to be threaded through all of them, and one
 * forgotten call would be a request the deadline cannot stop. The store follows the async calls the
 * engine makes, whichever layer they pass through. It lives in this leaf folder because both the
 * copy engine and the HTTP layer read it.
 *
 * Work shared between images (a blob another image is moving, a token fetch) runs in the context
 * of the image that started it: when that image's deadline fires, the others see its DeadlineError
 * and `foreignDeadline` tells them it is not theirs, so they do the work again themselves.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { causes } from './errors.js'

/** The error code a fired deadline carries down the cause chain (never retried). */
export const DEADLINE_CODE = 'MIRROR_IMAGE_DEADLINE'

export class DeadlineError extends Error {
  readonly code = DEADLINE_CODE
  readonly retryable = false

  /** `setting`: the option that set it (`image-timeout`); `ms`: its value. */
  constructor(
    readonly setting: string,
    readonly ms: number,
    readonly image: string
  ) {
    super(`${setting} (${formatMs(ms)}) fired: the copy of ${image} did not finish within ${formatMs(ms)}`)
    this.name = 'DeadlineError'
  }
}

/**
 * One image's deadline: its signal, and the hosts its requests are talking to right now (a request
 * counts from its start to the end of its response body), so that the error can say which hosts the
 * image was waiting for when the deadline fired: a trickling source, or a slow target.
 */
export class DeadlineScope {
  private readonly busy = new Map<string, number>()

  constructor(readonly signal: AbortSignal) {}

  /** A request to `host` starts; the function returned ends it (once, however often it is called). */
  enter(host: string): () => void {
    this.busy.set(host, (this.busy.get(host) ?? 0) + 1)
    let left = false
    return () => {
      if (left) return
      left = true
      const n = (this.busy.get(host) ?? 1) - 1
      if (n > 0) this.busy.set(host, n)
      else this.busy.delete(host)
    }
  }

  /** Hosts with requests in flight, in the order they were first entered. */
  hosts(): string[] {
    return [...this.busy.keys()]
  }
}

/** `90s`, `30m`, `1h30m`, `500ms`: a duration as a person writes it. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  const s = ms / 1000
  if (s < 60 || !Number.isInteger(s)) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${rest ? `${rest}s` : ''}`
}

const store = new AsyncLocalStorage<DeadlineScope>()

/** Run `fn` under `scope`: the deadline of every request it makes (directly or not). */
export function withDeadline<T>(scope: DeadlineScope | undefined, fn: () => Promise<T>): Promise<T> {
  return scope ? store.run(scope, fn) : fn()
}

/** The deadline signal of the work being done now, if any. */
export function currentSignal(): AbortSignal | undefined {
  return store.getStore()?.signal
}

const nothing = (): void => {}

/** A request to `host` starts under the current deadline; call the function returned when it ends. */
export function enterHost(host: string): () => void {
  return store.getStore()?.enter(host) ?? nothing
}

/** Throws the deadline's error when the current work's deadline has fired. */
export function checkDeadline(): void {
  const s = store.getStore()?.signal
  if (s?.aborted) throw s.reason
}

/** The DeadlineError down `err`'s cause chain, if any. */
export function deadlineOf(err: unknown): DeadlineError | undefined {
  for (const e of causes(err)) if (e instanceof DeadlineError) return e
  return undefined
}

/** `err` is another image's deadline (shared work it started): not a failure of the current work. */
export function foreignDeadline(err: unknown): boolean {
  const d = deadlineOf(err)
  return d !== undefined && currentSignal()?.reason !== d
}

/**
 * Await work another image may have started; when it failed only because that image's deadline
 * fired, do it again in the current context (`again`).
 */
export async function ownResult<T>(shared: Promise<T>, again: () => Promise<T>): Promise<T> {
  try {
    return await shared
  } catch (e) {
    if (foreignDeadline(e)) return again()
    throw e
  }
}
