import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  MediaType,
  PathError,
  normaliseArchivePath,
  resolveArchiveLink
} from "./chunk-IJFWYFFP.js";

// src/transports/tar-index.ts
import { open } from "node:fs/promises";
var BLOCK = 512;
var MAX_MEMBERS = 2e5;
var MAX_META = 1024 * 1024;
var MAX_LINK_HOPS = 16;
var TarFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "TarFormatError";
  }
};
function str(buf, off, len) {
  const end = buf.indexOf(0, off);
  return buf.toString("utf8", off, end < 0 || end > off + len ? off + len : end);
}
function num(buf, off, len, file, at) {
  if (buf[off] & 128) {
    let v = buf[off] & 127;
    for (let i = 1; i < len; i++) v = v * 256 + buf[off + i];
    if (!Number.isSafeInteger(v)) throw new TarFormatError(`${file}: tar size too large at offset ${at}`);
    return v;
  }
  const s = str(buf, off, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s))
    throw new TarFormatError(`${file}: corrupt tar header at offset ${at} (bad number ${JSON.stringify(s)})`);
  return Number.parseInt(s, 8);
}
function checksumOk(h, file, at) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === num(h, 148, 8, file, at);
}
function parsePax(data) {
  const out = {};
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(32, pos);
    if (sp < 0) break;
    const len = Number.parseInt(data.toString("utf8", pos, sp), 10);
    if (!len || pos + len > data.length) break;
    const rec = data.toString("utf8", sp + 1, pos + len - 1);
    const eq = rec.indexOf("=");
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    pos += len;
  }
  return out;
}
async function readAt(fh, pos, len) {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  return bytesRead === len ? buf : buf.subarray(0, bytesRead);
}
async function indexTar(file) {
  const fh = await open(file, "r");
  try {
    const fileSize = (await fh.stat()).size;
    const members = /* @__PURE__ */ new Map();
    let pos = 0;
    let longName;
    let longLink;
    let pax = {};
    for (let count = 0; ; count++) {
      if (count > MAX_MEMBERS) throw new TarFormatError(`${file}: more than ${MAX_MEMBERS} tar members`);
      const h = await readAt(fh, pos, BLOCK);
      if (h.length < BLOCK) {
        if (count === 0) throw new TarFormatError(`${file}: not a tar archive (too short)`);
        break;
      }
      if (h.every((b) => b === 0)) break;
      if (!checksumOk(h, file, pos)) {
        throw new TarFormatError(
          `${file}: ${count === 0 ? "not a tar archive" : "corrupt tar header"} at offset ${pos}`
        );
      }
      const flag = String.fromCharCode(h[156]);
      const size = pax.size !== void 0 && flag !== "x" ? Number(pax.size) : num(h, 124, 12, file, pos);
      if (!Number.isSafeInteger(size) || size < 0)
        throw new TarFormatError(`${file}: bad member size at offset ${pos}`);
      const dataAt = pos + BLOCK;
      if (dataAt + size > fileSize) throw new TarFormatError(`${file}: truncated tar member at offset ${pos}`);
      const next = dataAt + Math.ceil(size / BLOCK) * BLOCK;
      if (flag === "L" || flag === "K" || flag === "x" || flag === "g") {
        if (size > MAX_META) throw new TarFormatError(`${file}: oversized tar metadata at offset ${pos}`);
        const data = await readAt(fh, dataAt, size);
        if (flag === "L") longName = str(data, 0, data.length);
        else if (flag === "K") longLink = str(data, 0, data.length);
        else if (flag === "x") pax = parsePax(data);
        pos = next;
        continue;
      }
      const magic = h.toString("latin1", 257, 263);
      let rawName = str(h, 0, 100);
      const prefix = magic === "ustar\0" ? str(h, 345, 155) : "";
      if (prefix) rawName = `${prefix}/${rawName}`;
      rawName = pax.path ?? longName ?? rawName;
      const rawLink = pax.linkpath ?? longLink ?? str(h, 157, 100);
      longName = longLink = void 0;
      pax = {};
      const type = flag === "0" || flag === "\0" || flag === "7" ? "file" : flag === "5" ? "dir" : flag === "2" ? "symlink" : flag === "1" ? "hardlink" : "other";
      const where = `${file}: tar member at offset ${pos}`;
      if (type === "dir" && rawName.replace(/[./]/g, "") === "" && !rawName.includes("..")) {
        pos = next;
        continue;
      }
      const name = normaliseArchivePath(rawName, where);
      const member = { name, type, offset: dataAt, size: type === "file" ? size : 0 };
      if (type === "symlink") member.linkname = resolveArchiveLink(name, rawLink, `${file}: ${name}`);
      if (type === "hardlink") member.linkname = normaliseArchivePath(rawLink, `${file}: hard link ${name}`);
      members.set(name, member);
      pos = next;
    }
    return members;
  } finally {
    await fh.close();
  }
}
function lookupFile(members, name, file) {
  let cur = normaliseArchivePath(name, `${file}: ${name}`);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const m = members.get(cur);
    if (!m) throw new TarFormatError(`${file}: ${name} is not in the archive`);
    if (m.type === "file") return m;
    if ((m.type === "symlink" || m.type === "hardlink") && m.linkname) {
      cur = m.linkname;
      continue;
    }
    throw new TarFormatError(`${file}: ${name} is not a regular file`);
  }
  throw new PathError(`${file}: ${name}: too many levels of links`);
}

// src/transports/archive-common.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open as open2 } from "node:fs/promises";

// src/registry/reference.ts
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

// src/transports/archive-common.ts
function parseArchiveName(s, where) {
  let ref;
  try {
    ref = parseReference(s, { defaultTag: false });
  } catch (err) {
    throw new Error(`${where}: ${err.message}`, { cause: err });
  }
  if (ref.digest !== void 0 || ref.tag === void 0) {
    throw new Error(`${where}: the image name ${JSON.stringify(s)} must be NAME:TAG (no digest)`);
  }
  let repository = `${familiarRegistry(ref.registry)}/${ref.repository}`;
  const full = `${repository}:${ref.tag}`;
  if (ref.registry === DOCKER_HUB) repository = ref.repository.replace(/^library\//, "");
  return { full, familiar: `${repository}:${ref.tag}`, repository, tag: ref.tag };
}
function sameArchiveName(a, b) {
  try {
    return parseArchiveName(a, "").full === parseArchiveName(b, "").full;
  } catch {
    return a === b;
  }
}
function layerMediaType(magic, oci) {
  if (magic[0] === 31 && magic[1] === 139) return oci ? MediaType.OciLayerGzip : MediaType.DockerLayer;
  if (magic.readUInt32LE(0) === 4247762216) return MediaType.OciLayerZstd;
  return oci ? MediaType.OciLayer : "application/vnd.docker.image.rootfs.diff.tar";
}
function isZstd(magic) {
  return magic.length >= 4 && magic.readUInt32LE(0) === 4247762216;
}
async function readMagic(file, member) {
  const fh = await open2(file, "r");
  try {
    const b = await readAt(fh, member.offset, Math.min(4, member.size));
    return Buffer.concat([b, Buffer.alloc(4 - b.length)]);
  } finally {
    await fh.close();
  }
}
async function readMember(file, member, cap, what) {
  if (member.size > cap)
    throw new Error(`${file}: ${what} is ${member.size} bytes, over the ${cap}-byte limit`);
  const fh = await open2(file, "r");
  try {
    return await readAt(fh, member.offset, member.size);
  } finally {
    await fh.close();
  }
}
async function hashMember(file, member) {
  if (member.size === 0) return `sha256:${createHash("sha256").digest("hex")}`;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, {
    start: member.offset,
    end: member.offset + member.size - 1
  })) {
    hash.update(chunk);
  }
  return `sha256:${hash.digest("hex")}`;
}
function digestFromBlobPath(name) {
  const m = /^blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(name);
  if (!m || m[2].length !== (m[1] === "sha256" ? 64 : 128)) return void 0;
  return `${m[1]}:${m[2]}`;
}

export {
  DOCKER_HUB,
  registryKey,
  isLoopbackHost,
  parseReference,
  formatReference,
  formatRepository,
  indexTar,
  lookupFile,
  parseArchiveName,
  sameArchiveName,
  layerMediaType,
  isZstd,
  readMagic,
  readMember,
  hashMember,
  digestFromBlobPath
};
