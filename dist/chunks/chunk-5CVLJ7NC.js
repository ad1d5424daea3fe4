import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  VerifyStream,
  checkBytes
} from "./chunk-IJFWYFFP.js";

// src/transports/blobfile.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var BlobNotFoundError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "BlobNotFoundError";
  }
};
function tempName(prefix) {
  return `${prefix}${process.pid}-${randomBytes(8).toString("hex")}`;
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
async function sweepStaleTemps(dir, prefix) {
  let names;
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const pid = Number.parseInt(n.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) {
      await rm(path.join(dir, n), { recursive: true, force: true });
    }
  }
}
async function blobFileOk(file, size) {
  try {
    const st = await lstat(file);
    return st.isFile() && st.size === size;
  } catch (err) {
    if (err.code === "ENOENT") return false;
    throw err;
  }
}
async function writeBlobFile(tmpDir, finalPath, desc, body, what) {
  await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, tempName(".tmp-"));
  try {
    await pipeline(body, new VerifyStream(desc, what), createWriteStream(tmp, { mode: 420, flags: "wx" }));
    await mkdir(path.dirname(finalPath), { recursive: true });
    await rename(tmp, finalPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
async function writeBytesFile(tmpDir, finalPath, bytes, desc, what) {
  if (desc) checkBytes(bytes, desc.digest, desc.size, what);
  await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, tempName(".tmp-"));
  try {
    const fh = await open(tmp, "wx", 420);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await mkdir(path.dirname(finalPath), { recursive: true });
    await rename(tmp, finalPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
async function openBlobFile(file, desc, what) {
  const fh = await open(file, "r").catch((err) => {
    if (err.code === "ENOENT") throw new BlobNotFoundError(`${what}: blob ${desc.digest} not found`);
    throw err;
  });
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${what}: blob ${desc.digest} is not a regular file`);
    if (st.size !== desc.size) {
      throw new Error(
        `${what}: blob ${desc.digest} is ${st.size} bytes on disk, the descriptor says ${desc.size}`
      );
    }
  } catch (err) {
    await fh.close();
    throw err;
  }
  return verifiedRange(fh.createReadStream(), desc, what);
}
function openFileRange(file, start, desc, what) {
  if (desc.size === 0) {
    const empty = new PassThrough();
    empty.end();
    return verifiedRange(empty, desc, what);
  }
  return verifiedRange(createReadStream(file, { start, end: start + desc.size - 1 }), desc, what);
}
function verifiedRange(rs, desc, what) {
  const out = new VerifyStream(desc, what);
  pipeline(rs, out).catch(() => void 0);
  return out;
}
async function readBlobFile(file, desc, what, cap = MAX_MANIFEST_BYTES) {
  if (desc.size > cap)
    throw new Error(`${what}: ${desc.digest} is ${desc.size} bytes, over the ${cap}-byte limit`);
  const chunks = [];
  for await (const c of await openBlobFile(file, desc, what)) chunks.push(c);
  return Buffer.concat(chunks);
}

export {
  MAX_MANIFEST_BYTES,
  BlobNotFoundError,
  tempName,
  sweepStaleTemps,
  blobFileOk,
  writeBlobFile,
  writeBytesFile,
  openBlobFile,
  openFileRange,
  readBlobFile
};
