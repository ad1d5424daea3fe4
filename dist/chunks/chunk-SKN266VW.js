import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  DESTINATION_CAPABILITIES
} from "./chunk-D2XFNDIC.js";
import {
  assertComplete,
  assertRealInside,
  blobFileOk,
  checkBytes,
  checkDescriptor,
  confinedJoin,
  descriptorsOf,
  isObject,
  manifestMediaType,
  openBlobFile,
  parseDigest,
  parseJsonText,
  parseManifest,
  readBlobFile,
  removeIfEmpty,
  sweepStaleTemps,
  validateOciRefName,
  withDirLock,
  writeBlobFile,
  writeBytesFile
} from "./chunk-JP4LBSLD.js";

// src/transports/oci-layout/index-json.ts
import { mkdir, readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
var REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
var LAYOUT_FILE = "oci-layout";
var LAYOUT_VERSION = "1.0.0";
var MAX_INDEX_BYTES = 64 * 1024 * 1024;
function emptyIndex() {
  return { schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [] };
}
function blobPath(dir, digest, where) {
  const { algorithm, hex } = parseDigest(digest, where);
  return confinedJoin(dir, "blobs", algorithm, hex);
}
async function safeBlobPath(dir, digest, where) {
  const p = blobPath(dir, digest, where);
  try {
    await assertRealInside(dir, p);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  return p;
}
async function ensureInsideDirs(dir, ...rel) {
  let cur = dir;
  for (const seg of rel) {
    cur = confinedJoin(cur, seg);
    await mkdir(cur).catch((err) => {
      if (err.code !== "EEXIST") throw err;
    });
    await assertRealInside(dir, cur);
  }
}
async function readLayoutMarker(dir) {
  const file = path.join(dir, LAYOUT_FILE);
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return false;
    throw err;
  }
  const json = parseJsonText(text, file);
  const version = isObject(json) ? json.imageLayoutVersion : void 0;
  if (typeof version !== "string" || !/^1\.\d+\.\d+$/.test(version)) {
    throw new Error(`${file}: unsupported imageLayoutVersion ${JSON.stringify(version)} (expected 1.x)`);
  }
  return true;
}
async function readIndex(dir) {
  const file = path.join(dir, "index.json");
  let st;
  try {
    st = await stat(file);
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
  if (st.size > MAX_INDEX_BYTES)
    throw new Error(`${file}: ${st.size} bytes, over the ${MAX_INDEX_BYTES}-byte limit`);
  const json = parseJsonText(await readFile(file, "utf8"), file);
  if (!isObject(json) || json.schemaVersion !== 2 || !Array.isArray(json.manifests)) {
    throw new Error(`${file}: not an OCI image index (schemaVersion 2 with a manifests array)`);
  }
  json.manifests.forEach((d, i) => checkDescriptor(d, `${file}: manifests[${i}]`));
  return json;
}
function refNameOf(d) {
  return d.annotations?.[REF_NAME_ANNOTATION];
}
function describeEntries(entries) {
  return entries.map((d) => refNameOf(d) ?? `(unnamed ${d.digest})`).join(", ");
}
async function isEmptyOrMissing(dir, ours = () => false) {
  try {
    return (await readdir(dir)).every(ours);
  } catch (err) {
    if (err.code === "ENOENT") return true;
    throw err;
  }
}

// src/transports/oci-layout/dest.ts
import { lstat, mkdir as mkdir2, realpath, stat as stat2 } from "node:fs/promises";
import path2 from "node:path";
function isFallbackTag(tag) {
  return /^sha(256|512)-[a-f0-9]{64,128}/.test(tag);
}
var LAYOUT_NAMES = /* @__PURE__ */ new Set([LAYOUT_FILE, "index.json", "index.json.lock", "blobs", "ingest"]);
async function isA(kind, p) {
  try {
    const st = await stat2(p);
    return kind === "file" ? st.isFile() : st.isDirectory();
  } catch (err) {
    if (err.code === "ENOENT") return false;
    throw err;
  }
}
async function openOciDestination(dir, ref) {
  const name = `oci:${dir}${ref ? `:${ref}` : ""}`;
  if (ref !== void 0) validateOciRefName(ref, name);
  const dest = new OciDestination(dir, name, ref);
  await dest.init();
  return dest;
}
var OciDestination = class {
  constructor(dir, name, ref) {
    this.dir = dir;
    this.name = name;
    this.ref = ref;
    this.ingest = path2.join(dir, "ingest");
  }
  dir;
  name;
  ref;
  /** The layout's real path, set by init(): every REF of one layout shares its blobs. */
  blobStore;
  capabilities = DESTINATION_CAPABILITIES.oci;
  ingest;
  algDirs = /* @__PURE__ */ new Set();
  names = /* @__PURE__ */ new Map();
  put = /* @__PURE__ */ new Map();
  /**
   * Create the layout, or take over one a killed run left half-created. Idempotent and safe against
   * other openers of the same directory (sync workers, sync shards): creation happens under the
   * layout's lock, so nobody sees a layout in the making and mistakes it for a foreign directory.
   */
  async init() {
    if (!await this.complete()) {
      if (!await isEmptyOrMissing(this.dir, (n) => LAYOUT_NAMES.has(n))) await this.refuseUnlessLayout();
      await mkdir2(this.dir, { recursive: true });
      await withDirLock(this.dir, async () => {
        await this.refuseUnlessLayout();
        await ensureInsideDirs(this.dir, "ingest");
        if (!await readLayoutMarker(this.dir)) {
          const marker = Buffer.from(JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }));
          await writeBytesFile(this.ingest, path2.join(this.dir, LAYOUT_FILE), marker, void 0, this.name);
        }
        await ensureInsideDirs(this.dir, "blobs", "sha256");
        if (!await isA("file", path2.join(this.dir, "index.json"))) {
          const bytes = Buffer.from(JSON.stringify(emptyIndex()));
          await writeBytesFile(this.ingest, path2.join(this.dir, "index.json"), bytes, void 0, this.name);
        }
      });
    }
    await assertRealInside(this.dir, this.ingest).catch((err) => {
      if (err.code !== "ENOENT") throw err;
    });
    await sweepStaleTemps(this.ingest, ".tmp-");
    this.blobStore = `oci:${await realpath(this.dir)}`;
  }
  /** All a layout needs is there: the common case of opening an existing layout takes no lock. */
  async complete() {
    return await readLayoutMarker(this.dir) && await isA("file", path2.join(this.dir, "index.json")) && await isA("dir", path2.join(this.dir, "blobs", "sha256"));
  }
  /** A directory without oci-layout holding more than a killed creator leaves (ingest/, the lock) is not ours. */
  async refuseUnlessLayout() {
    if (await readLayoutMarker(this.dir)) return;
    if (await isEmptyOrMissing(this.dir, (n) => n === "ingest" || n === "index.json.lock")) return;
    throw new Error(
      `${this.name}: ${this.dir} exists, is not empty and is not an OCI layout (no ${LAYOUT_FILE})`
    );
  }
  async pathFor(digest) {
    const { algorithm } = parseDigest(digest, this.name);
    if (!this.algDirs.has(algorithm)) {
      await ensureInsideDirs(this.dir, "blobs", algorithm);
      this.algDirs.add(algorithm);
    }
    return blobPath(this.dir, digest, this.name);
  }
  async hasBlob(desc) {
    return blobFileOk(await this.pathFor(desc.digest), desc.size);
  }
  /**
   * Always takes the whole body, even when the blob appears meanwhile (another image of the run or
   * another process wrote it): writeBlobFile then counts it as written.
   */
  async putBlob(desc, body) {
    await writeBlobFile(this.ingest, await this.pathFor(desc.digest), desc, body, this.name);
  }
  async resolveTag(tag) {
    const name = this.nameFor(tag);
    const index = await readIndex(this.dir);
    const hit = index?.manifests.find((d) => refNameOf(d) === name);
    return hit ? { mediaType: hit.mediaType, digest: hit.digest, size: hit.size } : void 0;
  }
  async hasManifest(digest) {
    try {
      return (await lstat(await this.pathFor(digest))).isFile();
    } catch (err) {
      if (err.code === "ENOENT") return false;
      throw err;
    }
  }
  async putManifest(manifest, tag) {
    const what = `${this.name}: manifest ${manifest.digest}`;
    checkBytes(manifest.bytes, manifest.digest, void 0, what);
    const json = parseManifest(manifest.bytes, what);
    const file = await this.pathFor(manifest.digest);
    if (!await blobFileOk(file, manifest.bytes.length)) {
      await writeBytesFile(this.ingest, file, manifest.bytes, void 0, what);
    }
    const desc = {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.length
    };
    this.put.set(manifest.digest, { desc, json });
    if (tag !== void 0) this.names.set(this.nameFor(tag), desc);
  }
  /** The destination's REF names the image whatever tag the caller passes; fallback tags keep their own name. */
  nameFor(tag) {
    const name = isFallbackTag(tag) ? tag : this.ref ?? tag;
    return validateOciRefName(name, this.name);
  }
  /** Publish what putManifest recorded: verify completeness, then rewrite index.json under the lock. */
  async commit() {
    const named = new Map(this.names);
    const unnamed = [];
    if (named.size === 0) {
      const roots = this.roots();
      if (roots.length > 1) {
        throw new Error(
          `${this.name}: several unrelated manifests were written and none was tagged: ${roots.map((r) => r.digest).join(", ")}`
        );
      }
      if (roots.length === 1) {
        if (this.ref) named.set(this.ref, roots[0]);
        else unnamed.push(roots[0]);
      }
    }
    const namedDigests = new Set([...named.values()].map((d) => d.digest));
    for (const { desc, json } of this.put.values()) {
      if (json.subject && !namedDigests.has(desc.digest)) {
        unnamed.push({ ...desc, artifactType: json.artifactType ?? json.config?.mediaType ?? desc.mediaType });
      }
    }
    for (const d of [...named.values(), ...unnamed]) await this.checkComplete(d);
    if (named.size === 0 && unnamed.length === 0) return;
    await withDirLock(this.dir, async () => {
      const index = await readIndex(this.dir) ?? emptyIndex();
      for (const [ref, desc] of named) {
        const entry = { ...desc, annotations: { [REF_NAME_ANNOTATION]: ref } };
        const at = index.manifests.findIndex((d) => refNameOf(d) === ref);
        index.manifests = index.manifests.filter((d) => refNameOf(d) !== ref);
        index.manifests.splice(at < 0 ? index.manifests.length : at, 0, entry);
      }
      for (const d of unnamed) {
        if (!index.manifests.some((e) => e.digest === d.digest && refNameOf(e) === void 0))
          index.manifests.push(d);
      }
      const bytes = Buffer.from(JSON.stringify(index));
      await writeBytesFile(this.ingest, path2.join(this.dir, "index.json"), bytes, void 0, this.name);
    });
    this.names.clear();
    this.put.clear();
    await removeIfEmpty(this.ingest);
  }
  /** Manifests written in this session that no other written manifest references, referrers excluded. */
  roots() {
    const referenced = /* @__PURE__ */ new Set();
    for (const { json } of this.put.values()) for (const d of descriptorsOf(json)) referenced.add(d.digest);
    return [...this.put.values()].filter((p) => !referenced.has(p.desc.digest) && !p.json.subject).map((p) => p.desc);
  }
  async checkComplete(desc) {
    await assertComplete(
      desc,
      {
        manifest: async (d) => this.put.get(d.digest)?.json ?? parseManifest(await readBlobFile(await this.pathFor(d.digest), d, this.name), this.name),
        hasBlob: async (d) => blobFileOk(await this.pathFor(d.digest), d.size)
      },
      this.name
    );
  }
  async close() {
    await removeIfEmpty(this.ingest);
  }
};

// src/transports/oci-layout/source.ts
import { stat as stat3 } from "node:fs/promises";
function ociName(dir, ref) {
  return `oci:${dir}${ref ? `:${ref}` : ""}`;
}
function selectEntry(index, ref, name) {
  if (ref !== void 0) {
    const hits = index.manifests.filter((d) => refNameOf(d) === ref);
    if (hits.length === 0) {
      throw new Error(
        `${name}: no image named '${ref}' in index.json (images: ${describeEntries(index.manifests) || "none"})`
      );
    }
    if (new Set(hits.map((d) => d.digest)).size > 1) {
      throw new Error(`${name}: index.json names several different images '${ref}'`);
    }
    return hits[0];
  }
  const untyped = index.manifests.filter((d) => !d.artifactType);
  const images = untyped.length ? untyped : index.manifests;
  if (images.length === 1) return images[0];
  if (images.length === 0) throw new Error(`${name}: the layout holds no image`);
  throw new Error(
    `${name}: the layout holds ${images.length} images; choose one with oci:DIR:REF (images: ${describeEntries(images)})`
  );
}
async function openOciSource(dir, ref) {
  const name = ociName(dir, ref);
  if (ref !== void 0) validateOciRefName(ref, name);
  if (!await readLayoutMarker(dir))
    throw new Error(`${name}: not an OCI image layout (no oci-layout file in ${dir})`);
  const index = await readIndex(dir);
  if (!index) throw new Error(`${name}: the layout has no index.json`);
  const entry = selectEntry(index, ref, name);
  return new OciSource(dir, name, index, entry);
}
var OciSource = class {
  constructor(dir, name, index, entry) {
    this.dir = dir;
    this.name = name;
    this.index = index;
    this.entry = entry;
  }
  dir;
  name;
  index;
  entry;
  subjects;
  async resolve() {
    const { mediaType, digest, size } = this.entry;
    return { mediaType, digest, size };
  }
  async getManifest(digest) {
    const d = digest ?? this.entry.digest;
    const known = this.index.manifests.find((e) => e.digest === d);
    const file = await safeBlobPath(this.dir, d, this.name);
    const size = known?.size ?? await fileSize(file, this.name, d);
    const bytes = await readBlobFile(file, { digest: d, size }, this.name);
    const json = parseManifest(bytes, `${this.name}: manifest ${d}`);
    return { bytes, digest: d, mediaType: manifestMediaType(json, known?.mediaType) };
  }
  async getBlob(desc) {
    return openBlobFile(await safeBlobPath(this.dir, desc.digest, this.name), desc, this.name);
  }
  /** Referrers stored the way ORAS and our destination do: untagged index.json entries with a `subject`. */
  async referrers(digest) {
    if (!this.subjects) {
      const subjects = /* @__PURE__ */ new Map();
      for (const e of this.index.manifests) {
        if (refNameOf(e) !== void 0 || e.mediaType.includes("index")) continue;
        const m = await this.getManifest(e.digest);
        const json = parseManifest(m.bytes, this.name);
        if (!json.subject) continue;
        const list = subjects.get(json.subject.digest) ?? [];
        list.push({
          mediaType: m.mediaType,
          digest: e.digest,
          size: e.size,
          ...json.artifactType || json.config?.mediaType ? { artifactType: json.artifactType ?? json.config?.mediaType } : {},
          ...json.annotations ? { annotations: json.annotations } : {}
        });
        subjects.set(json.subject.digest, list);
      }
      this.subjects = subjects;
    }
    return this.subjects.get(digest) ?? [];
  }
  /** The image another index.json entry names (cosign-style `sha256-<hex>.sig` tags live there too). */
  async resolveTag(tag) {
    const hit = this.index.manifests.find((d) => refNameOf(d) === tag);
    return hit ? { mediaType: hit.mediaType, digest: hit.digest, size: hit.size } : void 0;
  }
  async fallbackTags(digest) {
    const prefix = digest.replace(":", "-");
    return this.index.manifests.map((d) => refNameOf(d)).filter((r) => r !== void 0 && (r === prefix || r.startsWith(`${prefix}.`)));
  }
  async close() {
  }
};
async function fileSize(file, name, digest) {
  try {
    return (await stat3(file)).size;
  } catch (err) {
    if (err.code === "ENOENT")
      throw new Error(`${name}: manifest ${digest} not found`);
    throw err;
  }
}

export {
  readIndex,
  refNameOf,
  isEmptyOrMissing,
  openOciDestination,
  openOciSource
};
