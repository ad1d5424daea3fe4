import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);

// src/registry/mediatypes.ts
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

// src/transports/paths.ts
import { realpath } from "node:fs/promises";
import path from "node:path";
var PathError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "PathError";
  }
};
var DIGEST_HEX = { sha256: 64, sha512: 128 };
function parseDigest(digest, where) {
  if (typeof digest !== "string") throw new PathError(`${where}: digest is not a string`);
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest);
  if (!m || DIGEST_HEX[m[1]] !== m[2].length) {
    throw new PathError(`${where}: invalid digest ${JSON.stringify(digest.slice(0, 200))}`);
  }
  return { algorithm: m[1], hex: m[2] };
}
var REF_COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
var REF_NAME = new RegExp(`^${REF_COMPONENT}(?:/${REF_COMPONENT})*$`);
function validateOciRefName(ref, where) {
  if (ref.length > 512 || !REF_NAME.test(ref)) {
    throw new PathError(
      `${where}: invalid OCI reference name ${JSON.stringify(ref.slice(0, 200))} (letters, digits and single [-._:@+] separators between them, components split by /)`
    );
  }
  return ref;
}
function normaliseArchivePath(name, where) {
  if (name.includes("\0")) throw new PathError(`${where}: NUL byte in path`);
  if (name.startsWith("/") || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith("\\")) {
    throw new PathError(`${where}: absolute path ${JSON.stringify(name)} is not allowed`);
  }
  const parts = [];
  for (const seg of name.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      throw new PathError(`${where}: path ${JSON.stringify(name)} escapes the archive ('..')`);
    }
    parts.push(seg);
  }
  if (parts.length === 0) throw new PathError(`${where}: empty path ${JSON.stringify(name)}`);
  return parts.join("/");
}
function resolveArchiveLink(linkPath, target, where) {
  if (target.startsWith("/") || /^[A-Za-z]:[\\/]/.test(target) || target.includes("\0")) {
    throw new PathError(`${where}: link ${linkPath} -> ${target} points outside the archive`);
  }
  const parts = linkPath.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) {
        throw new PathError(`${where}: link ${linkPath} -> ${target} points outside the archive`);
      }
      parts.pop();
    } else parts.push(seg);
  }
  if (parts.length === 0) throw new PathError(`${where}: link ${linkPath} -> ${target} is empty`);
  return parts.join("/");
}
function confinedJoin(root, ...segments) {
  const base = path.resolve(root);
  for (const s of segments) {
    if (s.includes("\0") || path.isAbsolute(s) || s.split(/[\\/]/).includes("..")) {
      throw new PathError(`${root}: path ${JSON.stringify(s)} escapes the directory`);
    }
  }
  const full = path.resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new PathError(`${root}: path ${JSON.stringify(segments.join("/"))} escapes the directory`);
  }
  return full;
}
async function assertRealInside(root, p) {
  const realRoot = await realpath(root);
  let real;
  try {
    real = await realpath(p);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
    real = path.join(await realpath(path.dirname(p)), path.basename(p));
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw new PathError(`${root}: ${path.relative(root, p)} resolves outside the directory`);
  }
}

// src/transports/verify.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";

// src/registry/scavenge.ts
var EVERY_BYTES = 16 * 1024 * 1024;
var gc;
var sinceLast = 0;
function lookup() {
  try {
    process.getBuiltinModule("node:v8").setFlagsFromString("--expose-gc");
    const vm = process.getBuiltinModule("node:vm");
    const fn = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    return fn ?? null;
  } catch {
    return null;
  }
}
function streamed(bytes) {
  sinceLast += bytes;
  if (sinceLast < EVERY_BYTES) return;
  sinceLast = 0;
  if (gc === void 0) gc = lookup();
  gc?.({ type: "minor", execution: "sync" });
}

// src/transports/verify.ts
var DigestMismatchError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "DigestMismatchError";
  }
};
function digestOf(bytes, algorithm = "sha256") {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest("hex")}`;
}
function checkBytes(bytes, digest, size, what) {
  const { algorithm } = parseDigest(digest, what);
  if (size !== void 0 && bytes.length !== size) {
    throw new DigestMismatchError(`${what}: size ${bytes.length} does not match ${size} for ${digest}`);
  }
  const got = digestOf(bytes, algorithm);
  if (got !== digest)
    throw new DigestMismatchError(`${what}: digest mismatch: expected ${digest}, got ${got}`);
}
var VerifyStream = class extends Transform {
  constructor(desc, what) {
    super();
    this.desc = desc;
    this.what = what;
    this.algorithm = parseDigest(desc.digest, what).algorithm;
    this.hash = createHash(this.algorithm);
  }
  desc;
  what;
  hash;
  algorithm;
  seen = 0;
  /** The hex digest, set once the stream ended verified. */
  verified = false;
  _transform(chunk, _enc, cb) {
    this.seen += chunk.length;
    if (this.seen > this.desc.size) {
      cb(
        new DigestMismatchError(
          `${this.what}: more than the expected ${this.desc.size} bytes for ${this.desc.digest}`
        )
      );
      return;
    }
    this.hash.update(chunk);
    streamed(chunk.length);
    cb(null, chunk);
  }
  _flush(cb) {
    if (this.seen !== this.desc.size) {
      cb(
        new DigestMismatchError(
          `${this.what}: got ${this.seen} bytes, expected ${this.desc.size} for ${this.desc.digest}`
        )
      );
      return;
    }
    const got = `${this.algorithm}:${this.hash.digest("hex")}`;
    if (got !== this.desc.digest) {
      cb(new DigestMismatchError(`${this.what}: digest mismatch: expected ${this.desc.digest}, got ${got}`));
      return;
    }
    this.verified = true;
    cb();
  }
};
function parseJsonText(text, file) {
  try {
    return JSON.parse(text);
  } catch (err) {
    const pos = jsonErrorOffset(text);
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const col = pos - before.lastIndexOf("\n");
    throw new Error(`${file}:${line}:${col}: invalid JSON: ${err.message}`, { cause: err });
  }
}
function jsonErrorOffset(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && " 	\n\r".includes(text[i])) i++;
  };
  const fail = () => {
    throw i;
  };
  const lit = (word) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const str = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 32) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const num = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m[0].length;
  };
  const value = (depth) => {
    if (depth > 1e3) fail();
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (; ; ) {
        if (c === "{") {
          ws();
          str();
          ws();
          if (text[i] !== ":") fail();
          i++;
        }
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === "t") lit("true");
    else if (c === "f") lit("false");
    else if (c === "n") lit("null");
    else num();
  };
  try {
    value(0);
    ws();
    return i;
  } catch (pos) {
    if (typeof pos === "number") return pos;
    throw pos;
  }
}
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

// src/transports/manifest-util.ts
function parseManifest(bytes, what) {
  const json = parseJsonText(bytes.toString("utf8"), what);
  if (!isObject(json)) throw new Error(`${what}: manifest is not a JSON object`);
  const m = json;
  for (const d of descriptorsOf(m)) checkDescriptor(d, what);
  if (m.subject !== void 0) checkDescriptor(m.subject, what);
  return m;
}
function checkDescriptor(d, what) {
  if (!isObject(d)) throw new Error(`${what}: descriptor is not an object`);
  parseDigest(d.digest, what);
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new Error(`${what}: descriptor ${String(d.digest)} has an invalid size`);
  }
  if (typeof d.mediaType !== "string")
    throw new Error(`${what}: descriptor ${String(d.digest)} has no mediaType`);
  return d;
}
function manifestMediaType(m, fallback) {
  if (typeof m.mediaType === "string" && m.mediaType) return m.mediaType;
  if (fallback) return fallback;
  if (Array.isArray(m.manifests)) return MediaType.OciIndex;
  return MediaType.OciManifest;
}
function descriptorsOf(m) {
  if (m.manifests !== void 0 && !Array.isArray(m.manifests)) throw new Error("manifests is not an array");
  if (m.layers !== void 0 && !Array.isArray(m.layers)) throw new Error("layers is not an array");
  const out = [...m.manifests ?? []];
  if (m.config) out.push(m.config);
  out.push(...m.layers ?? []);
  return out;
}
function requiredBlobs(m) {
  const out = [];
  if (m.config) out.push(m.config);
  for (const l of m.layers ?? []) if (!isForeignLayer(l.mediaType) && !l.urls?.length) out.push(l);
  return out;
}
function isIndexManifest(m, mediaType) {
  return isIndex(mediaType) || Array.isArray(m.manifests);
}
function platformString(p) {
  if (!p) return "unknown";
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}
function isAttestation(d) {
  return d.platform?.os === "unknown" || d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest";
}
function platformMatches(want, have) {
  if (!have) return false;
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return !want.variant || want.variant === have.variant;
}
async function assertComplete(desc, io, name, depth = 0, root = desc.digest) {
  if (depth > 4) throw new Error(`${name}: manifest ${desc.digest} nests more than 4 indexes`);
  const json = await io.manifest(desc);
  if (isIndexManifest(json, desc.mediaType)) {
    for (const child of json.manifests ?? []) await assertComplete(child, io, name, depth + 1, root);
    return;
  }
  for (const b of requiredBlobs(json)) {
    if (!await io.hasBlob(b)) {
      const of = desc.digest === root ? "" : ` of ${desc.digest}`;
      throw new Error(`${name}: not publishing ${root}: blob ${b.digest} (${b.mediaType})${of} is missing`);
    }
  }
}

export {
  MediaType,
  isIndex,
  isImageManifest,
  isSchema1,
  isForeignLayer,
  MANIFEST_ACCEPT_ALL,
  PathError,
  parseDigest,
  validateOciRefName,
  normaliseArchivePath,
  resolveArchiveLink,
  confinedJoin,
  assertRealInside,
  streamed,
  digestOf,
  checkBytes,
  VerifyStream,
  parseJsonText,
  isObject,
  parseManifest,
  checkDescriptor,
  manifestMediaType,
  descriptorsOf,
  requiredBlobs,
  isIndexManifest,
  platformString,
  isAttestation,
  platformMatches,
  assertComplete
};
