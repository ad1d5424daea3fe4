import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);

// src/oci/errors.ts
var MAX_DEPTH = 8;
var RETRYABLE_STATUSES = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
var SLOW_BODY_CODE = "MIRROR_SLOW_BODY";
var RETRYABLE_CODES = /* @__PURE__ */ new Set([
  SLOW_BODY_CODE,
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_REQ_RETRY",
  "UND_ERR_ABORTED"
]);
var TLS_VERIFY_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/;
function* causes(err) {
  let e = err;
  for (let depth = 0; e !== null && typeof e === "object" && depth < MAX_DEPTH; depth++) {
    yield e;
    e = e.cause;
  }
}
function errorCode(err) {
  for (const e of causes(err)) if (typeof e.code === "string") return e.code;
  return void 0;
}
function statusOf(err) {
  for (const e of causes(err)) if (typeof e.status === "number") return e.status;
  return void 0;
}
function sideOf(err) {
  for (const e of causes(err)) if (e.side === "source" || e.side === "destination") return e.side;
  return void 0;
}
function isRetryableStatus(status) {
  return RETRYABLE_STATUSES.has(status);
}
function isRetryable(err) {
  for (const e of causes(err)) {
    if (typeof e.retryable === "boolean") return e.retryable;
    if (typeof e.code === "string" && RETRYABLE_CODES.has(e.code)) return true;
  }
  return false;
}
function spent(err) {
  for (const e of causes(err)) {
    if (typeof e.retryable === "boolean") {
      e.retryable = false;
      break;
    }
  }
  return err;
}
function isTlsVerifyError(err) {
  const code = errorCode(err);
  return code !== void 0 && TLS_VERIFY_CODES.test(code);
}
function answeredInPlainHttp(err) {
  const code = errorCode(err);
  return code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "ERR_SSL_PACKET_LENGTH_TOO_LONG";
}
function rateLimited(err) {
  let side;
  for (const e of causes(err)) {
    if (side === void 0 && (e.side === "source" || e.side === "destination")) side = e.side;
    const codes = Array.isArray(e.codes) ? e.codes : [];
    if (e.status === 429 || codes.includes("TOOMANYREQUESTS")) {
      const out = {};
      if (side) out.side = side;
      const host = hostOf(e.url);
      if (host) out.host = host;
      return out;
    }
  }
  return void 0;
}
function hostOf(url) {
  if (typeof url !== "string") return void 0;
  try {
    return new URL(url).host || void 0;
  } catch {
    return void 0;
  }
}

// src/oci/retry.ts
var DEFAULT_RETRY = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 1e4,
  maxRetryAfterMs: 6e4
};
var realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
function parseRetryAfter(v, now = Date.now()) {
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return void 0;
  if (/^\s*\d+\s*$/.test(s)) return Number(s.trim()) * 1e3;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return void 0;
  return Math.max(0, t - now);
}
function pullQuotaSpent(remaining, body) {
  const m = /^\s*(\d+)/.exec(remaining ?? "");
  if (m && Number(m[1]) === 0) return true;
  return body !== void 0 && body.includes("TOOMANYREQUESTS") && /pull[\w ]*limit|quota/i.test(body);
}
function backoffDelay(attempt, r, random = Math.random) {
  const ceiling = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
var RetryPolicy = class {
  constructor(options = {}, sleep = realSleep, random = Math.random) {
    this.sleep = sleep;
    this.random = random;
    this.options = { ...DEFAULT_RETRY, ...options };
  }
  sleep;
  random;
  options;
  get attempts() {
    return Math.max(1, this.options.attempts);
  }
  /** True when attempt `attempt` (0-based) was the last one allowed. */
  isLast(attempt) {
    return attempt >= this.attempts - 1;
  }
  /**
   * How long to wait after attempt `attempt` (0-based) failed: the server's Retry-After when it
   * gave one within the cap, else backoff. Undefined: the server asked for longer than we wait.
   */
  delay(attempt, retryAfterMs) {
    if (retryAfterMs === void 0) return backoffDelay(attempt, this.options, this.random);
    return retryAfterMs <= this.options.maxRetryAfterMs ? retryAfterMs : void 0;
  }
  /** Waits before the next attempt; false when no further attempt should be made. */
  async wait(attempt, retryAfterMs) {
    if (this.isLast(attempt)) return false;
    const ms = this.delay(attempt, retryAfterMs);
    if (ms === void 0) return false;
    await this.sleep(ms);
    return true;
  }
};

// src/oci/mediatypes.ts
var MediaType = {
  DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  DockerSchema1: "application/vnd.docker.distribution.manifest.v1+json",
  DockerSchema1Signed: "application/vnd.docker.distribution.manifest.v1+prettyjws",
  DockerConfig: "application/vnd.docker.container.image.v1+json",
  DockerLayer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  DockerForeignLayer: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  OciManifest: "application/vnd.oci.image.manifest.v1+json",
  OciIndex: "application/vnd.oci.image.index.v1+json",
  OciConfig: "application/vnd.oci.image.config.v1+json",
  OciLayer: "application/vnd.oci.image.layer.v1.tar",
  OciLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  OciLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  OciLayerNondistributable: "application/vnd.oci.image.layer.nondistributable.v1.tar",
  OciLayerNondistributableGzip: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  OciLayerNondistributableZstd: "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
  OciEmpty: "application/vnd.oci.empty.v1+json"
};
var MANIFEST_ACCEPT = [
  MediaType.OciIndex,
  MediaType.OciManifest,
  MediaType.DockerManifestList,
  MediaType.DockerManifest
];
function isIndex(mediaType) {
  return mediaType === MediaType.OciIndex || mediaType === MediaType.DockerManifestList;
}
function isImageManifest(mediaType) {
  return mediaType === MediaType.OciManifest || mediaType === MediaType.DockerManifest;
}
function isSchema1(mediaType) {
  return mediaType === MediaType.DockerSchema1 || mediaType === MediaType.DockerSchema1Signed;
}
function isForeignLayer(mediaType) {
  return mediaType === MediaType.DockerForeignLayer || mediaType === MediaType.OciLayerNondistributable || mediaType === MediaType.OciLayerNondistributableGzip || mediaType === MediaType.OciLayerNondistributableZstd;
}
var OCI_ARTIFACT_MANIFEST = "application/vnd.oci.artifact.manifest.v1+json";
var MANIFEST_ACCEPT_ALL = [...MANIFEST_ACCEPT, OCI_ARTIFACT_MANIFEST];

// src/oci/platform.ts
import { createHash } from "node:crypto";
var ARCH_ALIASES = new Map(
  Object.entries({
    x86_64: { architecture: "amd64" },
    "x86-64": { architecture: "amd64" },
    x64: { architecture: "amd64" },
    aarch64: { architecture: "arm64" },
    armhf: { architecture: "arm", variant: "v7" },
    armv7: { architecture: "arm", variant: "v7" },
    armv7l: { architecture: "arm", variant: "v7" },
    armel: { architecture: "arm", variant: "v6" },
    armv6: { architecture: "arm", variant: "v6" },
    armv6l: { architecture: "arm", variant: "v6" },
    i386: { architecture: "386" },
    i686: { architecture: "386" },
    ppc64el: { architecture: "ppc64le" }
  })
);
var OS_ALIASES = /* @__PURE__ */ new Map([["macos", "darwin"]]);
var AMBIGUOUS = /* @__PURE__ */ new Map([
  ["x86", ["386", "amd64"]],
  ["armv8", ["arm64", "arm/v8"]]
]);
var DEFAULT_VARIANT = /* @__PURE__ */ new Map([
  ["arm64", "v8"],
  ["amd64", "v1"]
]);
var KNOWN_ARCHES = new Set(
  "386 amd64 arm arm64 loong64 mips mips64 mips64le mipsle ppc64 ppc64le riscv64 s390x wasm".split(" ")
);
var PART = /^[a-z0-9._-]+$/;
function normalizePlatform(p) {
  const lower = (v) => typeof v === "string" ? v.toLowerCase() : "";
  const os = lower(p.os);
  const arch = lower(p.architecture);
  const alias = ARCH_ALIASES.get(arch);
  const out = { os: OS_ALIASES.get(os) ?? os, architecture: alias?.architecture ?? arch };
  const variant = lower(p.variant) || alias?.variant;
  if (variant) out.variant = variant;
  return out;
}
function parsePlatform(s) {
  const text = s.trim();
  const parts = text.toLowerCase().split("/");
  const bad = (why) => new Error(`invalid platform "${s}": ${why}`);
  const form = "expected os/arch or os/arch/variant";
  const alone = parts.length === 1 ? ARCH_ALIASES.get(parts[0]) ?? { architecture: parts[0] } : void 0;
  if (alone && KNOWN_ARCHES.has(alone.architecture)) {
    throw bad(`${form} (did you mean "linux/${formatArch(alone)}"?)`);
  }
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !PART.test(p))) {
    throw bad(`${form}, e.g. linux/arm64 or linux/arm/v7`);
  }
  const [os, arch, variant] = parts;
  const readings = AMBIGUOUS.get(arch);
  if (readings) {
    const guesses = readings.map((r) => `"${os}/${r}"`).join(" or ");
    throw bad(`"${arch}" names more than one architecture (did you mean ${guesses}?)`);
  }
  const alias = ARCH_ALIASES.get(arch);
  if (alias?.variant && variant && variant !== alias.variant) {
    const fix = `${os}/${alias.architecture}/${variant}`;
    throw bad(`"${arch}" is ${formatArch(alias)}, not variant ${variant} (did you mean "${fix}"?)`);
  }
  return normalizePlatform({ os, architecture: arch, ...variant ? { variant } : {} });
}
function formatArch(a) {
  return a.variant ? `${a.architecture}/${a.variant}` : a.architecture;
}
function formatPlatform(p) {
  if (!p) return "unknown";
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}
function variantOf(p) {
  return p.variant ?? DEFAULT_VARIANT.get(p.architecture);
}
function platformMatches(want, have) {
  if (!have) return false;
  const w = normalizePlatform(want);
  const h = normalizePlatform(have);
  if (w.os !== h.os || w.architecture !== h.architecture) return false;
  return w.variant === void 0 || w.variant === variantOf(h);
}
function isAttestationEntry(d) {
  if (d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") return true;
  return d.platform?.os === "unknown" && d.platform?.architecture === "unknown";
}
function selectEntries(entries, wanted, keepAttestations) {
  const images = entries.filter((d) => !isAttestationEntry(d));
  const chosen = new Set(
    images.filter((d) => wanted === "all" || wanted.some((w) => platformMatches(w, d.platform))).map((d) => d.digest)
  );
  if (chosen.size === 0 && wanted !== "all") {
    const offered = [...new Set(images.map((d) => formatPlatform(d.platform)))].join(", ") || "no platform entries";
    const asked = wanted.map(formatPlatform).join(", ");
    throw new Error(`no platform matches ${asked}; the image has: ${offered}`);
  }
  const sel = { kept: [], images: [], dropped: [] };
  for (const d of entries) {
    if (isAttestationEntry(d)) {
      const target = d.annotations?.["vnd.docker.reference.digest"];
      const tied = target ? chosen.has(target) : wanted === "all";
      if (keepAttestations && tied) sel.kept.push(d);
      else sel.dropped.push({ desc: d, reason: keepAttestations ? "platform" : "attestation" });
    } else if (chosen.has(d.digest)) {
      sel.kept.push(d);
      sel.images.push(d);
    } else {
      sel.dropped.push({ desc: d, reason: "platform" });
    }
  }
  return sel;
}
function sha256Digest(bytes) {
  return "sha256:" + createHash("sha256").update(bytes).digest("hex");
}
function rewriteIndex(original, kept) {
  const obj = JSON.parse(original.bytes.toString("utf8"));
  const byDigest = new Map(obj.manifests.map((d) => [d.digest, d]));
  obj.manifests = kept.map((d) => byDigest.get(d.digest) ?? d);
  const bytes = Buffer.from(JSON.stringify(obj, null, 2));
  return { bytes, mediaType: original.mediaType, digest: sha256Digest(bytes) };
}

// src/oci/deadline.ts
import { AsyncLocalStorage } from "node:async_hooks";
var DEADLINE_CODE = "MIRROR_IMAGE_DEADLINE";
var DeadlineError = class extends Error {
  /** `setting`: the option that set it (`image-timeout`); `ms`: its value. */
  constructor(setting, ms, image) {
    super(`${setting} (${formatMs(ms)}) fired: the copy of ${image} did not finish within ${formatMs(ms)}`);
    this.setting = setting;
    this.ms = ms;
    this.image = image;
    this.name = "DeadlineError";
  }
  setting;
  ms;
  image;
  code = DEADLINE_CODE;
  retryable = false;
};
var DeadlineScope = class {
  constructor(signal) {
    this.signal = signal;
  }
  signal;
  busy = /* @__PURE__ */ new Map();
  /** A request to `host` starts; the function returned ends it (once, however often it is called). */
  enter(host) {
    this.busy.set(host, (this.busy.get(host) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const n = (this.busy.get(host) ?? 1) - 1;
      if (n > 0) this.busy.set(host, n);
      else this.busy.delete(host);
    };
  }
  /** Hosts with requests in flight, in the order they were first entered. */
  hosts() {
    return [...this.busy.keys()];
  }
};
function formatMs(ms) {
  if (ms < 1e3) return `${ms}ms`;
  const s = ms / 1e3;
  if (s < 60 || !Number.isInteger(s)) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor(s % 3600 / 60);
  const rest = s % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${rest ? `${rest}s` : ""}`;
}
var store = new AsyncLocalStorage();
function withDeadline(scope, fn) {
  return scope ? store.run(scope, fn) : fn();
}
function currentSignal() {
  return store.getStore()?.signal;
}
var nothing = () => {
};
function enterHost(host) {
  return store.getStore()?.enter(host) ?? nothing;
}
function checkDeadline() {
  const s = store.getStore()?.signal;
  if (s?.aborted) throw s.reason;
}
function deadlineOf(err) {
  for (const e of causes(err)) if (e instanceof DeadlineError) return e;
  return void 0;
}
function foreignDeadline(err) {
  const d = deadlineOf(err);
  return d !== void 0 && currentSignal()?.reason !== d;
}
async function ownResult(shared, again) {
  try {
    return await shared;
  } catch (e) {
    if (foreignDeadline(e)) return again();
    throw e;
  }
}

// src/oci/manifest.ts
import { createHash as createHash2 } from "node:crypto";
var MANIFEST_LIMIT = 4 * 1024 * 1024;
function digestOf(bytes, algorithm = "sha256") {
  return `${algorithm}:${createHash2(algorithm).update(bytes).digest("hex")}`;
}
function algorithmOf(digest) {
  const algo = digest.split(":")[0] ?? "";
  if (algo !== "sha256" && algo !== "sha512")
    throw new Error(`unsupported digest algorithm in ${JSON.stringify(digest.slice(0, 80))}`);
  return algo;
}
var GENERIC = /* @__PURE__ */ new Set([
  "",
  "application/json",
  "text/plain",
  "application/octet-stream",
  "binary/octet-stream"
]);
function baseMediaType(contentType) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
var Schema1Error = class extends Error {
  constructor(what) {
    super(
      `${what} is a Docker schema 1 manifest: this format is deprecated and not supported; rebuild or re-push the image with a current Docker/buildx to get a schema 2 or OCI manifest`
    );
    this.name = "Schema1Error";
  }
};
function detectMediaType(bytes, contentType, what) {
  const ct = baseMediaType(contentType);
  if (isSchema1(ct)) throw new Schema1Error(what);
  let j;
  try {
    j = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new Error(`${what}: manifest is not valid JSON`, { cause: e });
  }
  if (j === null || typeof j !== "object") throw new Error(`${what}: manifest is not a JSON object`);
  if (j.schemaVersion === 1) throw new Schema1Error(what);
  if (typeof j.mediaType === "string" && j.mediaType !== "") {
    if (isSchema1(j.mediaType)) throw new Schema1Error(what);
    return j.mediaType;
  }
  if (!GENERIC.has(ct)) return ct;
  if (Array.isArray(j.manifests)) return MediaType.OciIndex;
  if (j.config && typeof j.config === "object") return MediaType.OciManifest;
  throw new Error(
    `${what}: cannot tell the manifest's media type (no mediaType field, Content-Type ${JSON.stringify(ct)})`
  );
}

// src/oci/reference.ts
var ReferenceError = class extends Error {
  constructor(input, reason) {
    super(`invalid reference ${JSON.stringify(clip(input))}: ${reason}`);
    this.input = input;
    this.name = "ReferenceError";
  }
  input;
};
var DOCKER_HUB = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com"
]);
var NAME_TOTAL_LENGTH_MAX = 255;
var TAG_MAX = 128;
var COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var DOMAIN_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var HOST = new RegExp(`^(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
var TAG = /^[\w][\w.-]{0,127}$/;
var DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
function registryKey(host) {
  let h = host.trim();
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = h.indexOf("/");
  if (slash >= 0) h = h.slice(0, slash);
  h = h.toLowerCase();
  if (DOCKER_HUB_ALIASES.has(h)) return DOCKER_HUB;
  return h;
}
function isValidTag(s) {
  return TAG.test(s);
}
function isLoopbackHost(host) {
  let h = host.toLowerCase();
  if (h.startsWith("[")) h = h.slice(1, h.indexOf("]"));
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d*$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
function parseReference(s, opts = {}) {
  if (typeof s !== "string") throw new ReferenceError(String(s), "not a string");
  const input = s.startsWith("docker://") ? s.slice("docker://".length) : s;
  if (input === "") throw new ReferenceError(s, "empty reference");
  if (/\s/.test(input)) throw new ReferenceError(s, "contains whitespace");
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input)?.[0] ?? "";
  const firstSlash = input.indexOf("/", scheme.length);
  const userinfoEnd = firstSlash < 0 ? -1 : input.lastIndexOf("@", firstSlash);
  if (userinfoEnd >= scheme.length) {
    throw new ReferenceError(
      `${scheme}REDACTED@${input.slice(userinfoEnd + 1)}`,
      "credentials do not belong in an image reference; give them in a credentials file or with docker login"
    );
  }
  let rest = input;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    validateDigest(s, digest);
  }
  let tag;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.indexOf(":", lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag.length > TAG_MAX) throw new ReferenceError(s, `tag is longer than ${TAG_MAX} characters`);
    if (!TAG.test(tag)) {
      throw new ReferenceError(
        s,
        `invalid tag ${JSON.stringify(clip(tag))} (allowed: letters, digits, '_', '.', '-'; not starting with '.' or '-')`
      );
    }
  }
  if (rest === "") throw new ReferenceError(s, "missing repository name");
  if (rest.length > NAME_TOTAL_LENGTH_MAX) {
    throw new ReferenceError(s, `repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  let host = "docker.io";
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
      if (!first.includes(".") && !first.includes(":") && first !== "localhost") {
        throw new ReferenceError(s, "repository name must be lowercase");
      }
      host = first;
      path = rest.slice(slash + 1);
      if (!HOST.test(host)) throw new ReferenceError(s, `invalid registry host ${JSON.stringify(clip(host))}`);
    }
  }
  if (path === "") throw new ReferenceError(s, "missing repository name");
  for (const component of path.split("/")) {
    if (component === "") throw new ReferenceError(s, "empty path component in repository name");
    if (component !== component.toLowerCase()) {
      throw new ReferenceError(s, "repository name must be lowercase");
    }
    if (!COMPONENT.test(component)) {
      throw new ReferenceError(
        s,
        `invalid repository name component ${JSON.stringify(clip(component))} (allowed: lowercase letters, digits, separated by '.', '_', '__' or '-')`
      );
    }
  }
  const registry = registryKey(host);
  if (registry === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  if (tag === void 0 && digest === void 0 && opts.defaultTag !== false) tag = "latest";
  const ref = { registry, repository: path };
  if (tag !== void 0) ref.tag = tag;
  if (digest !== void 0) ref.digest = digest;
  return ref;
}
function validateDigest(input, digest) {
  if (!DIGEST.test(digest)) throw new ReferenceError(input, `invalid digest ${JSON.stringify(clip(digest))}`);
  const [algo, hex] = digest.split(":");
  const len = algo === "sha256" ? 64 : algo === "sha512" ? 128 : void 0;
  if (len === void 0)
    throw new ReferenceError(input, `unsupported digest algorithm ${JSON.stringify(clip(algo))}`);
  if (hex.length !== len || !/^[a-f0-9]+$/.test(hex)) {
    throw new ReferenceError(input, `invalid ${algo} digest: expected ${len} lowercase hex characters`);
  }
}
function familiarRegistry(registry) {
  return registry === DOCKER_HUB ? "docker.io" : registry;
}
function formatReference(r) {
  let s = `${familiarRegistry(r.registry)}/${r.repository}`;
  if (r.tag !== void 0) s += `:${r.tag}`;
  if (r.digest !== void 0) s += `@${r.digest}`;
  return s;
}
function formatRepository(registry, repository) {
  return `${familiarRegistry(registry)}/${repository}`;
}
function clip(s) {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export {
  SLOW_BODY_CODE,
  causes,
  errorCode,
  statusOf,
  sideOf,
  isRetryableStatus,
  isRetryable,
  spent,
  isTlsVerifyError,
  answeredInPlainHttp,
  rateLimited,
  DeadlineError,
  DeadlineScope,
  formatMs,
  withDeadline,
  currentSignal,
  enterHost,
  checkDeadline,
  deadlineOf,
  ownResult,
  parseRetryAfter,
  pullQuotaSpent,
  RetryPolicy,
  MediaType,
  isIndex,
  isImageManifest,
  isSchema1,
  isForeignLayer,
  MANIFEST_ACCEPT_ALL,
  MANIFEST_LIMIT,
  digestOf,
  algorithmOf,
  baseMediaType,
  Schema1Error,
  detectMediaType,
  parsePlatform,
  formatPlatform,
  platformMatches,
  isAttestationEntry,
  selectEntries,
  sha256Digest,
  rewriteIndex,
  DOCKER_HUB,
  registryKey,
  isValidTag,
  isLoopbackHost,
  parseReference,
  familiarRegistry,
  formatReference,
  formatRepository
};
