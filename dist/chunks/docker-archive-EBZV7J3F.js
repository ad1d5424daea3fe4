import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDockerArchiveDestination
} from "./chunk-6KGAET3T.js";
import {
  indexTar,
  openDockerArchiveSource,
  parseArchiveName
} from "./chunk-WPVQOV4L.js";
import "./chunk-D2XFNDIC.js";
import "./chunk-FC65BTSE.js";
import "./chunk-LPT4AU2P.js";
import "./chunk-2LP65WJO.js";
export {
  indexTar,
  openDockerArchiveDestination,
  openDockerArchiveSource,
  parseArchiveName
};
