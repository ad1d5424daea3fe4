import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  archiveName,
  openDockerArchiveSource
} from "./chunk-BV3VXZL4.js";
import "./chunk-24ZBWR5N.js";
import "./chunk-QJOVJ3RK.js";
export {
  archiveName,
  openDockerArchiveSource
};
