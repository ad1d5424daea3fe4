import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  assertRealInside,
  checkDescriptor,
  confinedJoin,
  isObject,
  parseDigest,
  parseJsonText
} from "./chunk-IJFWYFFP.js";

// src/transports/oci-index.ts
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

export {
  REF_NAME_ANNOTATION,
  LAYOUT_FILE,
  LAYOUT_VERSION,
  emptyIndex,
  blobPath,
  safeBlobPath,
  ensureInsideDirs,
  readLayoutMarker,
  readIndex,
  refNameOf,
  describeEntries,
  isEmptyOrMissing
};
