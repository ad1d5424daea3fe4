import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  BlobNotFoundError,
  MAX_MANIFEST_BYTES,
  PathError,
  checkBytes,
  digestOf,
  isIndexManifest,
  isObject,
  manifestMediaType,
  normaliseArchivePath,
  openFileRange,
  parseJsonText,
  parseManifest,
  requiredBlobs,
  resolveArchiveLink
} from "./chunk-JP4LBSLD.js";
import {
  DOCKER_HUB,
  MediaType,
  familiarRegistry,
  formatPlatform,
  isAttestationEntry,
  parseReference,
  platformMatches
} from "./chunk-GLN5MOBS.js";

// src/transports/docker-archive/common.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open as open2 } from "node:fs/promises";

// src/transports/docker-archive/tar-index.ts
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

// src/transports/docker-archive/common.ts
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

// src/transports/docker-archive/oci.ts
var MAX_CANDIDATES = 256;
function blobMember(members, digest) {
  const m = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!m || !members.has(`blobs/${m[1]}/${m[2]}`)) return void 0;
  try {
    return lookupFile(members, `blobs/${m[1]}/${m[2]}`, "");
  } catch {
    return void 0;
  }
}
function describes(json, configDigest, layers, members) {
  if (json.config?.digest !== configDigest || json.layers?.length !== layers.length) return false;
  return json.layers.every((l, k) => {
    const m = blobMember(members, l.digest);
    return m !== void 0 && m.size === l.size && m.offset === layers[k].offset;
  });
}
async function findArchiveTree(file, members, configDigest, layers, name) {
  const indexMember = members.get("index.json");
  if (!indexMember || indexMember.type !== "file") return void 0;
  const index = parseJsonText(
    (await readMember(file, indexMember, 64 * 1024 * 1024, "index.json")).toString("utf8"),
    `${file}: index.json`
  );
  if (!isObject(index) || !Array.isArray(index.manifests)) return void 0;
  const candidates = index.manifests.filter(
    (d) => isObject(d) && typeof d.digest === "string"
  );
  const read = async (d) => {
    const member = blobMember(members, d.digest);
    if (!member || member.size > MAX_MANIFEST_BYTES) return void 0;
    const bytes = await readMember(file, member, MAX_MANIFEST_BYTES, `manifest ${d.digest}`);
    checkBytes(bytes, d.digest, void 0, `${name}: manifest ${d.digest}`);
    const json = parseManifest(bytes, `${name}: manifest ${d.digest}`);
    return { m: { bytes, digest: d.digest, mediaType: manifestMediaType(json, d.mediaType) }, json };
  };
  for (let i = 0; i < candidates.length && i < MAX_CANDIDATES; i++) {
    const top = await read(candidates[i]);
    if (!top) continue;
    const tree = { top: top.m, manifests: /* @__PURE__ */ new Map([[top.m.digest, top.m]]), blobs: /* @__PURE__ */ new Map() };
    let complete = true;
    let found = false;
    const images = [];
    if (isIndexManifest(top.json, top.m.mediaType)) {
      for (const c of top.json.manifests ?? []) {
        const child = await read(c);
        if (!child || isIndexManifest(child.json, child.m.mediaType)) {
          complete = false;
          continue;
        }
        tree.manifests.set(c.digest, child.m);
        images.push(child.json);
      }
    } else images.push(top.json);
    for (const img of images) {
      if (describes(img, configDigest, layers, members)) found = true;
      for (const b of requiredBlobs(img)) {
        const m = blobMember(members, b.digest);
        if (!m || m.size !== b.size) complete = false;
        else tree.blobs.set(b.digest, { member: m, size: m.size });
      }
    }
    if (complete && found) return tree;
    if (!complete && isIndexManifest(top.json, top.m.mediaType)) {
      candidates.push(...(top.json.manifests ?? []).filter((c) => !isAttestationEntry(c)));
    }
  }
  return void 0;
}

// src/transports/docker-archive/source.ts
var MAX_JSON = 32 * 1024 * 1024;
function archiveName(file, ref) {
  return `docker-archive:${file}${ref ? `:${ref}` : ""}`;
}
function parseItems(bytes, where) {
  const json = parseJsonText(bytes.toString("utf8"), where);
  if (!Array.isArray(json)) throw new Error(`${where}: expected a JSON array of images`);
  return json.map((it, i) => {
    const at = `${where}: [${i}]`;
    if (!isObject(it) || typeof it.Config !== "string") throw new Error(`${at}: missing Config`);
    if (!Array.isArray(it.Layers) || it.Layers.some((l) => typeof l !== "string"))
      throw new Error(`${at}: Layers must be a list of paths`);
    const tags = it.RepoTags ?? [];
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string"))
      throw new Error(`${at}: RepoTags must be a list of names`);
    return { Config: it.Config, RepoTags: tags, Layers: it.Layers };
  });
}
function selectItem(items, ref, name) {
  const list = () => items.map((it, i) => it.RepoTags.length ? it.RepoTags.join(", ") : `@${i} (untagged)`).join("; ");
  if (ref === void 0) {
    if (items.length === 1) return items[0];
    if (items.length === 0) throw new Error(`${name}: the archive holds no image`);
    throw new Error(
      `${name}: the archive holds ${items.length} images; choose one with docker-archive:FILE:NAME:TAG or :@N (${list()})`
    );
  }
  const at = /^@(\d+)$/.exec(ref);
  const hit = at ? items[Number(at[1])] : items.find((it) => it.RepoTags.some((t) => sameArchiveName(t, ref)));
  if (!hit) throw new Error(`${name}: no image ${ref} in the archive (images: ${list() || "none"})`);
  return hit;
}
async function openDockerArchiveSource(file, ref, platforms) {
  const name = archiveName(file, ref);
  let members;
  try {
    members = await indexTar(file);
  } catch (err) {
    if (err.code === "ENOENT")
      throw new Error(`${name}: ${file} does not exist`, { cause: err });
    throw err;
  }
  const manifestMember = members.get("manifest.json");
  if (!manifestMember) throw new Error(`${name}: not a docker-archive (no manifest.json)`);
  const item = selectItem(
    parseItems(
      await readMember(file, lookupFile(members, "manifest.json", file), MAX_JSON, "manifest.json"),
      `${file}: manifest.json`
    ),
    ref,
    name
  );
  const blobs = /* @__PURE__ */ new Map();
  const configMember = lookupFile(members, item.Config, file);
  const configBytes = await readMember(file, configMember, MAX_JSON, `config ${item.Config}`);
  const configDigest = digestOf(configBytes);
  const named = digestFromBlobPath(configMember.name);
  if (named && named !== configDigest)
    throw new Error(`${name}: config ${item.Config} does not match its digest`);
  blobs.set(configDigest, { member: configMember, size: configMember.size });
  const config = parseJsonText(configBytes.toString("utf8"), `${file}: ${item.Config}`);
  if (!isObject(config)) throw new Error(`${name}: config ${item.Config} is not a JSON object`);
  const platform = {
    os: String(config.os ?? ""),
    architecture: String(config.architecture ?? ""),
    ...typeof config.variant === "string" ? { variant: config.variant } : {}
  };
  if (platforms?.length && !platforms.some((p) => platformMatches(p, platform))) {
    throw new Error(
      `${name}: the archive holds ${formatPlatform(platform)} only, not ${platforms.map(formatPlatform).join(", ")}`
    );
  }
  const layerMembers = item.Layers.map((l) => lookupFile(members, l, file));
  const tree = await findArchiveTree(file, members, configDigest, layerMembers, name);
  if (tree) {
    for (const [d, b] of tree.blobs) blobs.set(d, b);
    return new DockerArchiveSource(file, name, tree.top, tree.manifests, blobs);
  }
  const manifest = await synthesise(file, layerMembers, configDigest, configBytes.length, blobs);
  return new DockerArchiveSource(file, name, manifest, /* @__PURE__ */ new Map([[manifest.digest, manifest]]), blobs);
}
async function synthesise(file, layers, configDigest, configSize, blobs) {
  const magics = await Promise.all(layers.map((l) => readMagic(file, l)));
  const oci = magics.some(isZstd);
  const descs = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const digest = digestFromBlobPath(l.name) ?? await hashMember(file, l);
    blobs.set(digest, { member: l, size: l.size });
    descs.push({ mediaType: layerMediaType(magics[i], oci), size: l.size, digest });
  }
  const json = {
    schemaVersion: 2,
    mediaType: oci ? MediaType.OciManifest : MediaType.DockerManifest,
    config: {
      mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig,
      size: configSize,
      digest: configDigest
    },
    layers: descs
  };
  const bytes = Buffer.from(JSON.stringify(json, null, 3));
  return { bytes, digest: digestOf(bytes), mediaType: json.mediaType };
}
var DockerArchiveSource = class {
  constructor(file, name, manifest, manifests, blobs) {
    this.file = file;
    this.name = name;
    this.manifest = manifest;
    this.manifests = manifests;
    this.blobs = blobs;
  }
  file;
  name;
  manifest;
  manifests;
  blobs;
  async resolve() {
    return {
      mediaType: this.manifest.mediaType,
      digest: this.manifest.digest,
      size: this.manifest.bytes.length
    };
  }
  async getManifest(digest) {
    if (digest === void 0) return this.manifest;
    const m = this.manifests.get(digest);
    if (m) return m;
    throw new BlobNotFoundError(`${this.name}: manifest ${digest} is not in the archive`);
  }
  async getBlob(desc) {
    const b = this.blobs.get(desc.digest);
    if (!b) throw new BlobNotFoundError(`${this.name}: blob ${desc.digest} is not in the archive`);
    if (b.size !== desc.size) {
      throw new Error(
        `${this.name}: blob ${desc.digest} is ${b.size} bytes in the archive, the descriptor says ${desc.size}`
      );
    }
    return openFileRange(this.file, b.member.offset, desc, this.name);
  }
  async close() {
  }
};

export {
  indexTar,
  parseArchiveName,
  archiveName,
  openDockerArchiveSource
};
