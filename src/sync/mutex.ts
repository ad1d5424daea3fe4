/** A per-key queue: work on one key (a local target path) runs one at a time, in arrival order. */
export class KeyedMutex {
  private tails = new Map<string, Promise<void>>()
  async run<T>(key: string | undefined, fn: () => Promise<T>): Promise<T> {
    if (key === undefined) return fn()
    const prev = this.tails.get(key) ?? Promise.resolve()
    let done!: () => void
    const mine = new Promise<void>(r => (done = r))
    const tail = prev.then(() => mine)
    this.tails.set(key, tail)
    await prev
    try {
      return await fn()
    } finally {
      done()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
