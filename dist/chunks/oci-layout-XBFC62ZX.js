import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  isEmptyOrMissing,
  openOciDestination,
  openOciSource,
  readIndex,
  refNameOf
} from "./chunk-FX7RDSFP.js";
import "./chunk-SES2WWEP.js";
import "./chunk-24ZBWR5N.js";
import "./chunk-QJOVJ3RK.js";
export {
  isEmptyOrMissing,
  openOciDestination,
  openOciSource,
  readIndex,
  refNameOf
};
