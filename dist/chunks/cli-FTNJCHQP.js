import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  CopyEngine,
  CredentialStore,
  MAX_TAGS_CEILING,
  RegistryClient,
  StateStore,
  commandSafe,
  errorMessage,
  exitCodeFor,
  formatImageLine,
  formatTotalsLine,
  importConfig,
  jsonSafe,
  loadConfig,
  openDestination,
  openSource,
  parseCredentialsYaml,
  parseMaxTags,
  parseShard,
  parseTransportRef,
  sync,
  terminalSafe,
  writeJsonReport
} from "./chunk-MXL77CYV.js";
import "./chunk-CPP66ZJG.js";
import "./chunk-63S7DAOL.js";
import "./chunk-PVKON75E.js";
import "./chunk-UFUUHYXW.js";
import "./chunk-SES2WWEP.js";
import {
  MediaType,
  formatPlatform,
  formatRepository,
  isAttestationEntry,
  isIndex,
  parsePlatform,
  parseReference,
  registryKey
} from "./chunk-XHLX5WBD.js";
import "./chunk-QJOVJ3RK.js";

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

// src/cli/copy-output.ts
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
  line(raw) {
    if (this.opts.quiet) return;
    const text = printable({ isTTY: this.tty })(raw);
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
  /** The hooks of the one copy this reports on (copy() options). */
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
        this.out.write(`${printable({ isTTY: this.tty })(`warning: ${m}`)}
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

// src/cli/options.ts
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
var UsageError = class extends Error {
};
function parseCliArgs(config) {
  try {
    return parseArgs(config);
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError(e.message, { cause: e });
  }
}
var warnStderr = (m) => writeLines(process.stderr, `warning: ${m}`);
async function loadCliCredentials(file, warn = warnStderr) {
  let explicit;
  if (file !== void 0) {
    let text;
    try {
      text = await readFile(file, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read credentials file ${file}: ${e.message}`, { cause: e });
    }
    explicit = parseCredentialsYaml(text, file);
  }
  return CredentialStore.load({ explicit, githubToken: process.env.GITHUB_TOKEN, warn });
}

// src/cli/copy.ts
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
function positiveInt(v, flag) {
  if (v === void 0) return void 0;
  if (!/^[1-9][0-9]*$/.test(v)) throw new UsageError(`${flag} needs a positive integer, got '${v}'`);
  return Number(v);
}
function parseCopyArgs(args) {
  const { values, positionals } = parseCliArgs({
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
    if (values.platform?.length) platforms = values.platform.map(parsePlatform);
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
      singleManifest: values["single-manifest"] ?? false,
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
async function copyCommand(args) {
  let parsed;
  let credentials;
  try {
    parsed = parseCopyArgs(args);
    if (parsed === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    credentials = await loadCliCredentials(parsed.credentialsFile);
  } catch (e) {
    writeLines(process.stderr, `mirror-action copy: ${e.message}`);
    if (e instanceof UsageError) {
      process.stderr.write(`Run 'mirror-action copy --help' for usage.
`);
    }
    return 2;
  }
  const { src: srcRef, dst: dstRef, options } = parsed;
  const reporter = new CopyReporter(process.stderr, { quiet: parsed.quiet });
  const client = new RegistryClient({
    credentials,
    registries: parsed.registries,
    warn: (m) => writeLines(process.stderr, `warning: ${m}`)
  });
  const engine = new CopyEngine({ ...options, retry: client.retryPolicy });
  const platform = options.platforms === "all" ? void 0 : options.platforms;
  try {
    const src = await openSource(srcRef, { client, platform });
    try {
      const dst = await openDestination(dstRef, { client });
      try {
        const result = await engine.copy(src, dst, destinationTag(srcRef, dstRef), reporter.hooks());
        reporter.finish();
        writeLines(process.stdout, ...reporter.summary(src.name, dst.name, result).trimEnd().split("\n"));
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
    return 1;
  } finally {
    await client.close();
  }
}

// src/cli/registry-cli.ts
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
    if (v !== "true" && v !== "false") throw new UsageError(`--tls-verify takes true or false, got '${m[1]}'`);
    tlsVerify = v === "true";
  }
  return { args: rest, tlsVerify };
}
async function cliClient(o) {
  const warn = (m) => writeLines(process.stderr, `warning: ${m}`);
  const credentials = await loadCliCredentials(o.credentialsFile, warn);
  const opts = {};
  if (!o.tlsVerify) opts.insecure = true;
  if (o.caFile) opts.caFile = o.caFile;
  return new RegistryClient({
    credentials,
    registries: { [registryKey(o.registry)]: opts },
    warn,
    maxTags: o.maxTags
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
function parseRegistryCliArgs(argv, flags = [], valued = []) {
  const { args, tlsVerify } = splitTlsVerify(argv);
  const options = {
    credentials: { type: "string" },
    "ca-file": { type: "string" },
    help: { type: "boolean", short: "h" }
  };
  for (const f of flags) options[f] = { type: "boolean" };
  for (const f of valued) options[f] = { type: "string" };
  const { values, positionals } = parseCliArgs({ args, allowPositionals: true, strict: true, options });
  return { values, positionals, tlsVerify };
}

// src/cli/inspect.ts
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
    throw new UsageError(`${command} reads registries: give docker://REF, not a ${transport[1]}: reference`);
  try {
    return parseReference(arg, { defaultTag });
  } catch (e) {
    throw new UsageError(e.message);
  }
}
function parse(argv) {
  const { values, positionals, tlsVerify } = parseRegistryCliArgs(argv, ["raw", "config", "no-tags"]);
  if (values.help) return "help";
  if (positionals.length !== 1)
    throw new UsageError(`expected one image reference, got ${positionals.length}`);
  if (values.raw && values.config) throw new UsageError("--raw and --config exclude each other");
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
      out.Platforms = entries.filter((d) => d.platform && !isAttestationEntry(d)).map((d) => formatPlatform(d.platform));
      out.Manifests = entries.map((d) => ({
        Digest: d.digest,
        MediaType: d.mediaType,
        Size: d.size,
        Platform: d.platform ? formatPlatform(d.platform) : void 0
      }));
    } else {
      Object.assign(out, await imageDetails(client, a.ref, json));
    }
    await write(Buffer.from(jsonSafe(JSON.stringify(out, null, 4)) + "\n"));
    return 0;
  } catch (e) {
    return reportError("inspect", e);
  } finally {
    await client?.close();
  }
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
function write(b) {
  return new Promise((resolve2, reject) => process.stdout.write(b, (e) => e ? reject(e) : resolve2()));
}

// src/cli/sync.ts
import { readFile as readFile2 } from "node:fs/promises";
import { resolve } from "node:path";
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
  --max-tags N         Read at most N tags per source repository, on every registry (default
                       100000, or registries.<host>.max-tags); a longer list fails its entry
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
  "max-tags": { type: "string" },
  import: { type: "string" },
  target: { type: "string" },
  help: { type: "boolean", short: "h" }
};
function parseSyncArgs(args) {
  const parsed = parseCliArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
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
      throw new UsageError(error.message);
    }
  }
  if (v.concurrency !== void 0) {
    const n = Number(v.concurrency);
    if (!/^\d+$/.test(v.concurrency) || n < 1 || n > 256) {
      throw new UsageError(`invalid --concurrency '${v.concurrency}': expected an integer from 1 to 256`);
    }
    out.concurrency = n;
  }
  if (v["max-tags"] !== void 0) {
    out.maxTags = parseMaxTags(v["max-tags"]);
    if (out.maxTags === void 0)
      throw new UsageError(
        `invalid --max-tags '${v["max-tags"]}': expected a whole number from 1 to ${MAX_TAGS_CEILING}`
      );
  }
  if (v.import !== void 0) {
    if (v.import !== "skopeo" && v.import !== "image-syncer" && v.import !== "list") {
      throw new UsageError(`invalid --import '${v.import}': expected skopeo, image-syncer or list`);
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
    process.stderr.write(`mirror-action sync: ${error.message}
${SYNC_USAGE}`);
    return 2;
  }
  if (a.help) {
    process.stdout.write(SYNC_USAGE);
    return 0;
  }
  if (a.importFormat) return runImport(a);
  const warn = (m) => writeLines(process.stderr, `warning: ${m}`);
  let config;
  let credentials;
  try {
    config = await loadConfig(a.config);
    credentials = await loadCliCredentials(a.credentials, warn);
  } catch (error) {
    printConfigError(error);
    return 2;
  }
  const client = new RegistryClient({ credentials, registries: config.registries, warn, maxTags: a.maxTags });
  const state = a.state ? await StateStore.load(a.state, { owner: resolve(a.config) }) : void 0;
  try {
    const report = await sync(config, {
      client,
      state,
      dryRun: a.dryRun,
      shard: a.shard,
      concurrency: a.concurrency,
      checkTargets: a.checkTargets,
      onImageDone: (r) => writeLines(process.stdout, formatImageLine(r))
    });
    for (const w of report.warnings) warn(w);
    if (state && a.state && !a.dryRun) await state.save(a.state);
    if (a.report) await writeJsonReport(report, a.report);
    writeLines(process.stdout, formatTotalsLine(report));
    return exitCodeFor(report);
  } catch (error) {
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
  --credentials FILE    YAML: registry host -> {username, password}
  --tls-verify=false    Skip TLS verification (and allow plain HTTP) for this registry
  --ca-file FILE        Trust the CA in FILE for this registry
  --max-tags N          Read at most N tags (default 100000); a longer list is an error
  -h, --help            Show this help
`;
async function tagsCommand(argv) {
  let client;
  try {
    const { values, positionals, tlsVerify } = parseRegistryCliArgs(argv, [], ["max-tags"]);
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
      credentialsFile: values.credentials,
      caFile: values["ca-file"],
      tlsVerify,
      registry: ref.registry,
      maxTags: maxTagsArg(values["max-tags"])
    });
    const tags = await client.tagList(ref.registry, ref.repository);
    await new Promise(
      (resolve2, reject) => process.stdout.write(linesFor(process.stdout, tags), (e) => e ? reject(e) : resolve2())
    );
    return 0;
  } catch (e) {
    return reportError("tags", e);
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
  UsageError,
  loadCliCredentials,
  main,
  parseCliArgs,
  parseSyncArgs,
  printable
};
