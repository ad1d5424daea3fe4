import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDirDestination,
  openDirSource
} from "./chunk-PVKON75E.js";
import "./chunk-UFUUHYXW.js";
import "./chunk-SES2WWEP.js";
import "./chunk-XHLX5WBD.js";
import "./chunk-QJOVJ3RK.js";
export {
  openDirDestination,
  openDirSource
};
