import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);

// src/transports/capabilities.ts
var DESTINATION_CAPABILITIES = Object.freeze({
  docker: Object.freeze({ concurrentCopies: true, indexes: true }),
  oci: Object.freeze({ concurrentCopies: true, indexes: true }),
  "docker-archive": Object.freeze({ concurrentCopies: false, indexes: false, referrers: false }),
  dir: Object.freeze({ concurrentCopies: false, indexes: true, referrers: false })
});

export {
  DESTINATION_CAPABILITIES
};
