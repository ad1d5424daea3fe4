#!/usr/bin/env node
import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);

// src/cli.ts
import module from "node:module";
var withCache = module;
withCache.enableCompileCache?.();
var { main } = await import("./chunks/main-ECJF7G2Q.js");
process.exitCode = await main(process.argv.slice(2));
