/**
 * What each transport's destinations can do, readable before one is opened: a sync chooses how to
 * serialise its copies first (opening a layout creates it, opening an archive sweeps its temp files).
 * A module of its own so that reading it loads none of the file transports.
 */
import type { DestinationCapabilities } from '../oci/index.js'

export const DESTINATION_CAPABILITIES = Object.freeze({
  docker: Object.freeze({ concurrentCopies: true, indexes: true }),
  oci: Object.freeze({ concurrentCopies: true, indexes: true }),
  'docker-archive': Object.freeze({ concurrentCopies: false, indexes: false, referrers: false }),
  dir: Object.freeze({ concurrentCopies: false, indexes: true, referrers: false })
}) satisfies Record<string, DestinationCapabilities>
