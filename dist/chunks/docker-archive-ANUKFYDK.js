import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDockerArchiveDestination
} from "./chunk-CPP66ZJG.js";
import {
  indexTar,
  openDockerArchiveSource,
  parseArchiveName
} from "./chunk-63S7DAOL.js";
import "./chunk-SES2WWEP.js";
import "./chunk-XHLX5WBD.js";
import "./chunk-QJOVJ3RK.js";
export {
  indexTar,
  openDockerArchiveDestination,
  openDockerArchiveSource,
  parseArchiveName
};
