import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDirDestination,
  openDirSource
} from "./chunk-YFY6AYFK.js";
import "./chunk-FX7RDSFP.js";
import "./chunk-SES2WWEP.js";
import "./chunk-24ZBWR5N.js";
import "./chunk-QJOVJ3RK.js";
export {
  openDirDestination,
  openDirSource
};
