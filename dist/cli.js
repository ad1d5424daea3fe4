#!/usr/bin/env node
import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import "./chunks/chunk-2LP65WJO.js";

// src/compile-cache.ts
import { lstatSync, mkdirSync } from "node:fs";
import module from "node:module";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";
function ownCompileCacheDir(env = process.env, home = homedir()) {
  let base;
  if (process.platform === "win32") base = env.LOCALAPPDATA;
  else if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) base = env.XDG_CACHE_HOME;
  else base = join(home, ".cache");
  if (!base) return void 0;
  const parent = join(base, "mirror-action");
  const dir = join(parent, "compile-cache");
  try {
    mkdirSync(dir, { recursive: true, mode: 448 });
    for (const d of [parent, dir]) if (!safeDir(d)) return void 0;
  } catch {
    return void 0;
  }
  return dir;
}
function safeDir(d) {
  const st = lstatSync(d);
  if (!st.isDirectory()) return false;
  if (process.platform === "win32") return true;
  return st.uid === process.getuid?.() && (st.mode & 18) === 0;
}
function enableCompileCache(env = process.env) {
  const enable = module.enableCompileCache;
  if (!enable || env.NODE_DISABLE_COMPILE_CACHE) return;
  if (env.NODE_COMPILE_CACHE) {
    enable();
    return;
  }
  const dir = ownCompileCacheDir(env);
  if (dir) enable(dir);
}

// src/cli.ts
enableCompileCache();
var { main } = await import("./chunks/cli-527WPIUC.js");
process.exitCode = await main(process.argv.slice(2));
