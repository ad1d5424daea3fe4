import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  isEmptyOrMissing,
  openOciDestination,
  openOciSource,
  readIndex,
  refNameOf
} from "./chunk-SKN266VW.js";
import "./chunk-D2XFNDIC.js";
import "./chunk-JP4LBSLD.js";
import "./chunk-GLN5MOBS.js";
import "./chunk-2LP65WJO.js";
export {
  isEmptyOrMissing,
  openOciDestination,
  openOciSource,
  readIndex,
  refNameOf
};
