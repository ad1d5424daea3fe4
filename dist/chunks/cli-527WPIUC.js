import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  CopyEngine,
  CredentialStore,
  DEFAULT_PASSWORD_ENV,
  MAX_IMAGE_TIMEOUT_MS,
  MAX_TAGS_CEILING,
  MAX_TIMEOUT_MS,
  RegistryClient,
  SignatureVerifier,
  StateStore,
  TransferProgress,
  VERSION,
  cleanUpFailedCopy,
  commandSafe,
  createSigner,
  deleteRefusal,
  destinationExists,
  didYouMean,
  errorMessage,
  exitCodeFor,
  formatBytes,
  formatExplanation,
  formatGroupLines,
  formatImageLine,
  formatTotalsLine,
  formatTransportRef,
  importConfig,
  jsonSafe,
  keyTypeProblem,
  loadConfig,
  nextLock,
  openDestination,
  openSource,
  parseCredentialsYaml,
  parseDuration,
  parseMaxTags,
  parseShard,
  parseThroughput,
  parseTransportRef,
  readLock,
  shortDigest,
  sync,
  tagDigests,
  terminalSafe,
  writeJsonReport,
  writeLock
} from "./chunk-BMQLSDA5.js";
import "./chunk-FEOPKHWH.js";
import "./chunk-IGBTVV7X.js";
import "./chunk-VEICCP2J.js";
import "./chunk-KHMXVAEJ.js";
import "./chunk-SKN266VW.js";
import "./chunk-D2XFNDIC.js";
import "./chunk-JP4LBSLD.js";
import {
  MediaType,
  Schema1Error,
  formatPlatform,
  formatReference,
  formatRepository,
  isAttestationEntry,
  isIndex,
  parsePlatform,
  parseReference,
  platformMatches,
  registryKey
} from "./chunk-GLN5MOBS.js";
import "./chunk-X5B6F3PX.js";
import "./chunk-2LP65WJO.js";

// src/cli/copy.ts
import { writeFile } from "node:fs/promises";

// src/cli/copy-args.ts
import { resolve as resolve3 } from "node:path";

// src/cli/credentials.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

// src/cli/print.ts
function printable(stream, env = process.env) {
  const tty = stream.isTTY === true;
  const actions = env.GITHUB_ACTIONS === "true";
  return (line) => {
    const shown = tty ? terminalSafe(line) : line;
    return actions ? commandSafe(shown) : shown;
  };
}
function linesFor(stream, lines) {
  const safe = printable(stream);
  return lines.map((l) => `${safe(l)}
`).join("");
}
function writeLines(stream, ...lines) {
  stream.write(linesFor(stream, lines));
}

// src/cli/usage-error.ts
var UsageError = class extends Error {
};

// src/cli/credentials.ts
var warnStderr = (m) => writeLines(process.stderr, `warning: ${m}`);
function parseCreds(v, flag) {
  const colon = v.indexOf(":");
  if (colon < 0)
    throw new UsageError(`--${flag} wants USER:PASSWORD (a prompt for the password is not supported)`);
  if (colon === 0) throw new UsageError(`--${flag}: the user name is empty`);
  return { username: v.slice(0, colon), password: v.slice(colon + 1), source: `--${flag}` };
}
function credentialsFromFlags(values, hosts, side) {
  const out = { flags: {}, anonymous: [] };
  const sided = side ? values[`${side}-creds`] : void 0;
  const raw = sided ?? values.creds;
  const flag = sided !== void 0 ? `${side}-creds` : "creds";
  const anonymous = values["no-creds"] === true || side !== void 0 && values[`${side}-no-creds`] === true;
  if (raw !== void 0 && anonymous) throw new UsageError(`--${flag} and --no-creds exclude each other`);
  for (const h of hosts) {
    if (raw !== void 0) out.flags[registryKey(h)] = parseCreds(raw, flag);
    else if (anonymous) out.anonymous.push(registryKey(h));
  }
  return out;
}
var stdinText;
var readStdinOnce = () => stdinText ??= readStdin();
async function readStdin(limit = 1 << 20) {
  const parts = [];
  let n = 0;
  for await (const c of process.stdin) {
    n += c.length;
    if (n > limit) throw new UsageError(`--credentials -: more than ${limit} bytes on stdin`);
    parts.push(c);
  }
  return Buffer.concat(parts).toString("utf8");
}
function containersAuthFiles(env) {
  const out = [];
  if (env.XDG_RUNTIME_DIR) out.push(join(env.XDG_RUNTIME_DIR, "containers", "auth.json"));
  out.push(join(env.HOME || homedir(), ".config", "containers", "auth.json"));
  return out;
}
async function loadCliCredentials(opts, warn = warnStderr) {
  const o = typeof opts === "string" || opts === void 0 ? { file: opts } : opts;
  const explicit = {};
  if (o.file !== void 0) {
    const name = o.file === "-" ? "--credentials - (stdin)" : `--credentials ${o.file}`;
    let text;
    try {
      text = o.file === "-" ? await readStdinOnce() : await readFile(o.file, "utf8");
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read credentials file ${o.file}: ${e.message}`, { cause: e });
    }
    const parsed = parseCredentialsYaml(text, o.file === "-" ? "stdin" : o.file, {
      env: (n) => process.env[n],
      warn
    });
    for (const [h, c] of Object.entries(parsed)) explicit[h] = { ...c, source: name };
  }
  Object.assign(explicit, o.flags ?? {});
  const authFiles = [];
  if (o.authfile !== void 0) authFiles.push({ file: o.authfile, required: true });
  else if (process.env.REGISTRY_AUTH_FILE) authFiles.push({ file: process.env.REGISTRY_AUTH_FILE });
  for (const file of containersAuthFiles(process.env)) authFiles.push({ file });
  try {
    return await CredentialStore.load({
      explicit,
      authFiles,
      anonymous: o.anonymous,
      githubToken: process.env.GITHUB_TOKEN,
      warn
    });
  } catch (e) {
    throw new UsageError(e.message, { cause: e });
  }
}

// src/cli/options.ts
import { parseArgs } from "node:util";
function parseCliArgs(config) {
  try {
    return parseArgs(config);
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(e.message, { cause: e });
  }
}
var COMMON_FLAGS = {
  creds: { type: "string" },
  "no-creds": { type: "boolean" },
  credentials: { type: "string" },
  authfile: { type: "string" },
  "tls-verify": { type: "boolean" },
  "insecure-registry": { type: "string", multiple: true },
  "ca-file": { type: "string", multiple: true },
  "cert-dir": { type: "string" },
  "retry-times": { type: "string" },
  "connect-timeout": { type: "string" },
  "response-timeout": { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
var SIDED_FLAGS = {
  "src-creds": { type: "string" },
  "dest-creds": { type: "string" },
  "src-no-creds": { type: "boolean" },
  "dest-no-creds": { type: "boolean" },
  "src-tls-verify": { type: "boolean" },
  "dest-tls-verify": { type: "boolean" },
  "src-cert-dir": { type: "string" },
  "dest-cert-dir": { type: "string" },
  "image-timeout": { type: "string" },
  "min-throughput": { type: "string" },
  "min-throughput-window": { type: "string" }
};
function booleanValue(name, v) {
  if (v === void 0) return true;
  const l = v.toLowerCase();
  if (l === "true" || l === "1") return true;
  if (l === "false" || l === "0") return false;
  throw new UsageError(`--${name} takes true or false, got '${v}'`);
}
function parseFlags(args, specs) {
  const byName = /* @__PURE__ */ new Map();
  const byShort = /* @__PURE__ */ new Map();
  for (const [name, spec] of Object.entries(specs)) {
    byName.set(name, [name, spec]);
    if (spec.alias) byName.set(spec.alias, [name, spec]);
    if (spec.short) byShort.set(spec.short, name);
  }
  const values = {};
  const positionals = [];
  const set = (name, spec, v) => {
    if (spec.multiple) values[name] = [...values[name] ?? [], v];
    else values[name] = v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) {
      positionals.push(a);
      continue;
    }
    let name;
    let inline;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? void 0 : a.slice(eq + 1);
    } else {
      const long = a.length === 2 ? byShort.get(a[1]) : void 0;
      if (long === void 0) throw new UsageError(`unknown flag ${a}${hint(a, specs)}`);
      name = long;
    }
    const found = byName.get(name);
    if (!found) throw new UsageError(`unknown flag --${name}${hint(name, specs)}`);
    const [canonical, spec] = found;
    if (spec.type === "boolean") {
      set(canonical, spec, booleanValue(name, inline));
      continue;
    }
    if (inline === void 0) {
      if (i + 1 >= args.length) throw new UsageError(`--${name} needs a value`);
      inline = args[++i];
    }
    set(canonical, spec, inline);
  }
  return { values, positionals };
}
function hint(word, specs) {
  const names = Object.entries(specs).flatMap(([n, s]) => s.alias ? [n, s.alias] : [n]);
  const guess = didYouMean(word.replace(/^-+/, ""), names);
  return guess ? ` (did you mean --${guess}?)` : "";
}
function positiveInt(v, flag, max = Number.MAX_SAFE_INTEGER) {
  if (v === void 0) return void 0;
  const s = String(v);
  if (!/^[1-9][0-9]*$/.test(s) || Number(s) > max)
    throw new UsageError(
      `--${flag} needs a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ""}, got '${s}'`
    );
  return Number(s);
}
function retryAttempts(v) {
  if (v === void 0) return void 0;
  const s = String(v);
  if (!/^[0-9]+$/.test(s) || Number(s) > 100)
    throw new UsageError(`--retry-times needs a whole number from 0 to 100, got '${s}'`);
  return Number(s) + 1;
}
var MAX_PARALLEL = 256;
function countFlag(value, flag) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PARALLEL) {
    throw new UsageError(`invalid ${flag} '${value}': expected a whole number from 1 to ${MAX_PARALLEL}`);
  }
  return n;
}
function legacyConcurrency(value, current, flag, deprecations) {
  if (value === void 0) return current;
  if (current !== void 0)
    throw new UsageError(`--concurrency is the old name of ${flag}: give only ${flag}`);
  deprecations.push(`--concurrency is deprecated: it sets ${flag} here; use ${flag}`);
  return value;
}
var REGISTRY_ACCESS_USAGE = `  --creds USER:PASS     Credentials for the registry (--no-creds: none)
  --credentials FILE|-  YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE       An auth.json / config.json to read credentials from
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  --cert-dir DIR        The CA (*.crt) and client certificate (*.cert, *.key) in DIR
  --insecure-registry HOST  Skip TLS verification for HOST
  --retry-times N       Retry a failed request N times (default 4)
`;
var TIMEOUT_USAGE = `  --connect-timeout DUR  Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR Give up on a response that does not start, or stalls, for DUR (default 30s)
`;
function timeoutFlags(v) {
  const read = (flag) => {
    const raw = v[flag];
    if (raw === void 0) return void 0;
    const ms = typeof raw === "string" ? parseDuration(raw) : void 0;
    if (ms === void 0)
      throw new UsageError(
        `invalid --${flag} '${String(raw)}': expected a duration like 10s, 1m or 500ms (at most ${MAX_TIMEOUT_MS / 6e4}m)`
      );
    return ms;
  };
  const out = {};
  const connect = read("connect-timeout");
  const response = read("response-timeout");
  if (connect !== void 0) out.connectMs = connect;
  if (response !== void 0) {
    out.headersMs = response;
    out.bodyIdleMs = response;
  }
  const floor = v["min-throughput"];
  if (floor !== void 0) {
    const n = typeof floor === "string" ? parseThroughput(floor) : void 0;
    if (n === void 0)
      throw new UsageError(
        `invalid --min-throughput '${String(floor)}': expected bytes per second like 10KiB, 1MiB, or 0 (off)`
      );
    out.minBytesPerSec = n;
  }
  const window = read("min-throughput-window");
  if (window !== void 0) out.throughputWindowMs = window;
  return out;
}
function imageTimeoutFlag(v) {
  const raw = v["image-timeout"];
  if (raw === void 0) return void 0;
  const ms = typeof raw === "string" ? parseDuration(raw, MAX_IMAGE_TIMEOUT_MS) : void 0;
  if (ms === void 0)
    throw new UsageError(
      `invalid --image-timeout '${String(raw)}': expected a duration like 30m, 2h or 90s (at most 24h)`
    );
  return ms;
}
function debugWriter(enabled) {
  return enabled === true ? (line) => writeLines(process.stderr, `debug: ${line}`) : void 0;
}
var DEBUG_USAGE = `  --debug               Log every HTTP exchange to stderr: method, URL, status, auth scheme,
                        credential source (never a secret), retries, timings
`;

// src/cli/platform.ts
var ARCH = { x64: "amd64", ia32: "386", ppc64: "ppc64le" };
function hostPlatform(arch = process.arch, os = process.platform) {
  const p = { os: os === "win32" ? "windows" : "linux", architecture: ARCH[arch] ?? arch };
  if (arch === "arm") p.variant = "v7";
  return p;
}

// src/cli/tls.ts
import { readdirSync } from "node:fs";
import { join as join2 } from "node:path";
function splitCaFile(v) {
  const eq = v.indexOf("=");
  if (eq < 0) return { file: v };
  const host = v.slice(0, eq);
  if (host.includes("/")) return { file: v };
  if (host === "" || eq === v.length - 1)
    throw new UsageError(`--ca-file wants FILE or HOST=FILE, got '${v}'`);
  return { host, file: v.slice(eq + 1) };
}
function certDirOptions(dir) {
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new UsageError(`cannot read certificate directory ${dir}: ${e.message}`, { cause: e });
  }
  const ext = (x) => names.filter((n) => n.endsWith(x));
  const [cas, certs] = [ext(".crt"), ext(".cert")];
  if (cas.length > 1 || certs.length > 1)
    throw new UsageError(
      `${dir} holds several ${cas.length > 1 ? "CA (.crt)" : "client (.cert)"} files; one is supported (or give --ca-file FILE)`
    );
  const out = {};
  if (cas[0]) out.caFile = join2(dir, cas[0]);
  if (certs[0]) {
    const key = certs[0].replace(/\.cert$/, ".key");
    if (!names.includes(key)) throw new UsageError(`${join2(dir, certs[0])} has no key ${key} beside it`);
    out.certFile = join2(dir, certs[0]);
    out.keyFile = join2(dir, key);
  }
  if (!out.caFile && !out.certFile) throw new UsageError(`${dir} holds no .crt, .cert or .key file`);
  return out;
}
function tlsFromFlags(values, hosts) {
  const out = {};
  const merge = (host, o) => {
    const k = registryKey(host);
    out[k] = { ...out[k], ...o };
  };
  const all = [...hosts.src, ...hosts.dst];
  if (values["tls-verify"] === false) for (const h of all) merge(h, { insecure: true });
  if (values["src-tls-verify"] === false) for (const h of hosts.src) merge(h, { insecure: true });
  if (values["dest-tls-verify"] === false) for (const h of hosts.dst) merge(h, { insecure: true });
  for (const h of values["insecure-registry"] ?? []) merge(h, { insecure: true });
  const dirs = [
    [values["cert-dir"], all],
    [values["src-cert-dir"], hosts.src],
    [values["dest-cert-dir"], hosts.dst]
  ];
  for (const [dir, on] of dirs) {
    if (typeof dir !== "string") continue;
    const o = certDirOptions(dir);
    for (const h of on) merge(h, o);
  }
  for (const v of values["ca-file"] ?? []) {
    const { host, file } = splitCaFile(v);
    for (const h of host ? [host] : all) merge(h, { caFile: file });
  }
  return out;
}

// src/cli/sigstore-cache.ts
import { homedir as homedir2 } from "node:os";
import { join as join3, resolve } from "node:path";
function sigstoreCacheDir(flag, env = process.env) {
  if (flag) return resolve(flag);
  const base = env.XDG_CACHE_HOME?.startsWith("/") ? env.XDG_CACHE_HOME : join3(homedir2(), ".cache");
  return join3(base, "mirror-action", "sigstore");
}
var SIGSTORE_CACHE_USAGE = `  --sigstore-cache DIR          Where trusted-root auto keeps Sigstore's TUF metadata (default:
                                $XDG_CACHE_HOME/mirror-action/sigstore, else ~/.cache/mirror-action/sigstore)
`;

// src/cli/verify-flags.ts
import { createPublicKey } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve as resolve2 } from "node:path";
function verifyFlags(keyFlag) {
  return {
    [keyFlag]: { type: "string", multiple: true },
    "certificate-identity-regexp": { type: "string" },
    "certificate-oidc-issuer": { type: "string" },
    "trusted-root": { type: "string" },
    "insecure-ignore-tlog": { type: "boolean" },
    "sigstore-cache": { type: "string" }
  };
}
function verifyUsage(keyFlag) {
  const k = `--${keyFlag} FILE`.padEnd(30);
  return `  ${k}A PEM public key (ECDSA P-256/P-384, Ed25519, RSA) the signature must verify under
                                (repeatable: any one suffices)
  --certificate-identity-regexp RE  Keyless: the certificate's subject (SAN) must match RE (anchor it)
  --certificate-oidc-issuer URL     ... and its OIDC issuer must be URL (both flags or neither)
  --trusted-root FILE           A trusted_root.json (Fulcio CAs, Rekor keys); default: Sigstore's
                                public-good root via TUF
  --insecure-ignore-tlog        Do not require a transparency-log entry (keyed signatures; keyless
                                certificates are then checked at the current time)
${SIGSTORE_CACHE_USAGE}`;
}
function policyFromFlags(v, keyFlag) {
  const keys = (v[keyFlag] ?? []).map((f) => publicKeyFile(f, `--${keyFlag}`));
  const re = v["certificate-identity-regexp"];
  const issuer = v["certificate-oidc-issuer"];
  if (re === void 0 !== (issuer === void 0))
    throw new UsageError("--certificate-identity-regexp and --certificate-oidc-issuer go together: give both");
  if (re !== void 0) {
    try {
      new RegExp(re, "u");
    } catch (e) {
      throw new UsageError(`--certificate-identity-regexp: ${e.message}`);
    }
  }
  const root = v["trusted-root"];
  const others = [
    root !== void 0 && "--trusted-root",
    v["insecure-ignore-tlog"] === true && "--insecure-ignore-tlog"
  ];
  if (keys.length === 0 && re === void 0) {
    const given = others.filter(Boolean);
    if (given.length > 0)
      throw new UsageError(
        `${given.join(" and ")} ${given.length > 1 ? "need" : "needs"} --${keyFlag} or --certificate-identity-regexp`
      );
    return void 0;
  }
  if (root !== void 0) {
    try {
      statSync(root);
    } catch {
      throw new UsageError(`--trusted-root: ${root} does not exist`);
    }
  }
  return {
    mode: "enforce",
    keys,
    keyless: re !== void 0 ? [{ issuer, subject: re }] : [],
    trustedRoot: root !== void 0 ? { file: resolve2(root) } : "auto",
    transparencyLog: v["insecure-ignore-tlog"] === true ? "optional" : "required"
  };
}
function publicKeyFile(file, flag) {
  let pem;
  try {
    pem = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `${flag} ${file}: ${e.code === "ENOENT" ? "does not exist" : e.message}`
    );
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem))
    throw new UsageError(
      `${flag} ${file} is a private key; give the public key (cosign public-key --key \u2026 > key.pub)`
    );
  let problem;
  try {
    problem = keyTypeProblem(createPublicKey(pem));
  } catch (e) {
    throw new UsageError(`${flag} ${file} is not a PEM public key: ${e.message}`);
  }
  if (problem) throw new UsageError(`${flag} ${file} ${problem}`);
  return resolve2(file);
}

// src/cli/copy-args.ts
var COPY_USAGE = `Usage: mirror-action copy [options] SRC DST

Copy one image, all platforms by default, keeping its digest. SRC and DST are transport
references: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR. Without a tag in DST, the source tag is used.

Options:
  --platform OS/ARCH[/VARIANT]  Keep only this platform (repeatable); writes a new index
  --all, -a                     Copy every platform (the default)
  --multi-arch all|system       skopeo's spelling: all (the default) or only this machine's
                                platform, as a plain manifest (index-only is refused)
  --single-manifest             With one platform selected, write the plain manifest, not an index
  --no-referrers                Do not copy signatures, SBOMs and attestations that refer to the image
  --drop-attestations           Drop buildx attestation entries (unknown/unknown) from the index
  --include-foreign-layers      Copy non-distributable layers with urls too (skipped by default,
                                like Docker; one without urls is always copied)
  --format oci|v2s2             Write OCI or Docker v2 schema 2 manifests (the digest changes when
                                the source has the other format). Default: as the source, except
                                docker-archive: into oci:, written as OCI with gzip layers, as skopeo
  --convert docker              Same as --format v2s2
  --preserve-digests            From docker-archive: or dir: into a registry, keep uncompressed
                                layers as they are (default: gzip them, as skopeo does; the
                                digest changes); refused with --format and --convert
  --sign-key FILE|env:VAR       Sign what was written with this cosign private key (encrypted:
                                password from COSIGN_PASSWORD) or PKCS#8 PEM; registry destinations
  --sign-format FORMAT          bundle (cosign v3, a referrer; the default), legacy (the
                                sha256-<hex>.sig tag) or both
  --digestfile FILE             Write the digest of the manifest written to FILE
Signature verification before the copy (registry sources; the verified digest is what is copied):
${verifyUsage("verify-key")}  --dry-run                     Resolve the source and say what would be copied; write nothing
  --src-creds USER:PASS         Credentials for the source registry (--dest-creds: destination;
                                --creds: both); --src-no-creds, --dest-no-creds, --no-creds: none
  --credentials FILE|-          YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE               An auth.json / config.json to read credentials from
  --src-tls-verify=false        Skip TLS verification (and allow plain HTTP) for the source
  --dest-tls-verify=false       ... for the destination (--tls-verify=false: both)
  --insecure-registry HOST      Skip TLS verification for HOST (repeatable)
  --ca-file [HOST=]FILE         Trust the CA in FILE for HOST, or for both registries (repeatable)
  --src-cert-dir DIR            skopeo's: the CA (*.crt) and client certificate (*.cert, *.key) in DIR
                                for the source (--dest-cert-dir: destination; --cert-dir: both)
  --retry-times N               Retry a failed request N times (default 4)
  --transfers N                 Blob transfers in flight (default 8)
  --concurrency N               Deprecated: the old name of --transfers
  --per-registry N              Requests in flight per registry (default 6)
  --connect-timeout DUR         Give up connecting after DUR (10s, 1m, 500ms; default 10s)
  --response-timeout DUR        Give up on a response that does not start, or stalls, for DUR (default 30s)
  --image-timeout DUR           Fail the copy if it takes longer than DUR (30m, 2h; default none); the
                                tag is not written
  --min-throughput RATE         Retry a blob download slower than RATE per second (10KiB, 1MiB; 0: off;
                                default 1KiB, not for loopback hosts) over --min-throughput-window DUR
                                (default 60s)
  --debug                       Log every HTTP exchange to stderr (method, URL, status, auth scheme,
                                credential source, retries, timings; never a secret)
  -q, --quiet                   Only the final line
  -h, --help                    Show this help
`;
var FLAGS = {
  ...COMMON_FLAGS,
  ...SIDED_FLAGS,
  platform: { type: "string", multiple: true },
  all: { type: "boolean", short: "a" },
  "multi-arch": { type: "string" },
  "single-manifest": { type: "boolean" },
  "no-referrers": { type: "boolean" },
  "drop-attestations": { type: "boolean" },
  "include-foreign-layers": { type: "boolean" },
  convert: { type: "string" },
  format: { type: "string" },
  "preserve-digests": { type: "boolean" },
  digestfile: { type: "string" },
  "sign-key": { type: "string" },
  "sign-format": { type: "string" },
  "dry-run": { type: "boolean" },
  transfers: { type: "string" },
  concurrency: { type: "string" },
  "per-registry": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  ...verifyFlags("verify-key")
};
function platformsOf(v) {
  const list = v.platform ?? [];
  const multi = v["multi-arch"];
  const chosen = [v.all === true && "--all", list.length > 0 && "--platform", multi && "--multi-arch"];
  const given = chosen.filter(Boolean);
  if (given.length > 1) throw new UsageError(`${given.join(" and ")} exclude each other`);
  if (multi !== void 0) {
    if (multi === "all") return { platforms: "all", single: false };
    if (multi === "system") return { platforms: [hostPlatform()], single: true };
    if (multi === "index-only")
      throw new UsageError(
        "--multi-arch index-only is not supported: it writes an index whose images are missing; use 'all' or 'system'"
      );
    throw new UsageError(`--multi-arch takes all, system or index-only, got '${multi}'`);
  }
  try {
    return { platforms: list.length > 0 ? list.map(parsePlatform) : "all", single: false };
  } catch (e) {
    throw new UsageError(e.message, { cause: e });
  }
}
function formatFlag(v) {
  const format = v.format;
  if (format !== void 0 && v.convert !== void 0)
    throw new UsageError("--format and --convert exclude each other (--convert docker is --format v2s2)");
  if (format === "v2s1")
    throw new UsageError("--format v2s1: Docker schema 1 is deprecated and not written; use oci or v2s2");
  if (format !== void 0 && format !== "oci" && format !== "v2s2")
    throw new UsageError(`--format accepts oci or v2s2, got '${format}'`);
  return format ?? (v.convert === "docker" ? "v2s2" : void 0);
}
var hostsOf = (r) => r.transport === "docker" ? [r.ref.registry] : [];
function parseCopyArgs(args) {
  const { values: v, positionals } = parseFlags(args, FLAGS);
  if (v.help) return "help";
  if (positionals.length !== 2)
    throw new UsageError(`expected SRC and DST, got ${positionals.length} argument(s)`);
  if (v.convert !== void 0 && v.convert !== "docker") {
    throw new UsageError(`--convert accepts only 'docker', got '${String(v.convert)}'`);
  }
  const format = formatFlag(v);
  if (format !== void 0 && v["preserve-digests"])
    throw new UsageError(
      `${v.format !== void 0 ? "--format" : "--convert"} changes the digest, which --preserve-digests forbids`
    );
  const { platforms, single } = platformsOf(v);
  const deprecations = [];
  const transfers = legacyConcurrency(
    v.concurrency,
    v.transfers,
    "--transfers",
    deprecations
  );
  let src;
  let dst;
  try {
    src = parseTransportRef(positionals[0]);
    dst = resolveDestination(positionals[1], src, parseTransportRef(positionals[1]));
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(e.message, { cause: e });
  }
  const hosts = { src: hostsOf(src), dst: hostsOf(dst) };
  const sign = signFlags(v, dst);
  const verify = policyFromFlags(v, "verify-key");
  if (verify && src.transport !== "docker")
    throw new UsageError("signature verification reads a registry: give a docker:// source");
  return {
    sign,
    verify,
    sigstoreCache: sigstoreCacheDir(v["sigstore-cache"]),
    src,
    dst,
    credentialsFile: v.credentials,
    authfile: v.authfile,
    srcCreds: credentialsFromFlags(v, hosts.src, "src"),
    dstCreds: credentialsFromFlags(v, hosts.dst, "dest"),
    registries: tlsFromFlags(v, hosts),
    retryAttempts: retryAttempts(v["retry-times"]),
    digestFile: v.digestfile,
    dryRun: v["dry-run"] === true,
    quiet: v.quiet === true,
    deprecations,
    timeouts: timeoutFlags(v),
    debug: debugWriter(v.debug),
    options: {
      platforms,
      // A docker-archive holds one platform: write the chosen manifest, not an index of one.
      singleManifest: single || v["single-manifest"] === true,
      referrers: !v["no-referrers"],
      keepAttestations: !v["drop-attestations"],
      includeForeignLayers: v["include-foreign-layers"] === true,
      convertToDocker: format === "v2s2",
      // skopeo writes a docker-archive into an oci: layout as OCI (umoci unpacks nothing else).
      convertToOci: format === "oci" || format === void 0 && !v["preserve-digests"] && src.transport === "docker-archive" && dst.transport === "oci",
      preserveDigests: v["preserve-digests"] === true,
      concurrency: countFlag(transfers, v.transfers === void 0 ? "--concurrency" : "--transfers"),
      perRegistryConcurrency: positiveInt(v["per-registry"], "per-registry"),
      imageTimeoutMs: imageTimeoutFlag(v)
    }
  };
}
var FORMATS = ["bundle", "legacy", "both"];
function signFlags(v, dst) {
  const key = v["sign-key"];
  const format = v["sign-format"];
  if (key === void 0) {
    if (format !== void 0) throw new UsageError("--sign-format needs --sign-key");
    return void 0;
  }
  if (format !== void 0 && !FORMATS.includes(format))
    throw new UsageError(`--sign-format takes ${FORMATS.join(", ")}, got '${format}'`);
  if (dst.transport !== "docker")
    throw new UsageError("--sign-key signs in a registry: the destination must be docker://");
  if (key === "" || key === "env:") throw new UsageError("--sign-key needs a file or env:VARIABLE");
  return {
    key: key.startsWith("env:") ? { env: key.slice(4) } : { file: resolve3(key) },
    passwordEnv: DEFAULT_PASSWORD_ENV,
    format: format ?? "bundle",
    at: "--sign-key"
  };
}
function sourceTag(src) {
  if (src.transport === "docker") return src.ref.tag;
  if (src.transport === "oci") return src.ref;
  return void 0;
}
function resolveDestination(raw, src, dst) {
  if (dst.transport !== "docker") return dst;
  if (dst.ref.digest) throw new UsageError(`${raw}: a destination cannot name a digest; give a tag or none`);
  const written = parseReference(raw, { defaultTag: false });
  if (written.tag !== void 0) return dst;
  return { ...dst, ref: { ...dst.ref, tag: sourceTag(src) ?? "latest" } };
}

// src/cli/progress.ts
var MAX_BARS = 12;
var REDRAW_MS = 100;
function intervalFromEnv(env = process.env) {
  const v = env.MIRROR_ACTION_PROGRESS_INTERVAL_MS;
  return v !== void 0 && /^\d+$/.test(v) ? Number(v) : void 0;
}
var CliProgress = class {
  constructor(out, opts = {}) {
    this.out = out;
    this.tty = opts.tty ?? out.isTTY === true;
    this.quiet = opts.quiet === true;
    this.now = opts.now ?? Date.now;
    this.board = new TransferProgress({ now: this.now, intervalMs: opts.intervalMs ?? intervalFromEnv() });
    this.safe = printable({ isTTY: this.tty });
  }
  out;
  tty;
  quiet;
  board;
  now;
  safe;
  shown = 0;
  lastDraw = 0;
  /** The status line under the bars (copy's blob counts), if any. */
  status = "";
  /** A message line (above the bars on a terminal). */
  line(raw) {
    if (this.quiet) return;
    this.clear();
    this.out.write(this.safe(raw) + "\n");
    this.draw(true);
  }
  /** An image starts: the hooks that feed its bars; `announce` is its log line without a terminal. */
  imageStart(key, label, announce) {
    this.board.imageStart(key, label);
    if (!this.tty && announce) this.line(announce);
    else this.draw(true);
    return {
      onBlobStart: (e) => {
        const large = this.board.blobStart(key, e.blob);
        if (!this.tty && large)
          this.line(`blob ${shortDigest(e.blob.digest)} (${formatBytes(e.blob.size)}) started`);
        else this.draw();
      },
      onProgress: (e) => {
        this.board.progress(key, e);
        if (this.tty) return this.draw();
        const due = this.board.dueLine();
        if (due) this.line(due);
      }
    };
  }
  imageDone(key) {
    this.board.imageDone(key);
    this.draw(true);
  }
  /** Redraw the bars (a terminal only), at most every REDRAW_MS unless forced. */
  draw(force = false) {
    if (!this.tty || this.quiet) return;
    const now = this.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    let bars = this.board.bars();
    if (bars.length > MAX_BARS) bars = [...bars.slice(0, MAX_BARS), `\u2026 ${bars.length - MAX_BARS} more`];
    if (this.status) bars.push(this.status);
    const cols = this.out.columns || 120;
    this.clear();
    this.out.write(bars.map((b) => this.safe(b).slice(0, Math.max(20, cols - 1)) + "\n").join(""));
    this.shown = bars.length;
  }
  /** Erase the bars (before a message, and before the final output). */
  clear() {
    if (this.shown > 0) this.out.write(`\x1B[${this.shown}F\x1B[J`);
    this.shown = 0;
  }
};

// src/cli/copy-output.ts
function formatBytes2(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}
var short = (digest) => digest.slice(0, 19);
var IMAGE = "copy";
var CopyReporter = class {
  copied = 0;
  mounted = 0;
  present = 0;
  progress;
  quiet;
  constructor(out, opts = {}) {
    this.progress = new CliProgress(out, opts);
    this.quiet = opts.quiet === true;
  }
  get tty() {
    return this.progress.tty;
  }
  counts() {
    this.progress.status = `blobs: ${this.copied} copied, ${this.mounted} mounted, ${this.present} present`;
    this.progress.draw();
  }
  /** The hooks of the one copy this reports on (copy() options); `label`: the destination shown. */
  hooks(label = "copy", announce) {
    const bars = this.progress.imageStart(IMAGE, label, announce);
    return {
      ...bars,
      onCopied: (e) => {
        this.copied++;
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} ${formatBytes2(e.bytes)} copied`);
        else this.counts();
      },
      onMounted: (e) => {
        this.mounted++;
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} mounted from ${e.from.repository}`);
        else this.counts();
      },
      onSkipped: (e) => {
        this.present++;
        const why = e.reason === "exists" ? "already present" : "copied earlier in this run";
        if (!this.tty) this.progress.line(`blob ${short(e.blob.digest)} ${why}`);
        else this.counts();
      },
      onManifest: (e) => {
        this.progress.line(`manifest ${e.digest} ${e.tag ? `tagged ${e.tag}` : "written"} (${e.mediaType})`);
      },
      // -q: one line, the summary; a warning that matters (a changed digest) is in it.
      onWarning: (m) => this.progress.line(`warning: ${m}`)
    };
  }
  /** Remove the progress bars before the final output. */
  finish() {
    this.progress.imageDone(IMAGE);
    this.progress.status = "";
    this.progress.clear();
  }
  summary(src, dst, r) {
    if (this.quiet) {
      const changed = r.digestChanged ? ` (digest changed: the source is ${r.sourceDigest})` : "";
      return r.upToDate ? `Up to date: ${dst} is already ${r.digest}
` : `Copied ${src} to ${dst}: ${r.digest}${changed}
`;
    }
    const parts = [
      `${r.blobsCopied} blob(s) copied (${formatBytes2(r.bytes)})`,
      `${r.blobsMounted} mounted`,
      `${r.blobsSkipped} already present`
    ];
    if (r.referrers) parts.push(`${r.referrers} referrer(s)`);
    let text = r.upToDate ? `Up to date: ${dst} is already ${r.digest}${r.referrers ? ` (${r.referrers} referrer(s) checked)` : ""}
` : `Copied ${src} to ${dst}: ${r.digest}
  ${parts.join(", ")}
`;
    if (r.digestChanged) text += `  digest changed: the source is ${r.sourceDigest}
`;
    return text;
  }
};

// src/cli/copy.ts
function destinationTag(src, dst) {
  switch (dst.transport) {
    case "docker":
      return dst.ref.tag;
    case "oci":
    case "docker-archive":
      return dst.ref ?? sourceTag(src);
    default:
      return void 0;
  }
}
async function clientsFor(p) {
  const warn = (m) => writeLines(process.stderr, `warning: ${m}`);
  const make = async (flags2) => new RegistryClient({
    credentials: await loadCliCredentials(
      { file: p.credentialsFile, authfile: p.authfile, flags: flags2.flags, anonymous: flags2.anonymous },
      warn
    ),
    registries: p.registries,
    retry: p.retryAttempts === void 0 ? void 0 : { attempts: p.retryAttempts },
    timeouts: p.timeouts,
    debug: p.debug,
    warn
  });
  const sideOf = (f, host2) => JSON.stringify([f.flags[host2] ?? null, f.anonymous.includes(host2)]);
  const host = hostsNamed(p.src).find((h) => hostsNamed(p.dst).includes(h));
  if (host !== void 0 && sideOf(p.srcCreds, host) !== sideOf(p.dstCreds, host)) {
    const [src, dst] = [await make(p.srcCreds), await make(p.dstCreds)];
    return { src, dst, close: async () => void await Promise.all([src.close(), dst.close()]) };
  }
  const flags = { ...p.srcCreds.flags, ...p.dstCreds.flags };
  const anonymous = [...p.srcCreds.anonymous, ...p.dstCreds.anonymous].filter((h) => !(h in flags));
  const client = await make({ flags, anonymous });
  return { src: client, dst: client, close: () => client.close() };
}
var hostsNamed = (r) => r.transport === "docker" ? [registryKey(r.ref.registry)] : [];
async function copyCommand(args) {
  let parsed;
  let clients;
  let signer;
  try {
    parsed = parseCopyArgs(args);
    if (parsed === "help") {
      process.stdout.write(COPY_USAGE);
      return 0;
    }
    for (const d of parsed.deprecations) writeLines(process.stderr, `warning: ${d}`);
    clients = await clientsFor(parsed);
    if (parsed.sign && !parsed.dryRun)
      signer = await createSigner(clients.dst, [parsed.sign], { env: (name) => process.env[name] });
  } catch (e) {
    writeLines(process.stderr, `mirror-action copy: ${e.message}`);
    if (e instanceof UsageError) {
      process.stderr.write(`Run 'mirror-action copy --help' for usage.
`);
    }
    return 2;
  }
  const { dst: dstRef, options } = parsed;
  let srcRef = parsed.src;
  const reporter = new CopyReporter(process.stderr, { quiet: parsed.quiet });
  const engine = new CopyEngine({ ...options, retry: clients.dst.retryPolicy });
  const platform = options.platforms === "all" ? void 0 : options.platforms;
  const existed = destinationExists(dstRef);
  const cleanUp = () => {
    const note = parsed.dryRun ? void 0 : cleanUpFailedCopy(dstRef, existed);
    if (note) writeLines(process.stderr, `mirror-action copy: ${note}`);
  };
  const onSignal = (signal) => {
    cleanUp();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    if (parsed.verify && srcRef.transport === "docker") {
      const r = srcRef.ref;
      const digest = r.digest ?? (await clients.src.manifestHead(r))?.digest ?? (await clients.src.manifestGet(r)).digest;
      const v = await new SignatureVerifier(clients.src, { tufCacheDir: parsed.sigstoreCache }).verifyImage(
        r.registry,
        r.repository,
        digest,
        parsed.verify,
        options.platforms ?? "all"
      );
      if (!v.verified) {
        writeLines(
          process.stderr,
          `mirror-action copy: ${formatTransportRef(srcRef)} (${digest}): unverified: ${v.reason}`
        );
        return 1;
      }
      if (!parsed.quiet) writeLines(process.stderr, `Verified ${digest}: ${v.by}`);
      srcRef = { ...srcRef, ref: { ...r, digest } };
    }
    const src = await openSource(srcRef, { client: clients.src, platform });
    try {
      if (parsed.dryRun) {
        const d = await src.resolve();
        writeLines(
          process.stdout,
          `dry run: would copy ${src.name} (${d.digest}) to ${formatTransportRef(dstRef)}; nothing written`
        );
        return 0;
      }
      const dst = await openDestination(dstRef, { client: clients.dst });
      try {
        const hooks = reporter.hooks(dst.name, `copying ${src.name} to ${dst.name}`);
        const result = await engine.copy(src, dst, destinationTag(srcRef, dstRef), hooks);
        reporter.finish();
        if (parsed.digestFile) await writeFile(parsed.digestFile, result.digest);
        writeLines(process.stdout, ...reporter.summary(src.name, dst.name, result).trimEnd().split("\n"));
        if (signer && parsed.sign && dstRef.transport === "docker") {
          const { registry, repository } = dstRef.ref;
          try {
            const written = await signer.sign(parsed.sign, { registry, repository, digest: result.digest });
            const lines = written.map((w) => `Signed (${w.format}): ${w.where}`);
            writeLines(process.stdout, ...lines.length ? lines : [`Already signed: ${result.digest}`]);
          } catch (e) {
            writeLines(
              process.stderr,
              `mirror-action copy: copied, but signing failed: ${e.message}`
            );
            return 1;
          }
        }
        return 0;
      } finally {
        await dst.close();
      }
    } finally {
      await src.close();
    }
  } catch (e) {
    reporter.finish();
    writeLines(process.stderr, `mirror-action copy: failed: ${e.message}`);
    cleanUp();
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await clients.close();
  }
}

// src/cli/inspect-image.ts
function overridePlatform(v) {
  const host = hostPlatform();
  const os = v["override-os"];
  const arch = v["override-arch"];
  const variant = v["override-variant"];
  for (const [flag, val] of [
    ["os", os],
    ["arch", arch],
    ["variant", variant]
  ])
    if (val !== void 0 && !/^[a-z0-9._-]{1,64}$/i.test(val))
      throw new UsageError(`--override-${flag} takes a name like linux, amd64 or v8, got '${val}'`);
  if (os === void 0 && arch === void 0 && variant === void 0)
    return { platform: host, explicit: false };
  const platform = { os: os ?? host.os, architecture: arch ?? host.architecture };
  const v2 = variant ?? (arch === void 0 ? host.variant : void 0);
  if (v2) platform.variant = v2;
  return { platform, explicit: true };
}
async function platformImage(src, a, index) {
  const entry = (index.manifests ?? []).find(
    (d) => !isAttestationEntry(d) && d.platform && platformMatches(a.platform, d.platform)
  );
  if (!entry) {
    if (a.explicit) throw new Error(`${a.what}: the index has no image for ${formatPlatform(a.platform)}`);
    return void 0;
  }
  const m = await src.getManifest(entry.digest);
  return JSON.parse(m.bytes.toString("utf8"));
}
async function imageDetails(src, json) {
  const out = {};
  const layers = json.layers ?? [];
  const cfgDesc = json.config;
  if (cfgDesc && (cfgDesc.mediaType === MediaType.OciConfig || cfgDesc.mediaType === MediaType.DockerConfig)) {
    const cfg = JSON.parse((await readSmall(await src.getBlob(cfgDesc))).toString("utf8"));
    if (cfg.os && cfg.architecture)
      out.Platforms = [formatPlatform({ os: cfg.os, architecture: cfg.architecture, variant: cfg.variant })];
    if (cfg.created) out.Created = cfg.created;
    if (cfg.architecture) out.Architecture = cfg.architecture;
    if (cfg.os) out.Os = cfg.os;
    if (cfg.variant) out.Variant = cfg.variant;
    out.Labels = cfg.config?.Labels ?? null;
    out.Env = cfg.config?.Env ?? [];
  }
  out.Layers = layers.map((l) => l.digest);
  out.LayersData = layers.map((l) => ({
    MIMEType: l.mediaType,
    Digest: l.digest,
    Size: l.size,
    Annotations: l.annotations ?? null
  }));
  return out;
}
async function readSmall(s, limit = 4 * 1024 * 1024) {
  const parts = [];
  let n = 0;
  for await (const c of s) {
    n += c.length;
    if (n > limit) {
      s.destroy();
      throw new Error(`image configuration larger than ${limit} bytes`);
    }
    parts.push(c);
  }
  return Buffer.concat(parts);
}

// src/cli/registry-cli.ts
async function cliClient(o) {
  const warn = (m) => writeLines(process.stderr, `warning: ${m}`);
  const hosts = { src: [o.registry], dst: [] };
  const creds = credentialsFromFlags(o.values, hosts.src);
  const credentials = await loadCliCredentials(
    {
      file: o.values.credentials,
      authfile: o.values.authfile,
      flags: creds.flags,
      anonymous: creds.anonymous
    },
    warn
  );
  const attempts = retryAttempts(o.values["retry-times"]);
  return new RegistryClient({
    credentials,
    registries: tlsFromFlags(o.values, hosts),
    warn,
    maxTags: o.maxTags,
    retry: attempts === void 0 ? void 0 : { attempts },
    timeouts: o.timeouts,
    debug: o.debug
  });
}
function reportError(command, e) {
  const msg = e instanceof Error ? e.message : String(e);
  writeLines(process.stderr, `mirror-action ${command}: ${msg}`);
  return e instanceof UsageError ? 2 : 1;
}
function maxTagsArg(v) {
  if (v === void 0) return void 0;
  const n = typeof v === "string" ? parseMaxTags(v) : void 0;
  if (n === void 0)
    throw new UsageError(
      `invalid --max-tags '${String(v)}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
    );
  return n;
}
function parseRegistryCliArgs(argv, flags = [], valued = [], extra = {}) {
  const specs = { ...COMMON_FLAGS, ...extra };
  for (const f of flags) specs[f] = { type: "boolean" };
  for (const f of valued) specs[f] = { type: "string" };
  const { values, positionals } = parseFlags(argv, specs);
  return { values, positionals, timeouts: timeoutFlags(values), debug: debugWriter(values.debug) };
}

// src/cli/inspect.ts
var USAGE = `Usage: mirror-action inspect [options] IMAGE

Show an image's digest, media type, platforms and tags as JSON, with skopeo's fields (Name,
Digest, RepoTags, Created, Architecture, Os, Layers, LayersData, Env, Labels). On an index, the
fields of this machine's platform image are shown beside the index's Platforms and Manifests.
IMAGE: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR.

Options:
  --raw                 Print the manifest exactly as stored
  --config              Print the image configuration (JSON) of a single-platform image
  --no-tags             Do not list the repository's tags
  --override-os OS      On an index, show this platform's image (default: this machine's)
  --override-arch ARCH  ... this architecture (--override-variant VARIANT: this variant)
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  -h, --help            Show this help
`;
function parseDockerArg(arg, command, defaultTag) {
  const transport = /^(oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):/.exec(arg);
  if (transport)
    throw new UsageError(`${command} reads registries: give docker://REF, not a ${transport[1]}: reference`);
  try {
    return parseReference(arg, { defaultTag });
  } catch (e) {
    throw new UsageError(e.message);
  }
}
function parseTarget(arg) {
  const other = /^(oci-archive|docker-daemon|containers-storage):/.exec(arg);
  if (other)
    throw new UsageError(
      `inspect reads docker://REF, oci:DIR[:REF], docker-archive:FILE and dir:DIR, not a ${other[1]}: reference`
    );
  if (!/^(oci|docker-archive|dir):/.test(arg))
    return { transport: "docker", ref: parseDockerArg(arg, "inspect", true) };
  try {
    return parseTransportRef(arg);
  } catch (e) {
    throw new UsageError(e.message);
  }
}
function parse(argv) {
  const { values, positionals, timeouts, debug } = parseRegistryCliArgs(
    argv,
    ["raw", "config", "no-tags"],
    ["override-os", "override-arch", "override-variant"]
  );
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError(`expected one image reference, got ${positionals.length}`);
  if (values.raw && values.config) throw new UsageError("--raw and --config exclude each other");
  return {
    target: parseTarget(positionals[0]),
    raw: values.raw === true,
    config: values.config === true,
    tags: values["no-tags"] !== true,
    ...overridePlatform(values),
    values,
    timeouts,
    debug
  };
}
function nameOf(t) {
  if (t.transport === "docker") return formatRepository(t.ref.registry, t.ref.repository);
  if (t.transport === "docker-archive" && t.ref !== void 0 && !t.ref.startsWith("@")) {
    const r = parseReference(t.ref);
    return formatRepository(r.registry, r.repository);
  }
  return void 0;
}
async function inspectCommand(argv) {
  let a;
  try {
    a = parse(argv);
  } catch (e) {
    return reportError("inspect", e);
  }
  if (a === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  let client;
  let src;
  const t = a.target;
  try {
    if (t.transport === "docker") {
      client = await cliClient({
        values: a.values,
        registry: t.ref.registry,
        timeouts: a.timeouts,
        debug: a.debug
      });
    }
    src = await openSource(t, { client, platform: a.explicit ? [a.platform] : void 0 });
    const what = t.transport === "docker" ? t.ref.repository : src.name;
    const m = await src.getManifest();
    if (a.raw) {
      await write(m.bytes);
      return 0;
    }
    const json = JSON.parse(m.bytes.toString("utf8"));
    if (json.schemaVersion === 1) throw new Schema1Error(src.name);
    const image = isIndex(m.mediaType) ? await platformImage(src, { ...a, what }, json) : json;
    if (a.config) {
      if (!image?.config)
        throw new Error(
          `${what}: ${m.mediaType} has no image configuration (an index: pick a platform by digest or --override-arch)`
        );
      await write(await readSmall(await src.getBlob(image.config)));
      return 0;
    }
    const out = { Name: nameOf(t), Digest: m.digest, MediaType: m.mediaType };
    if (t.transport !== "docker") out.RepoTags = [];
    else if (a.tags)
      out.RepoTags = await client.tagList(t.ref.registry, t.ref.repository).catch(() => void 0);
    if (json.artifactType) out.ArtifactType = json.artifactType;
    if (isIndex(m.mediaType)) {
      const entries = json.manifests ?? [];
      out.Platforms = entries.filter((d) => d.platform && !isAttestationEntry(d)).map((d) => formatPlatform(d.platform));
      out.Manifests = entries.map((d) => ({
        Digest: d.digest,
        MediaType: d.mediaType,
        Size: d.size,
        Platform: d.platform ? formatPlatform(d.platform) : void 0
      }));
      if (image) {
        const { Platforms: _one, ...details } = await imageDetails(src, image);
        Object.assign(out, details);
      }
    } else {
      Object.assign(out, await imageDetails(src, json));
    }
    await write(Buffer.from(jsonSafe(JSON.stringify(out, null, 4)) + "\n"));
    return 0;
  } catch (e) {
    return reportError("inspect", e);
  } finally {
    await src?.close();
    await client?.close();
  }
}
function write(b) {
  return new Promise((resolve5, reject) => process.stdout.write(b, (e) => e ? reject(e) : resolve5()));
}

// src/cli/delete.ts
var USAGE2 = `Usage: mirror-action delete [options] docker://REF

Delete an image from a registry. By digest (docker://HOST/REPO@sha256:...), the manifest goes, and
with it every tag that points at it. By tag, only that tag goes: where the registry cannot delete a
tag alone (distribution 2.x), its manifest is deleted by digest, which is refused when other tags
point at the same digest (they are named) unless --force.

Options:
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  --force               Delete the tag's manifest even when other tags point at it (they go too)
  -h, --help            Show this help
`;
async function deleteCommand(argv) {
  let client;
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, ["force"]);
    if (values.help) {
      process.stdout.write(USAGE2);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`expected one image, got ${positionals.length}`);
    const ref = parseDockerArg(positionals[0], "delete", false);
    if (ref.tag === void 0 && ref.digest === void 0)
      throw new UsageError(
        `give a tag or a digest: docker://${ref.registry}/${ref.repository}:TAG or @sha256:...`
      );
    client = await cliClient({ values, timeouts, debug, registry: ref.registry });
    const { registry, repository } = ref;
    const c = client;
    const say = (m) => writeLines(process.stdout, m);
    try {
      if (ref.digest !== void 0) {
        await c.manifestDelete({ registry, repository, digest: ref.digest });
        say(`deleted ${formatReference(ref)}`);
        return 0;
      }
      const tag = ref.tag;
      const head = await c.manifestHead({ registry, repository, tag });
      if (!head) throw new Error(`not found: ${formatReference(ref)}`);
      if (await c.tagDelete(registry, repository, tag) === "deleted") {
        say(`deleted tag ${formatReference(ref)}`);
        return 0;
      }
      const others = ((await tagDigests(c, registry, repository)).get(head.digest) ?? []).filter(
        (t) => t !== tag
      );
      if (others.length > 0 && values.force !== true) {
        const list = others.map((t) => `"${t}"`).join(", ");
        throw new Error(
          `${formatReference(ref)}: the registry cannot delete a tag alone, and its manifest ${head.digest} is also tagged ${list}; deleting it would delete those too. Nothing was deleted (--force deletes them all)`
        );
      }
      await c.manifestDelete({ registry, repository, digest: head.digest });
      const also = others.length ? ` and tag(s) ${others.join(", ")}` : "";
      say(`deleted ${formatReference(ref)} (manifest ${head.digest}${also})`);
      return 0;
    } catch (e) {
      const why = deleteRefusal(e);
      if (why) throw new Error(`${formatReference(ref)}: not deleted: the registry refuses deletes: ${why}`);
      throw e;
    }
  } catch (e) {
    return reportError("delete", e);
  } finally {
    await client?.close();
  }
}

// src/cli/sync.ts
import { readFile as readFile2 } from "node:fs/promises";
import { resolve as resolve4 } from "node:path";

// src/cli/sync-hosts.ts
function configHosts(config) {
  const src = /* @__PURE__ */ new Set();
  const dst = /* @__PURE__ */ new Set();
  for (const e of config.images) {
    src.add(registryKey(e.sourceRef.registry));
    try {
      const t = parseTransportRef(e.target);
      if (t.transport === "docker") dst.add(registryKey(t.ref.registry));
    } catch {
      dst.add(registryKey(e.target.split("/")[0]));
    }
  }
  return { src: [...src], dst: [...dst] };
}
function mergeRegistries(config, flags) {
  const out = { ...config };
  for (const [k, v] of Object.entries(flags)) out[k] = { ...out[k], ...v };
  return out;
}
async function syncCredentials(a, hosts, warn) {
  const src = credentialsFromFlags(a.values, hosts.src, "src");
  const dst = credentialsFromFlags(a.values, hosts.dst, "dest");
  for (const h of hosts.src.filter((h2) => hosts.dst.includes(h2))) {
    const side = (f) => JSON.stringify([f.flags[h] ?? null, f.anonymous.includes(h)]);
    if (side(src) !== side(dst))
      throw new UsageError(
        `${h} is both a source and a target: --src-creds and --dest-creds cannot differ for it; use --credentials`
      );
  }
  const flags = { ...src.flags, ...dst.flags };
  return loadCliCredentials(
    {
      file: a.credentials,
      authfile: a.values.authfile,
      flags,
      anonymous: [...src.anonymous, ...dst.anonymous].filter((h) => !(h in flags))
    },
    warn
  );
}

// src/cli/sync-usage.ts
var SYNC_USAGE = `Usage: mirror-action sync --config FILE [options]
       mirror-action sync --import skopeo|image-syncer|regsync|list [--target PREFIX] FILE

Options:
  --config FILE        Mirror config (YAML, version 1)
  --credentials FILE|- YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE      An auth.json / config.json to read credentials from
  --src-creds USER:PASS   Credentials for every source registry (--dest-creds: every target;
                       --creds: both); --src-no-creds, --dest-no-creds, --no-creds: none
  --src-tls-verify=false  Skip TLS verification (and allow plain HTTP) for the sources
  --dest-tls-verify=false ... for the targets (--tls-verify=false: every registry)
  --insecure-registry HOST  Skip TLS verification for HOST (repeatable)
  --ca-file HOST=FILE  Trust the CA in FILE for HOST (repeatable; FILE alone: every registry)
  --src-cert-dir DIR   The CA (*.crt) and client certificate (*.cert, *.key) in DIR for the
                       sources (--dest-cert-dir: targets; --cert-dir: every registry)
  --retry-times N      Retry a failed request N times (default 4)
  --dry-run            Plan only: resolve every image, write nothing
  -q, --quiet          Print only the totals line (failures and warnings still go to stderr)
  --explain            Per entry, which filter (tags, exclude, semver, latest) kept or dropped
                       each tag the source lists; with --dry-run too
  --report FILE        Write a JSON report of every image
  --state FILE         Digest cache: unchanged images are skipped without asking the target
  --shard i/n          Only the i-th of n parts of the plan (by target repository)
  --images-at-once N   Images copied at once (default 4)
  --transfers N        Blob transfers in flight across all images (default 8)
  --concurrency N      Deprecated: the old name of --images-at-once
  --connect-timeout DUR   Give up connecting after DUR (10s, 1m, 500ms; default 10s);
                       registries.<host>.connect-timeout wins for its registry
  --response-timeout DUR  Give up on a response that does not start, or stalls, for DUR
                       (default 30s); registries.<host>.response-timeout wins for its registry
  --image-timeout DUR  Fail an image whose copy takes longer than DUR (30m, 2h; default none;
                       the tag is not written); an entry's image-timeout wins for its images
  --min-throughput RATE  Retry a blob download slower than RATE per second over
                       --min-throughput-window DUR (default 1KiB over 60s, not for loopback
                       hosts; 0: off); registries.<host>.min-throughput wins for its registry
  --debug              Log every HTTP exchange to stderr (method, URL, status, auth scheme,
                       credential source, retries, timings; never a secret)
  --no-target-check    Never contact targets while planning (no target credentials, e.g. a PR)
  --max-tags N         Read at most N tags per source repository, on every registry (default
                       100000, or registries.<host>.max-tags); a longer list fails its entry
  --lock FILE          Write every source, digest, target and target digest resolved to FILE
                       (default: the config's lock:); dry runs write it too
  --locked             Mirror exactly the digests in the lock; no tag is listed or resolved
  --import FORMAT      Print our YAML converted from a skopeo sync file, an image-syncer
                       images.yaml, a regsync config, or a plain list of images (one per line)
  --target PREFIX      With --import: the target prefix (defaults.target)
  --sigstore-cache DIR Where trusted-root auto keeps Sigstore's TUF metadata (default:
                       $XDG_CACHE_HOME/mirror-action/sigstore, else ~/.cache/mirror-action/sigstore)
`;

// src/cli/sync.ts
var IMPORT_FORMATS = ["skopeo", "image-syncer", "regsync", "list"];
var keyOf = (e) => `${e.source}
${e.target}`;
var OPTIONS = {
  ...COMMON_FLAGS,
  ...SIDED_FLAGS,
  config: { type: "string" },
  "dry-run": { type: "boolean" },
  explain: { type: "boolean" },
  report: { type: "string" },
  state: { type: "string" },
  shard: { type: "string" },
  "images-at-once": { type: "string" },
  transfers: { type: "string" },
  concurrency: { type: "string" },
  "no-target-check": { type: "boolean" },
  "max-tags": { type: "string" },
  lock: { type: "string" },
  locked: { type: "boolean" },
  import: { type: "string" },
  target: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  "sigstore-cache": { type: "string" }
};
function parseSyncArgs(args) {
  const parsed = parseFlags(args, OPTIONS);
  const f = parsed.values;
  const v = f;
  const out = {
    config: v.config,
    credentials: v.credentials,
    dryRun: f["dry-run"] === true,
    explain: f.explain === true,
    report: v.report,
    state: v.state,
    checkTargets: f["no-target-check"] !== true,
    lock: v.lock,
    locked: f.locked === true,
    target: v.target,
    sigstoreCache: sigstoreCacheDir(v["sigstore-cache"]),
    quiet: f.quiet === true,
    deprecations: [],
    help: f.help === true,
    values: f
  };
  retryAttempts(f["retry-times"]);
  if (out.help) return out;
  if (v.shard !== void 0) {
    try {
      out.shard = parseShard(v.shard);
    } catch (error) {
      throw new UsageError(error.message);
    }
  }
  const atOnce = legacyConcurrency(v.concurrency, v["images-at-once"], "--images-at-once", out.deprecations);
  out.imagesAtOnce = countFlag(
    atOnce,
    v["images-at-once"] === void 0 ? "--concurrency" : "--images-at-once"
  );
  out.transfers = countFlag(v.transfers, "--transfers");
  out.timeouts = timeoutFlags(v);
  out.imageTimeoutMs = imageTimeoutFlag(v);
  out.debug = debugWriter(f.debug);
  if (v["max-tags"] !== void 0) {
    out.maxTags = parseMaxTags(v["max-tags"]);
    if (out.maxTags === void 0)
      throw new UsageError(
        `invalid --max-tags '${v["max-tags"]}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
      );
  }
  if (v.import !== void 0) {
    if (!IMPORT_FORMATS.includes(v.import)) {
      throw new UsageError(`invalid --import '${v.import}': expected skopeo, image-syncer, regsync or list`);
    }
    out.importFormat = v.import;
    const files = [...parsed.positionals, ...v.config ? [v.config] : []];
    if (files.length !== 1) throw new UsageError("--import needs exactly one input file");
    out.importFile = files[0];
    return out;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  if (v.target !== void 0) throw new UsageError("--target only goes with --import");
  if (!out.config) throw new UsageError("--config FILE is required");
  return out;
}
function printConfigError(error) {
  const errors = error.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    for (const e of errors) writeLines(process.stderr, e.message);
  } else {
    writeLines(process.stderr, errorMessage(error));
  }
}
async function runImport(a) {
  let text;
  try {
    text = await readFile2(a.importFile, "utf8");
  } catch (error) {
    process.stderr.write(`mirror-action sync: cannot read ${a.importFile}: ${error.message}
`);
    return 2;
  }
  try {
    process.stdout.write(importConfig(text, a.importFormat, a.importFile, { target: a.target }));
    return 0;
  } catch (error) {
    printConfigError(error);
    return 2;
  }
}
async function syncCommand(args) {
  let a;
  try {
    a = parseSyncArgs(args);
  } catch (error) {
    process.stderr.write(
      `mirror-action sync: ${error.message}
Run 'mirror-action sync --help' for usage.
`
    );
    return 2;
  }
  if (a.help) {
    process.stdout.write(SYNC_USAGE);
    return 0;
  }
  if (a.importFormat) return runImport(a);
  const warn = (m) => writeLines(process.stderr, `warning: ${m}`);
  for (const d of a.deprecations) warn(d);
  let config;
  let credentials;
  let hosts;
  try {
    config = await loadConfig(a.config);
    hosts = configHosts(config);
    credentials = await syncCredentials(a, hosts, warn);
  } catch (error) {
    printConfigError(error);
    return 2;
  }
  const lockFile = a.lock !== void 0 ? resolve4(a.lock) : config.lock;
  if (a.locked && !lockFile) {
    process.stderr.write(
      `mirror-action sync: --locked needs a lock file: --lock FILE, or lock: in the config
`
    );
    return 2;
  }
  let lock = [];
  try {
    if (lockFile) lock = await readLock(lockFile, { mustExist: a.locked });
  } catch (error) {
    writeLines(process.stderr, `mirror-action sync: ${errorMessage(error)}`);
    return 2;
  }
  const attempts = retryAttempts(a.values["retry-times"]);
  const client = new RegistryClient({
    credentials,
    registries: mergeRegistries(config.registries, tlsFromFlags(a.values, hosts)),
    warn,
    maxTags: a.maxTags,
    retry: attempts === void 0 ? void 0 : { attempts },
    timeouts: a.timeouts,
    debug: a.debug
  });
  const state = a.state ? await StateStore.load(a.state, { owner: resolve4(a.config) }) : void 0;
  const progress = new CliProgress(process.stderr, { quiet: a.quiet });
  try {
    const report = await sync(config, {
      client,
      state,
      dryRun: a.dryRun,
      shard: a.shard,
      concurrency: a.imagesAtOnce,
      engine: {
        ...a.transfers ? { concurrency: a.transfers } : {},
        ...a.imageTimeoutMs ? { imageTimeoutMs: a.imageTimeoutMs } : {}
      },
      checkTargets: a.checkTargets,
      // A dry run without target credentials (a review, a PR) plans what a refusing target hides.
      targetWithoutCredentials: async (host) => await credentials.get(host) === void 0,
      locked: a.locked ? lock : void 0,
      sigstoreCacheDir: a.sigstoreCache,
      // The variables the config names for signing (a key's PEM, its password); nothing else is read.
      signing: { env: (name) => process.env[name] },
      onExplain: a.explain ? (x) => {
        progress.clear();
        writeLines(process.stdout, ...formatExplanation(x));
      } : void 0,
      onImageStart: (e) => progress.imageStart(keyOf(e), e.target, `start    ${e.source} \u2192 ${e.target}`),
      onImageDone: (r) => {
        progress.clear();
        if (!a.quiet) writeLines(process.stdout, formatImageLine(r));
        else if (r.status === "failed") writeLines(process.stderr, formatImageLine(r));
        progress.imageDone(keyOf(r));
      }
    });
    progress.clear();
    for (const w of report.warnings) warn(w);
    if (state && a.state && !a.dryRun) await state.save(a.state);
    if (a.report) await writeJsonReport(report, a.report);
    if (lockFile) await writeLock(lockFile, nextLock(lock, report, !a.shard && exitCodeFor(report) === 0));
    for (const line of formatGroupLines(report)) writeLines(a.quiet ? process.stderr : process.stdout, line);
    writeLines(process.stdout, formatTotalsLine(report));
    return exitCodeFor(report);
  } catch (error) {
    progress.clear();
    writeLines(process.stderr, `mirror-action sync: ${errorMessage(error)}`);
    return 1;
  } finally {
    await client.close();
  }
}

// src/cli/tags.ts
var USAGE3 = `Usage: mirror-action tags [options] docker://REPO

List the tags of a repository, one per line.

Options:
${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  --max-tags N          Read at most N tags (default 100000); a longer list is an error
  -h, --help            Show this help
`;
async function tagsCommand(argv) {
  let client;
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, [], ["max-tags"]);
    if (values.help) {
      process.stdout.write(USAGE3);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`expected one repository, got ${positionals.length}`);
    const ref = parseDockerArg(positionals[0], "tags", false);
    if (ref.tag !== void 0 || ref.digest !== void 0) {
      throw new UsageError(
        `give a repository without tag or digest, e.g. docker://${ref.registry}/${ref.repository}`
      );
    }
    client = await cliClient({
      values,
      timeouts,
      debug,
      registry: ref.registry,
      maxTags: maxTagsArg(values["max-tags"])
    });
    const tags = await client.tagList(ref.registry, ref.repository);
    await new Promise(
      (resolve5, reject) => process.stdout.write(linesFor(process.stdout, tags), (e) => e ? reject(e) : resolve5())
    );
    return 0;
  } catch (e) {
    return reportError("tags", e);
  } finally {
    await client?.close();
  }
}

// src/cli/verify.ts
var USAGE4 = `Usage: mirror-action verify [options] docker://REF

Check that an image is signed: a Sigstore bundle (cosign v3) among its referrers or in its
sha256-<hex> tag, or a legacy cosign signature in its sha256-<hex>.sig tag, verifying under a
key or a keyless identity. A multi-platform image passes when its index is signed, or when every
platform is. Prints what accepted it; exits 1 with the reason when nothing does.

Options:
${verifyUsage("key")}${REGISTRY_ACCESS_USAGE}${TIMEOUT_USAGE}${DEBUG_USAGE}  -h, --help                    Show this help
`;
async function verifyCommand(argv) {
  let client;
  try {
    const { values, positionals, timeouts, debug } = parseRegistryCliArgs(argv, [], [], verifyFlags("key"));
    if (values.help) {
      process.stdout.write(USAGE4);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(`expected one image reference, got ${positionals.length}`);
    const ref = parseDockerArg(positionals[0], "verify", true);
    const policy = policyFromFlags(values, "key");
    if (!policy)
      throw new UsageError(
        "give --key FILE or --certificate-identity-regexp RE --certificate-oidc-issuer URL"
      );
    client = await cliClient({ values, registry: ref.registry, timeouts, debug });
    const digest = ref.digest ?? (await client.manifestHead(ref))?.digest ?? (await client.manifestGet(ref)).digest;
    const name = `${formatRepository(ref.registry, ref.repository)}@${digest}`;
    const v = await new SignatureVerifier(client, {
      tufCacheDir: sigstoreCacheDir(values["sigstore-cache"])
    }).verifyImage(ref.registry, ref.repository, digest, policy, "all");
    if (!v.verified) {
      writeLines(process.stderr, `mirror-action verify: ${name}: unverified: ${v.reason}`);
      return 1;
    }
    writeLines(process.stdout, `Verified OK: ${name}: ${v.by}`);
    return 0;
  } catch (e) {
    return reportError("verify", e);
  } finally {
    await client?.close();
  }
}

// src/cli/main.ts
var HELP = `mirror-action \u2014 mirror container images between registries without Docker

Usage: mirror-action <command> [options]

Commands:
  sync     Mirror every image of a config file   (sync --config FILE [--dry-run] [--state FILE] ...)
  copy     Copy one image                          (copy [--platform P]... SRC DST)
  inspect  Show an image's digest, media type and platforms (inspect [--raw] docker://REF)
  tags     List the tags of a repository           (tags docker://REPO)
  delete   Delete a tag or a manifest              (delete [--force] docker://REF)
  verify   Check an image's cosign signatures      (verify --key FILE | --certificate-identity-regexp RE
                                                    --certificate-oidc-issuer URL docker://REF)

Transports: docker://REF, oci:DIR[:REF], docker-archive:FILE[:NAME:TAG], dir:DIR
Common options (skopeo's names and meaning; see each command's --help):
  --creds USER:PASS    Credentials (copy and sync: --src-creds, --dest-creds)
  --credentials FILE|- YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE      An auth.json / config.json (default: REGISTRY_AUTH_FILE, containers'
                       auth.json, then Docker's config.json; GITHUB_TOKEN for ghcr.io)
  --tls-verify=false   Skip TLS verification (copy and sync: --src-/--dest-tls-verify=false)
  --retry-times N      Retry a failed request N times
  --connect-timeout DUR, --response-timeout DUR  Deadlines for each request (default 10s, 30s)
  --debug              Log every HTTP exchange to stderr (never a secret); also before the command
  --version            Print the version
  -h, --help           Show help (mirror-action help COMMAND for a command's options)

Exit codes: 0 success, 1 an image failed, 2 a config or usage error.
`;
var COMMANDS = {
  sync: syncCommand,
  copy: copyCommand,
  inspect: inspectCommand,
  tags: tagsCommand,
  delete: deleteCommand,
  verify: verifyCommand,
  // skopeo's name for it
  "list-tags": tagsCommand
};
async function main(argv) {
  let args = argv;
  let debug = false;
  while (args[0] === "--debug") {
    debug = true;
    args = args.slice(1);
  }
  const [command, ...rest] = args;
  if (command === "--version" || command === "-v" || command === "version") {
    process.stdout.write(`mirror-action version ${VERSION}
`);
    return 0;
  }
  if (command === "help" && rest.length > 0) return main([rest[0], "--help"]);
  if (!command || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (run) return run(debug ? ["--debug", ...rest] : rest);
  const guess = didYouMean(command, Object.keys(COMMANDS));
  process.stderr.write(
    `mirror-action: unknown command '${command}'${guess ? ` (did you mean '${guess}'?)` : ""}
${HELP}`
  );
  return 2;
}
export {
  COMMON_FLAGS,
  CliProgress,
  SIDED_FLAGS,
  UsageError,
  hostPlatform,
  loadCliCredentials,
  main,
  parseCliArgs,
  parseCopyArgs,
  parseFlags,
  parseSyncArgs,
  policyFromFlags,
  printable,
  sigstoreCacheDir
};
