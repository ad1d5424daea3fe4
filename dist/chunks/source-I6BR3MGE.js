import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);
import {
  archiveName,
  openDockerArchiveSource
} from "./chunk-WPVQOV4L.js";
import "./chunk-FC65BTSE.js";
import "./chunk-LPT4AU2P.js";
import "./chunk-2LP65WJO.js";
export {
  archiveName,
  openDockerArchiveSource
};
