#!/usr/bin/env node
/**
 * The CLI's entry. Node's compile cache is switched on (src/compile-cache.ts) before the rest is
 * loaded, so a second run reuses the compiled code instead of parsing the bundle again: on a
 * no-change rerun the parse was the largest piece of our own CPU time (bench/).
 */
import { enableCompileCache } from './compile-cache.js'

enableCompileCache()
const { main } = await import('./cli/index.js')
process.exitCode = await main(process.argv.slice(2))
