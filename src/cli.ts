#!/usr/bin/env node
/**
 * The CLI's entry. Node's compile cache (22.1+) is switched on before the rest is loaded, so a
 * second run reuses the compiled code instead of parsing the bundle again: on a no-change rerun the
 * parse was the largest piece of our own CPU time (bench/). NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off; Node 20 has no such cache and runs as before.
 */
import module from 'node:module'

const withCache = module as { enableCompileCache?: () => unknown }
withCache.enableCompileCache?.()
const { main } = await import('./commands/main.js')
process.exitCode = await main(process.argv.slice(2))
