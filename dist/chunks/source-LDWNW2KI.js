import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  archiveName,
  openDockerArchiveSource
} from "./chunk-63S7DAOL.js";
import "./chunk-XHLX5WBD.js";
import "./chunk-QJOVJ3RK.js";
export {
  archiveName,
  openDockerArchiveSource
};
