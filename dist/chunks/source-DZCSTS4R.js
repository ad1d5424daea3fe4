import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  archiveName,
  openDockerArchiveSource
} from "./chunk-VEICCP2J.js";
import "./chunk-JP4LBSLD.js";
import "./chunk-GLN5MOBS.js";
import "./chunk-2LP65WJO.js";
export {
  archiveName,
  openDockerArchiveSource
};
