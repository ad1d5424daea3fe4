import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDockerArchiveDestination
} from "./chunk-IGBTVV7X.js";
import {
  indexTar,
  openDockerArchiveSource,
  parseArchiveName
} from "./chunk-VEICCP2J.js";
import "./chunk-D2XFNDIC.js";
import "./chunk-JP4LBSLD.js";
import "./chunk-GLN5MOBS.js";
import "./chunk-2LP65WJO.js";
export {
  indexTar,
  openDockerArchiveDestination,
  openDockerArchiveSource,
  parseArchiveName
};
