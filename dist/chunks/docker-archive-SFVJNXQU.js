import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDockerArchiveDestination
} from "./chunk-GHL5VL7T.js";
import {
  indexTar,
  openDockerArchiveSource,
  parseArchiveName
} from "./chunk-BV3VXZL4.js";
import "./chunk-SES2WWEP.js";
import "./chunk-24ZBWR5N.js";
import "./chunk-QJOVJ3RK.js";
export {
  indexTar,
  openDockerArchiveDestination,
  openDockerArchiveSource,
  parseArchiveName
};
