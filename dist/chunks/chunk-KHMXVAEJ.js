import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  isEmptyOrMissing
} from "./chunk-SKN266VW.js";
import {
  DESTINATION_CAPABILITIES
} from "./chunk-D2XFNDIC.js";
import {
  BlobNotFoundError,
  assertComplete,
  assertRealInside,
  blobFileOk,
  checkBytes,
  confinedJoin,
  descriptorsOf,
  digestOf,
  manifestMediaType,
  openBlobFile,
  parseDigest,
  parseManifest,
  readBlobFile,
  sweepStaleTemps,
  writeBlobFile,
  writeBytesFile
} from "./chunk-JP4LBSLD.js";

// src/transports/dir.ts
import { lstat, mkdir, readFile } from "node:fs/promises";
var VERSION = "Directory Transport Version: 1.1\n";
function hexOf(digest, where) {
  const { algorithm, hex } = parseDigest(digest, where);
  if (algorithm !== "sha256")
    throw new Error(`${where}: the dir: format stores sha256 blobs only, not ${digest}`);
  return hex;
}
async function safePath(dir, file) {
  const p = confinedJoin(dir, file);
  await assertRealInside(dir, p).catch((err) => {
    if (err.code !== "ENOENT") throw err;
  });
  return p;
}
async function readVersion(dir) {
  try {
    return await readFile(confinedJoin(dir, "version"), "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return void 0;
    throw err;
  }
}
async function openDirSource(dir) {
  const name = `dir:${dir}`;
  const version = await readVersion(dir);
  if (version !== void 0 && !/^Directory Transport Version: 1\.[01]\n?$/.test(version)) {
    throw new Error(`${name}: unsupported ${JSON.stringify(version.trim().slice(0, 80))}`);
  }
  const file = await safePath(dir, "manifest.json");
  const st = await lstat(file).catch(() => void 0);
  if (!st?.isFile()) throw new Error(`${name}: not a dir: image (no manifest.json in ${dir})`);
  const bytes = await readFile(file);
  const digest = digestOf(bytes);
  const top = { bytes, digest, mediaType: manifestMediaType(parseManifest(bytes, `${file}`)) };
  return {
    name,
    async resolve() {
      return { mediaType: top.mediaType, digest, size: bytes.length };
    },
    async getManifest(d) {
      if (d === void 0 || d === digest) return top;
      const p = await safePath(dir, `${hexOf(d, name)}.manifest.json`);
      const s = await lstat(p).catch(() => void 0);
      if (!s?.isFile()) throw new BlobNotFoundError(`${name}: manifest ${d} not found`);
      const b = await readBlobFile(p, { digest: d, size: s.size }, name);
      return { bytes: b, digest: d, mediaType: manifestMediaType(parseManifest(b, p)) };
    },
    async getBlob(desc) {
      return openBlobFile(await safePath(dir, hexOf(desc.digest, name)), desc, name);
    },
    async close() {
    }
  };
}
async function openDirDestination(dir) {
  const name = `dir:${dir}`;
  const version = await readVersion(dir);
  if (version === void 0) {
    if (!await isEmptyOrMissing(dir, (n) => n.startsWith(".tmp-")))
      throw new Error(`${name}: ${dir} exists, is not empty and is not a dir: image`);
    await mkdir(dir, { recursive: true });
    await writeBytesFile(dir, confinedJoin(dir, "version"), Buffer.from(VERSION), void 0, name);
  }
  await sweepStaleTemps(dir, ".tmp-");
  const put = /* @__PURE__ */ new Map();
  let tagged;
  const blobPath = (d) => safePath(dir, hexOf(d, name));
  const manifestPath = (d) => safePath(dir, `${hexOf(d, name)}.manifest.json`);
  return {
    name,
    capabilities: DESTINATION_CAPABILITIES.dir,
    async hasBlob(desc) {
      return blobFileOk(await blobPath(desc.digest), desc.size);
    },
    async putBlob(desc, body) {
      await writeBlobFile(dir, await blobPath(desc.digest), desc, body, name);
    },
    async resolveTag() {
      const p = confinedJoin(dir, "manifest.json");
      const bytes = await readFile(p).catch(() => void 0);
      if (!bytes) return void 0;
      return {
        mediaType: manifestMediaType(parseManifest(bytes, p)),
        digest: digestOf(bytes),
        size: bytes.length
      };
    },
    async hasManifest(digest) {
      return put.has(digest) || await lstat(await manifestPath(digest)).then(
        (s) => s.isFile(),
        () => false
      );
    },
    async putManifest(m, tag) {
      const what = `${name}: manifest ${m.digest}`;
      checkBytes(m.bytes, m.digest, void 0, what);
      const json = parseManifest(m.bytes, what);
      await writeBytesFile(dir, await manifestPath(m.digest), m.bytes, void 0, what);
      const desc = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length };
      put.set(m.digest, { desc, json });
      if (tag !== void 0) tagged = desc;
    },
    async commit() {
      let root = tagged;
      if (!root) {
        const referenced = /* @__PURE__ */ new Set();
        for (const { json } of put.values()) for (const d of descriptorsOf(json)) referenced.add(d.digest);
        const roots = [...put.values()].filter((p) => !referenced.has(p.desc.digest));
        if (roots.length > 1)
          throw new Error(`${name}: several unrelated manifests were written; a dir: holds one image`);
        root = roots[0]?.desc;
      }
      if (!root) {
        if (put.size)
          throw new Error(`${name}: none of the ${put.size} manifest(s) written is an image to publish`);
        return;
      }
      await assertComplete(
        root,
        {
          manifest: async (d) => put.get(d.digest)?.json ?? parseManifest(await readBlobFile(await manifestPath(d.digest), d, name), name),
          hasBlob: async (d) => blobFileOk(await blobPath(d.digest), d.size)
        },
        name
      );
      const bytes = await readBlobFile(await manifestPath(root.digest), root, name);
      await writeBytesFile(dir, confinedJoin(dir, "manifest.json"), bytes, root, name);
      put.clear();
      tagged = void 0;
    },
    async close() {
    }
  };
}

export {
  openDirSource,
  openDirDestination
};
