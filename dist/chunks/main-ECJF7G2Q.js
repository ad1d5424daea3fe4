import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  ConfigErrors,
  CopyEngine,
  CredentialStore,
  ErrorCollector,
  MAX_CONFIG_BYTES,
  NO_DEFAULT_TAG,
  NodeReader,
  RegistryClient,
  StateStore,
  errorMessage,
  exitCodeFor,
  formatImageLine,
  formatTotalsLine,
  holdsOnePlatform,
  lastComponent,
  loadConfig,
  openDestination,
  openSource,
  parseCredentialsYaml,
  parsePlatform,
  parsePlatform2,
  parseShard,
  parseTransportRef,
  require_dist,
  sync,
  tagPatternError,
  transportOf,
  validSemverRange,
  writeJsonReport
} from "./chunk-F5G4ACG4.js";
import {
  formatRepository,
  parseReference,
  registryKey
} from "./chunk-LOE6PLPE.js";
import "./chunk-BV5CZZ2E.js";
import {
  MediaType,
  isIndex
} from "./chunk-IJFWYFFP.js";
import {
  __toESM
} from "./chunk-QJOVJ3RK.js";

// src/commands/copy.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

// src/commands/copy-output.ts
function formatBytes(n) {
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
var CopyReporter = class {
  constructor(out, opts = {}) {
    this.out = out;
    this.opts = opts;
  }
  out;
  opts;
  copied = 0;
  mounted = 0;
  present = 0;
  bytes = 0;
  total = 0;
  lineShown = false;
  lastDraw = 0;
  get tty() {
    return this.opts.tty ?? this.out.isTTY === true;
  }
  line(text) {
    if (this.opts.quiet) return;
    if (this.tty) {
      this.clear();
      this.out.write(text + "\n");
      this.draw(true);
    } else {
      this.out.write(text + "\n");
    }
  }
  clear() {
    if (this.lineShown) this.out.write("\r\x1B[K");
    this.lineShown = false;
  }
  draw(force = false) {
    if (!this.tty || this.opts.quiet) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const pct = this.total > 0 ? ` ${Math.floor(100 * this.bytes / this.total)}%` : "";
    this.out.write(
      `\r\x1B[K${formatBytes(this.bytes)} / ${formatBytes(this.total)}${pct}  blobs: ${this.copied} copied, ${this.mounted} mounted, ${this.present} present`
    );
    this.lineShown = true;
  }
  hooks() {
    return {
      onProgress: (e) => {
        this.bytes = e.bytes;
        this.total = e.total;
        this.draw();
      },
      onCopied: (e) => {
        this.copied++;
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} ${formatBytes(e.bytes)} copied`);
        else this.draw();
      },
      onMounted: (e) => {
        this.mounted++;
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} mounted from ${e.from.repository}`);
        else this.draw();
      },
      onSkipped: (e) => {
        this.present++;
        const why = e.reason === "exists" ? "already present" : "copied earlier in this run";
        if (!this.tty) this.line(`blob ${short(e.blob.digest)} ${why}`);
        else this.draw();
      },
      onManifest: (e) => {
        this.line(`manifest ${e.digest} ${e.tag ? `tagged ${e.tag}` : "written"} (${e.mediaType})`);
      },
      onWarning: (m) => {
        this.clear();
        this.out.write(`warning: ${m}
`);
        this.draw(true);
      }
    };
  }
  /** Remove the progress line before the final output. */
  finish() {
    if (this.tty) this.clear();
  }
  summary(src, dst, r) {
    const parts = [
      `${r.blobsCopied} blob(s) copied (${formatBytes(r.bytes)})`,
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

// src/commands/copy.ts
var USAGE = `Usage: mirror-action copy [options] SRC DST

Copy one image, all platforms by default, keeping its digest. SRC and DST are transport
references: docker://HOST/REPO[:TAG|@DIGEST] (or a bare reference), oci:DIR[:REF],
docker-archive:FILE[:NAME:TAG], dir:DIR. Without a tag in DST, the source tag is used.

Options:
  --platform OS/ARCH[/VARIANT]  Keep only this platform (repeatable); writes a new index
  --all                         Copy every platform (the default)
  --single-manifest             With one platform selected, write the plain manifest, not an index
  --no-referrers                Do not copy signatures, SBOMs and attestations that refer to the image
  --drop-attestations           Drop buildx attestation entries (unknown/unknown) from the index
  --include-foreign-layers      Copy non-distributable layers too (skipped by default, like Docker)
  --convert docker              Rewrite OCI manifests as Docker v2 schema 2 (the digest changes)
  --credentials FILE            YAML: registry host -> {username, password}
  --insecure-registry HOST      Skip TLS verification for HOST (repeatable)
  --ca-file HOST=FILE           Trust the CA in FILE for HOST (repeatable)
  --concurrency N               Blob transfers in flight (default 8)
  --per-registry N              Requests in flight per registry (default 6)
  -q, --quiet                   Only the final line
  -h, --help                    Show this help
`;
var UsageError = class extends Error {
};
function positiveInt(v, flag) {
  if (v === void 0) return void 0;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`${flag} needs a positive integer, got '${v}'`);
  return Number(v);
}
function parseCopyArgs(args) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      platform: { type: "string", multiple: true },
      all: { type: "boolean" },
      "single-manifest": { type: "boolean" },
      "no-referrers": { type: "boolean" },
      "drop-attestations": { type: "boolean" },
      "include-foreign-layers": { type: "boolean" },
      convert: { type: "string" },
      credentials: { type: "string" },
      "insecure-registry": { type: "string", multiple: true },
      "ca-file": { type: "string", multiple: true },
      concurrency: { type: "string" },
      "per-registry": { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help) return "help";
  if (positionals.length !== 2)
    throw new UsageError(`expected SRC and DST, got ${positionals.length} argument(s)`);
  if (values.all && values.platform?.length) throw new UsageError("--all and --platform exclude each other");
  if (values.convert !== void 0 && values.convert !== "docker") {
    throw new UsageError(`--convert accepts only 'docker', got '${values.convert}'`);
  }
  let platforms = "all";
  try {
    if (values.platform?.length) platforms = values.platform.map(parsePlatform2);
  } catch (e) {
    throw new UsageError(e.message);
  }
  const registries = {};
  for (const host of values["insecure-registry"] ?? []) registries[registryKey(host)] = { insecure: true };
  for (const pair of values["ca-file"] ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1) throw new UsageError(`--ca-file wants HOST=FILE, got '${pair}'`);
    const host = registryKey(pair.slice(0, eq));
    registries[host] = { ...registries[host], caFile: pair.slice(eq + 1) };
  }
  let src;
  let dst;
  try {
    src = parseTransportRef(positionals[0]);
    dst = resolveDestination(positionals[1], src, parseTransportRef(positionals[1]));
  } catch (e) {
    throw new UsageError(e.message);
  }
  return {
    src,
    dst,
    credentialsFile: values.credentials,
    registries,
    quiet: values.quiet ?? false,
    options: {
      platforms,
      // A docker-archive holds one platform: write the chosen manifest, not an index of one.
      singleManifest: (values["single-manifest"] ?? false) || holdsOnePlatform(dst),
      referrers: !values["no-referrers"],
      keepAttestations: !values["drop-attestations"],
      includeForeignLayers: values["include-foreign-layers"] ?? false,
      convertToDocker: values.convert === "docker",
      concurrency: positiveInt(values.concurrency, "--concurrency"),
      perRegistryConcurrency: positiveInt(values["per-registry"], "--per-registry")
    }
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
async function loadCredentials(file) {
  let explicit;
  if (file !== void 0) {
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read credentials file ${file}: ${e.message}`);
    }
    explicit = parseCredentialsYaml(text, file);
  }
  return CredentialStore.load({ explicit, warn: (m) => process.stderr.write(`warning: ${m}
`) });
}
async function copyCommand(args) {
  let parsed;
  let credentials;
  try {
    parsed = parseCopyArgs(args);
    if (parsed === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    credentials = await loadCredentials(parsed.credentialsFile);
  } catch (e) {
    process.stderr.write(`mirror-action copy: ${e.message}
`);
    if (e instanceof UsageError || e.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`Run 'mirror-action copy --help' for usage.
`);
    }
    return 2;
  }
  const { src: srcRef, dst: dstRef, options } = parsed;
  const reporter = new CopyReporter(process.stderr, { quiet: parsed.quiet });
  const client = new RegistryClient({ credentials, registries: parsed.registries });
  const engine = new CopyEngine({ ...options, ...reporter.hooks() });
  const platform = options.platforms === "all" ? void 0 : options.platforms;
  try {
    const src = await openSource(srcRef, { client, platform });
    try {
      const dst = await openDestination(dstRef, { client });
      try {
        const result = await engine.copy(src, dst, destinationTag(srcRef, dstRef));
        reporter.finish();
        process.stdout.write(reporter.summary(src.name, dst.name, result));
        return 0;
      } finally {
        await dst.close();
      }
    } finally {
      await src.close();
    }
  } catch (e) {
    reporter.finish();
    process.stderr.write(`mirror-action copy: failed: ${e.message}
`);
    return 1;
  } finally {
    await client.close();
  }
}

// src/commands/registry-cli.ts
import { readFile as readFile2 } from "node:fs/promises";
import { parseArgs as parseArgs2 } from "node:util";
var UsageError2 = class extends Error {
};
function splitTlsVerify(args) {
  let tlsVerify = true;
  const rest = [];
  for (const a of args) {
    const m = /^--tls-verify(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const v = (m[1] ?? "true").toLowerCase();
    if (v !== "true" && v !== "false") throw new UsageError2(`--tls-verify takes true or false, got '${m[1]}'`);
    tlsVerify = v === "true";
  }
  return { args: rest, tlsVerify };
}
async function cliClient(o) {
  let explicit = {};
  if (o.credentialsFile) {
    let text;
    try {
      text = await readFile2(o.credentialsFile, "utf8");
    } catch (e) {
      throw new Error(`cannot read credentials file ${o.credentialsFile}: ${e.message}`, {
        cause: e
      });
    }
    explicit = parseCredentialsYaml(text, o.credentialsFile);
  }
  const warn = (m) => void process.stderr.write(`warning: ${m}
`);
  const credentials = await CredentialStore.load({ explicit, githubToken: process.env.GITHUB_TOKEN, warn });
  const opts = {};
  if (!o.tlsVerify) opts.insecure = true;
  if (o.caFile) opts.caFile = o.caFile;
  return new RegistryClient({ credentials, registries: { [registryKey(o.registry)]: opts }, warn });
}
function reportError(command, e) {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`mirror-action ${command}: ${msg}
`);
  return e instanceof UsageError2 ? 2 : 1;
}
function usage(e) {
  throw e instanceof UsageError2 ? e : new UsageError2(e.message);
}
function parseRegistryCliArgs(argv, flags = []) {
  const { args, tlsVerify } = splitTlsVerify(argv);
  const options = {
    credentials: { type: "string" },
    "ca-file": { type: "string" },
    help: { type: "boolean", short: "h" }
  };
  for (const f of flags) options[f] = { type: "boolean" };
  try {
    const { values, positionals } = parseArgs2({ args, allowPositionals: true, strict: true, options });
    return { values, positionals, tlsVerify };
  } catch (e) {
    usage(e);
  }
}

// src/commands/inspect.ts
var USAGE2 = `Usage: mirror-action inspect [options] docker://REF

Show an image's digest, media type, platforms and tags as JSON (like skopeo inspect).

Options:
  --raw                 Print the manifest exactly as the registry serves it
  --config              Print the image configuration (JSON) of a single-platform image
  --no-tags             Do not list the repository's tags
  --credentials FILE    YAML: registry host -> {username, password}
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  -h, --help            Show this help
`;
function parseDockerArg(arg, command, defaultTag) {
  const transport = /^(oci|oci-archive|docker-archive|dir|docker-daemon|containers-storage):/.exec(arg);
  if (transport)
    throw new UsageError2(`${command} reads registries: give docker://REF, not a ${transport[1]}: reference`);
  try {
    return parseReference(arg, { defaultTag });
  } catch (e) {
    throw new UsageError2(e.message);
  }
}
function parse(argv) {
  const { values, positionals, tlsVerify } = parseRegistryCliArgs(argv, ["raw", "config", "no-tags"]);
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError2(`expected one image reference, got ${positionals.length}`);
  if (values.raw && values.config) throw new UsageError2("--raw and --config exclude each other");
  return {
    ref: parseDockerArg(positionals[0], "inspect", true),
    raw: values.raw === true,
    config: values.config === true,
    tags: values["no-tags"] !== true,
    credentialsFile: values.credentials,
    tlsVerify,
    caFile: values["ca-file"]
  };
}
async function inspectCommand(argv) {
  let a;
  try {
    a = parse(argv);
  } catch (e) {
    return reportError("inspect", e);
  }
  if (a === "help") {
    process.stdout.write(USAGE2);
    return 0;
  }
  let client;
  try {
    client = await cliClient({ ...a, registry: a.ref.registry });
    const m = await client.manifestGet(a.ref);
    if (a.raw) {
      await write(m.bytes);
      return 0;
    }
    const json = JSON.parse(m.bytes.toString("utf8"));
    if (a.config) {
      if (!json.config)
        throw new Error(
          `${a.ref.repository}: ${m.mediaType} has no image configuration (an index: pick a platform by digest)`
        );
      await write(await readSmall(await client.blobGet(a.ref.registry, a.ref.repository, json.config)));
      return 0;
    }
    const out = {
      Name: formatRepository(a.ref.registry, a.ref.repository),
      Digest: m.digest,
      MediaType: m.mediaType
    };
    if (a.tags) out.Tags = await client.tagList(a.ref.registry, a.ref.repository).catch(() => void 0);
    if (json.artifactType) out.ArtifactType = json.artifactType;
    if (isIndex(m.mediaType)) {
      const entries = json.manifests ?? [];
      out.Platforms = entries.filter((d) => isRealPlatform(d.platform)).map((d) => platformString(d.platform));
      out.Manifests = entries.map((d) => ({
        Digest: d.digest,
        MediaType: d.mediaType,
        Size: d.size,
        Platform: d.platform ? platformString(d.platform) : void 0
      }));
    } else {
      Object.assign(out, await imageDetails(client, a.ref, json));
    }
    await write(Buffer.from(JSON.stringify(out, null, 4) + "\n"));
    return 0;
  } catch (e) {
    return reportError("inspect", e);
  } finally {
    await client?.close();
  }
}
var isRealPlatform = (p) => !!p && p.os !== "unknown" && p.architecture !== "unknown";
function platformString(p) {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}
async function imageDetails(client, ref, json) {
  const out = {};
  const layers = json.layers ?? [];
  const cfgDesc = json.config;
  if (cfgDesc && (cfgDesc.mediaType === MediaType.OciConfig || cfgDesc.mediaType === MediaType.DockerConfig)) {
    const cfg = JSON.parse(
      (await readSmall(await client.blobGet(ref.registry, ref.repository, cfgDesc))).toString("utf8")
    );
    if (cfg.os && cfg.architecture)
      out.Platforms = [platformString({ os: cfg.os, architecture: cfg.architecture, variant: cfg.variant })];
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
function write(b) {
  return new Promise((resolve, reject) => process.stdout.write(b, (e) => e ? reject(e) : resolve()));
}

// src/commands/sync.ts
import { readFile as readFile3 } from "node:fs/promises";
import { parseArgs as parseArgs3 } from "node:util";

// src/config/import.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { basename } from "node:path";

// src/config/import-render.ts
var import_yaml = __toESM(require_dist(), 1);
function emptyImport() {
  return { registries: /* @__PURE__ */ new Map(), entries: [], notes: [] };
}
function yamlString(s) {
  if (new RegExp("\\p{Cc}", "u").test(s)) return JSON.stringify(s);
  if (/^[A-Za-z0-9_./@+-][A-Za-z0-9_./@:+-]*$/.test(s) && !s.endsWith(":")) {
    try {
      if ((0, import_yaml.parse)(s, { schema: "core" }) === s) return s;
    } catch {
    }
  }
  return `'${s.replace(/'/g, "''")}'`;
}
function flowList(items) {
  return `[${items.map(yamlString).join(", ")}]`;
}
function entryValue(e, indent) {
  const opts = [];
  if (e.tags) opts.push(`tags: ${flowList(e.tags)}`);
  if (e.semver !== void 0) opts.push(`semver: ${yamlString(e.semver)}`);
  if (e.platforms) opts.push(`platforms: ${flowList(e.platforms)}`);
  if (opts.length === 0) return ` ${e.target === void 0 ? "~" : yamlString(e.target)}`;
  if (e.target !== void 0) opts.unshift(`target: ${yamlString(e.target)}`);
  return opts.map((o) => `
${indent}${o}`).join("");
}
function renderImported(imp, format, file, defaultsTarget) {
  const lines = [];
  lines.push(`# mirror-action config (version 1), converted from the ${format} file ${file}.`);
  for (const note of imp.notes) lines.push(`# NOTE: ${note}`);
  const needsDefault = imp.entries.some((e) => e.target === void 0);
  if (needsDefault && defaultsTarget === void 0) {
    lines.push("# NOTE: entries with ~ need defaults.target: set it below (or import with --target PREFIX).");
  }
  lines.push("version: 1");
  if (defaultsTarget !== void 0) {
    lines.push("defaults:", `  target: ${yamlString(defaultsTarget)}`);
  } else if (needsDefault) {
    lines.push("defaults:", "  # target: registry.example.com/my-namespace");
  }
  if (imp.registries.size > 0) {
    lines.push("registries:");
    for (const [host, o] of imp.registries) {
      lines.push(`  ${yamlString(host)}:${o.insecure !== void 0 ? ` { insecure: ${o.insecure} }` : " {}"}`);
    }
  }
  lines.push("images:");
  if (imp.entries.length === 0) lines.push("  # no images were found in the input");
  const sources = imp.entries.map((e) => e.source);
  const listForm = new Set(sources).size !== sources.length;
  for (const e of imp.entries) {
    if (listForm) lines.push(`  - ${yamlString(e.source)}:${entryValue(e, "      ")}`);
    else lines.push(`  ${yamlString(e.source)}:${entryValue(e, "    ")}`);
  }
  return lines.join("\n") + "\n";
}
function goRegexToTagPattern(re) {
  let body = re.replace(/\(\?P</g, "(?<");
  let flags = "";
  if (body.startsWith("(?i)")) {
    body = body.slice(4);
    flags = "i";
  }
  const simple = !body.includes("|");
  const start = simple && body.startsWith("^");
  const end = simple && body.endsWith("$") && !body.endsWith("\\$");
  if (start) body = body.slice(1);
  if (end) body = body.slice(0, -1);
  if (!start || !end) body = `${start ? "" : ".*"}${simple ? body : `(?:${body})`}${end ? "" : ".*"}`;
  return `/${body}/${flags}`;
}
function goSemverToRange(c) {
  return c.split("||").map(
    (part) => part.split(",").map((s) => s.trim().replace(/^(>=|<=|>|<|=|!=|~|\^)\s+/, "$1")).join(" ")
  ).join(" || ");
}

// src/config/import-list.ts
function tokens(line) {
  const out = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0].startsWith("#")) break;
    out.push({ text: m[0], col: m.index + 1 });
  }
  return out;
}
function importList(text, file, defaultsTarget) {
  const errors = new ErrorCollector(file);
  const out = emptyImport();
  const byKey = /* @__PURE__ */ new Map();
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    let platform;
    const rest = [];
    const toks = tokens(raw);
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t];
      if (tok.text.startsWith("--platform")) {
        const value = tok.text.startsWith("--platform=") ? tok.text.slice(11) : toks[++t]?.text;
        const p = value === void 0 ? "missing value" : parsePlatform(value);
        if (typeof p === "string") errors.atLineCol(lineNo, tok.col, `--platform: ${p}`);
        else platform = value;
      } else if (tok.text.startsWith("-")) {
        errors.atLineCol(
          lineNo,
          tok.col,
          `unknown option ${tok.text} (only --platform=os/arch is understood)`
        );
      } else {
        rest.push(tok);
      }
    }
    if (rest.length === 0) {
      if (platform !== void 0) errors.atLineCol(lineNo, 1, "--platform without an image");
      return;
    }
    if (rest.length > 2) {
      errors.atLineCol(lineNo, rest[2].col, "expected IMAGE or IMAGE TARGET on one line");
      return;
    }
    let ref;
    try {
      ref = parseReference(rest[0].text, NO_DEFAULT_TAG);
    } catch (err) {
      errors.atLineCol(lineNo, rest[0].col, err instanceof Error ? err.message : String(err));
      return;
    }
    const target = rest[1]?.text;
    if (target !== void 0 && transportOf(target) === void 0) {
      try {
        parseReference(target, NO_DEFAULT_TAG);
      } catch (err) {
        errors.atLineCol(lineNo, rest[1].col, `target: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
    const source = ref.tag === void 0 && ref.digest === void 0 ? `${rest[0].text}:latest` : rest[0].text;
    const key = `${source} ${target ?? "~"}`;
    const prev = byKey.get(key);
    if (!prev) {
      const e = { source, target, ref, platforms: platform ? [platform] : void 0 };
      byKey.set(key, e);
      out.entries.push(e);
    } else if (prev.platforms && platform && !prev.platforms.includes(platform)) {
      prev.platforms.push(platform);
    } else if (!platform) {
      prev.platforms = void 0;
    }
  });
  errors.throwIfAny();
  disambiguate(out, defaultsTarget);
  return out;
}
function disambiguate(out, defaultsTarget) {
  const byName = /* @__PURE__ */ new Map();
  for (const e of out.entries) {
    if (e.target !== void 0) continue;
    const name = lastComponent(e.ref.repository);
    byName.set(name, [...byName.get(name) ?? [], e]);
  }
  for (const [name, list] of byName) {
    const repos = new Set(list.map((e) => `${e.ref.registry}/${e.ref.repository}`));
    if (repos.size < 2) continue;
    if (defaultsTarget === void 0) {
      out.notes.push(`several repositories are named ${name}: give them distinct targets.`);
      continue;
    }
    for (const e of list) {
      const prefix = e.ref.repository.split("/").slice(0, -1).join("_");
      e.target = `${defaultsTarget.replace(/\/+$/, "")}/${prefix ? `${prefix}_` : ""}${name}`;
    }
  }
  for (const e of out.entries) delete e.ref;
}

// src/config/import.ts
function importConfig(text, format, file, defaultsTarget) {
  const target = typeof defaultsTarget === "string" ? defaultsTarget : defaultsTarget?.target;
  const errors = new ErrorCollector(file);
  if (Buffer.byteLength(text, "utf8") > MAX_CONFIG_BYTES) {
    errors.at(0, `input is over the ${MAX_CONFIG_BYTES / 1024 / 1024} MiB limit`);
    errors.throwIfAny();
  }
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  let imported;
  if (format === "list") {
    imported = importList(body, file, target);
  } else if (format === "skopeo" || format === "image-syncer") {
    const lines = new import_yaml2.LineCounter();
    const errs = new ErrorCollector(file, lines);
    const doc = (0, import_yaml2.parseDocument)(body, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    for (const e of [...doc.errors, ...doc.warnings]) errs.at(e.pos[0], `YAML: ${e.message.split("\n")[0]}`);
    errs.throwIfAny();
    const r = new NodeReader(doc, errs);
    imported = format === "skopeo" ? importSkopeo(r, doc) : importImageSyncer(r, doc);
    errs.throwIfAny();
  } else {
    errors.at(0, `unknown import format "${String(format)}": use skopeo, image-syncer or list`);
    throw new ConfigErrors(errors.errors);
  }
  return renderImported(imported, format, basename(file), target);
}
function rootEntries(r, doc, what) {
  const root = r.deref(doc.contents);
  if (r.kind(root) !== "map") {
    r.error(root, `expected ${what} (a map), got ${r.describe(root)}`);
    return [];
  }
  return r.entries(root, "the file");
}
function checkedSource(r, source, offset) {
  try {
    parseReference(source, NO_DEFAULT_TAG);
    return true;
  } catch (err) {
    r.errors.at(offset, err instanceof Error ? err.message : String(err));
    return false;
  }
}
var SKOPEO_KEYS = [
  "images",
  "images-by-tag-regex",
  "images-by-semver",
  "credentials",
  "tls-verify",
  "cert-dir"
];
function importSkopeo(r, doc) {
  const out = emptyImport();
  for (const reg of rootEntries(r, doc, "registry \u2192 settings")) {
    const where = `"${reg.key}"`;
    if (r.kind(reg.value) !== "map") {
      r.typeError(reg, where, "a map (images, images-by-tag-regex, tls-verify, \u2026)");
      continue;
    }
    const known = r.known(r.entries(reg.value, where), SKOPEO_KEYS, where);
    if (known.has("credentials")) {
      out.notes.push(`credentials for ${reg.key} were not imported: pass them with the credentials input.`);
    }
    const cert = known.get("cert-dir");
    if (cert) {
      out.notes.push(
        `cert-dir ${r.text(cert.value) ?? ""} of ${reg.key} was not imported: set registries."${reg.key}".ca-file / cert-file / key-file.`
      );
    }
    const tls = known.get("tls-verify");
    if (tls) {
      const v = r.bool(tls, `${where}.tls-verify`);
      if (v === false) out.registries.set(reg.key, { insecure: true });
    }
    const byTag = /* @__PURE__ */ new Map();
    const images = known.get("images");
    if (images && r.kind(images.value) !== "map")
      r.typeError(images, `${where}.images`, "a map of repository \u2192 tags");
    for (const img of images ? r.entries(images.value, `${where}.images`) : []) {
      const repo = `${reg.key}/${img.key}`;
      if (!checkedSource(r, repo, img.offset)) continue;
      const k = r.kind(img.value);
      const items = k === "null" || isEmptyList(r, img) ? [] : r.stringList(img, repo);
      if (items === void 0) continue;
      const tags = [];
      for (const it of items) {
        if (/^[a-z0-9]+:/.test(it.value)) {
          if (checkedSource(r, `${repo}@${it.value}`, it.offset)) {
            out.entries.push({ source: `${repo}@${it.value}` });
          }
        } else if (tagPatternError(it.value) === void 0) {
          tags.push(it.value);
        } else {
          r.errors.at(it.offset, `${repo}: ${tagPatternError(it.value)}`);
        }
      }
      if (items.length === 0) byTag.set(repo, { source: repo, tags: ["*"] });
      else if (tags.length === 1) out.entries.push({ source: `${repo}:${tags[0]}` });
      else if (tags.length > 1) byTag.set(repo, { source: repo, tags });
    }
    const regexes = known.get("images-by-tag-regex");
    for (const img of regexes ? r.entries(regexes.value, `${where}.images-by-tag-regex`) : []) {
      const repo = `${reg.key}/${img.key}`;
      const re = r.string(img, repo);
      if (re === void 0 || !checkedSource(r, repo, img.offset)) continue;
      const pattern = goRegexToTagPattern(re);
      const problem = tagPatternError(pattern);
      if (problem) {
        r.errors.at(r.valueOffset(img), `${repo}: ${problem}`);
        continue;
      }
      const prev = byTag.get(repo);
      if (prev && prev.tags && !prev.tags.includes("*")) prev.tags.push(pattern);
      else if (!prev) byTag.set(repo, { source: repo, tags: [pattern] });
    }
    out.entries.push(...byTag.values());
    const semvers = known.get("images-by-semver");
    for (const img of semvers ? r.entries(semvers.value, `${where}.images-by-semver`) : []) {
      const repo = `${reg.key}/${img.key}`;
      const c = r.string(img, repo);
      if (c === void 0 || !checkedSource(r, repo, img.offset)) continue;
      const range = goSemverToRange(c);
      if (validSemverRange(range) === void 0) {
        r.errors.at(r.valueOffset(img), `${repo}: cannot convert the semver constraint "${c}"`);
        continue;
      }
      out.entries.push({ source: repo, semver: range });
    }
  }
  return out;
}
function isEmptyList(r, e) {
  const n = r.deref(e.value);
  return Array.isArray(n?.items) && n.items.length === 0;
}
function importImageSyncer(r, doc) {
  const out = emptyImport();
  let entries = rootEntries(r, doc, "source \u2192 target");
  const wrapped = entries.find((e) => e.key === "images" && r.kind(e.value) === "map");
  if (wrapped && entries.every((e) => e.key === "images" || e.key === "auth")) {
    if (entries.some((e) => e.key === "auth")) {
      out.notes.push("the auth section was not imported: pass credentials with the credentials input.");
    }
    entries = r.entries(wrapped.value, "images");
  }
  for (const e of entries) {
    const m = /^(.*?):(\/.+\/)$/.exec(e.key);
    let repo = e.key;
    let tags;
    let pattern;
    if (m) {
      repo = m[1];
      pattern = goRegexToTagPattern(m[2].slice(1, -1));
    } else if (!e.key.includes("@")) {
      const colon = e.key.indexOf(":", e.key.lastIndexOf("/") + 1);
      if (colon >= 0) {
        repo = e.key.slice(0, colon);
        tags = e.key.slice(colon + 1).split(",").map((t) => t.trim());
      }
    }
    if (!checkedSource(r, repo, e.offset)) continue;
    if (pattern !== void 0 && tagPatternError(pattern)) {
      r.errors.at(e.offset, `${e.key}: ${tagPatternError(pattern)}`);
      continue;
    }
    const targets = readSyncerTargets(r, e);
    if (!targets) continue;
    for (const target of targets) {
      if (pattern !== void 0) out.entries.push({ source: repo, target, tags: [pattern] });
      else if (tags === void 0 && !e.key.includes("@"))
        out.entries.push({ source: repo, target, tags: ["*"] });
      else if (tags === void 0) out.entries.push({ source: repo, target });
      for (const tag of tags ?? []) {
        if (checkedSource(r, `${repo}:${tag}`, e.offset))
          out.entries.push({ source: `${repo}:${tag}`, target });
      }
    }
  }
  return out;
}
function readSyncerTargets(r, e) {
  const k = r.kind(e.value);
  if (k === "null") return [void 0];
  if (k === "string") return [r.text(e.value) || void 0];
  const items = r.stringList(e, e.key);
  return items?.map((i) => i.value || void 0);
}

// src/commands/sync.ts
var SYNC_USAGE = `Usage: mirror-action sync --config FILE [options]
       mirror-action sync --import skopeo|image-syncer|list [--target PREFIX] FILE

Options:
  --config FILE        Mirror config (YAML, version 1)
  --credentials FILE   YAML: registry host -> {username, password}
  --dry-run            Plan only: resolve every image, write nothing
  --report FILE        Write a JSON report of every image
  --state FILE         Digest cache: unchanged images are skipped without asking the target
  --shard i/n          Only the i-th of n parts of the plan (by target repository)
  --concurrency N      Images copied at once (default 4)
  --no-target-check    Never contact targets while planning (no target credentials, e.g. a PR)
  --import FORMAT      Print our YAML converted from a skopeo sync file, an image-syncer
                       images.yaml, or a plain list of images (one per line)
  --target PREFIX      With --import: the target prefix (defaults.target)
`;
var OPTIONS = {
  config: { type: "string" },
  credentials: { type: "string" },
  "dry-run": { type: "boolean" },
  report: { type: "string" },
  state: { type: "string" },
  shard: { type: "string" },
  concurrency: { type: "string" },
  "no-target-check": { type: "boolean" },
  import: { type: "string" },
  target: { type: "string" },
  help: { type: "boolean", short: "h" }
};
var UsageError3 = class extends Error {
};
function parseSyncArgs(args) {
  let parsed;
  try {
    parsed = parseArgs3({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError3(error.message);
  }
  const v = parsed.values;
  const out = {
    config: v.config,
    credentials: v.credentials,
    dryRun: v["dry-run"] ?? false,
    report: v.report,
    state: v.state,
    checkTargets: !v["no-target-check"],
    target: v.target,
    help: v.help ?? false
  };
  if (out.help) return out;
  if (v.shard !== void 0) {
    try {
      out.shard = parseShard(v.shard);
    } catch (error) {
      throw new UsageError3(error.message);
    }
  }
  if (v.concurrency !== void 0) {
    const n = Number(v.concurrency);
    if (!/^\d+$/.test(v.concurrency) || n < 1 || n > 256) {
      throw new UsageError3(`invalid --concurrency '${v.concurrency}': expected an integer from 1 to 256`);
    }
    out.concurrency = n;
  }
  if (v.import !== void 0) {
    if (v.import !== "skopeo" && v.import !== "image-syncer" && v.import !== "list") {
      throw new UsageError3(`invalid --import '${v.import}': expected skopeo, image-syncer or list`);
    }
    out.importFormat = v.import;
    const files = [...parsed.positionals, ...v.config ? [v.config] : []];
    if (files.length !== 1) throw new UsageError3("--import needs exactly one input file");
    out.importFile = files[0];
    return out;
  }
  if (parsed.positionals.length > 0) throw new UsageError3(`unexpected argument '${parsed.positionals[0]}'`);
  if (v.target !== void 0) throw new UsageError3("--target only goes with --import");
  if (!out.config) throw new UsageError3("--config FILE is required");
  return out;
}
function printConfigError(error) {
  const errors = error.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    for (const e of errors) process.stderr.write(`${e.message}
`);
  } else {
    process.stderr.write(`${errorMessage(error)}
`);
  }
}
async function runImport(a) {
  let text;
  try {
    text = await readFile3(a.importFile, "utf8");
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
async function loadCredentials2(file) {
  if (!file) return void 0;
  let text;
  try {
    text = await readFile3(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}`, { cause: error });
  }
  return parseCredentialsYaml(text, file);
}
async function syncCommand(args) {
  let a;
  try {
    a = parseSyncArgs(args);
  } catch (error) {
    process.stderr.write(`mirror-action sync: ${error.message}
${SYNC_USAGE}`);
    return 2;
  }
  if (a.help) {
    process.stdout.write(SYNC_USAGE);
    return 0;
  }
  if (a.importFormat) return runImport(a);
  const warn = (m) => process.stderr.write(`warning: ${m}
`);
  let config;
  let credentials;
  try {
    config = await loadConfig(a.config);
    credentials = await CredentialStore.load({ explicit: await loadCredentials2(a.credentials), warn });
  } catch (error) {
    printConfigError(error);
    return 2;
  }
  const client = new RegistryClient({ credentials, registries: config.registries, warn });
  const state = a.state ? await StateStore.load(a.state) : void 0;
  try {
    const report = await sync(config, {
      client,
      state,
      dryRun: a.dryRun,
      shard: a.shard,
      concurrency: a.concurrency,
      checkTargets: a.checkTargets,
      onImageDone: (r) => process.stdout.write(`${formatImageLine(r)}
`)
    });
    for (const w of report.warnings) process.stderr.write(`warning: ${w}
`);
    if (state && a.state && !a.dryRun) await state.save(a.state);
    if (a.report) await writeJsonReport(report, a.report);
    process.stdout.write(`${formatTotalsLine(report)}
`);
    return exitCodeFor(report);
  } catch (error) {
    process.stderr.write(`mirror-action sync: ${errorMessage(error)}
`);
    return 1;
  } finally {
    await client.close();
  }
}

// src/commands/tags.ts
var USAGE3 = `Usage: mirror-action tags [options] docker://REPO

List the tags of a repository, one per line.

Options:
  --credentials FILE    YAML: registry host -> {username, password}
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  -h, --help            Show this help
`;
async function tagsCommand(argv) {
  let client;
  try {
    const { values, positionals, tlsVerify } = parseRegistryCliArgs(argv);
    if (values.help) {
      process.stdout.write(USAGE3);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError2(`expected one repository, got ${positionals.length}`);
    const ref = parseDockerArg(positionals[0], "tags", false);
    if (ref.tag !== void 0 || ref.digest !== void 0) {
      throw new UsageError2(
        `give a repository without tag or digest, e.g. docker://${ref.registry}/${ref.repository}`
      );
    }
    client = await cliClient({
      credentialsFile: values.credentials,
      caFile: values["ca-file"],
      tlsVerify,
      registry: ref.registry
    });
    const tags = await client.tagList(ref.registry, ref.repository);
    await new Promise(
      (resolve, reject) => process.stdout.write(tags.map((t) => `${t}
`).join(""), (e) => e ? reject(e) : resolve())
    );
    return 0;
  } catch (e) {
    return reportError("tags", e);
  } finally {
    await client?.close();
  }
}

// src/commands/main.ts
var HELP = `mirror-action \u2014 mirror container images between registries without Docker

Usage: mirror-action <command> [options]

Commands:
  sync     Mirror every image of a config file   (sync --config FILE [--dry-run] [--state FILE] ...)
  copy     Copy one image                          (copy [--platform P]... SRC DST)
  inspect  Show an image's digest, media type and platforms (inspect [--raw] docker://REF)
  tags     List the tags of a repository           (tags docker://REPO)

Transports: docker://REF, oci:DIR[:REF], docker-archive:FILE[:NAME:TAG], dir:DIR
Common options:
  --credentials FILE   YAML: registry host -> {username, password}
  -h, --help           Show help (mirror-action COMMAND --help for a command's options)

Exit codes: 0 success, 1 an image failed, 2 a config or usage error.
`;
async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case "sync":
      return syncCommand(rest);
    case "copy":
      return copyCommand(rest);
    case "inspect":
      return inspectCommand(rest);
    case "tags":
      return tagsCommand(rest);
    default:
      process.stderr.write(`mirror-action: unknown command '${command}'
${HELP}`);
      return 2;
  }
}
export {
  main
};
