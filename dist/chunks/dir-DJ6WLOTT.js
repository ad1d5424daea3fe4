import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  openDirDestination,
  openDirSource
} from "./chunk-GPFUD6JP.js";
import "./chunk-VNPWIHIE.js";
import "./chunk-D2XFNDIC.js";
import "./chunk-FC65BTSE.js";
import "./chunk-LPT4AU2P.js";
import "./chunk-2LP65WJO.js";
export {
  openDirDestination,
  openDirSource
};
