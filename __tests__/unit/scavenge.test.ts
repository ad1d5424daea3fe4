import { describe, expect, test } from '@jest/globals'
import { runInNewContext } from 'node:vm'
import { streamed } from '../../src/http/index.js'

// The mechanism behind bounded blob-stream memory must exist on the Node running the tests: if a
// Node release stops letting v8.setFlagsFromString expose gc, this fails instead of memory
// quietly growing again (integration/memory.test.ts measures the effect).
describe('scavenging during blob streams', () => {
  test('after 16 MiB streamed, a minor GC is reachable and runs', () => {
    expect(() => {
      for (let i = 0; i < 300; i++) streamed(64 * 1024)
    }).not.toThrow()
    const gc = runInNewContext('typeof gc === "function" ? gc : undefined') as
      ((o: { type: string; execution: string }) => void) | undefined
    expect(typeof gc).toBe('function')
    expect(() => gc!({ type: 'minor', execution: 'sync' })).not.toThrow()
  })
})
