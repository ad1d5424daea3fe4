/** The platform this machine runs, as an image names it (skopeo's `--multi-arch system`). */
import type { Platform } from '../oci/index.js'

const ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' }

export function hostPlatform(arch: string = process.arch, os: string = process.platform): Platform {
  // Images for macOS hosts are Linux images run in a VM, as Docker Desktop and podman machine do.
  const p: Platform = { os: os === 'win32' ? 'windows' : 'linux', architecture: ARCH[arch] ?? arch }
  if (arch === 'arm') p.variant = 'v7'
  return p
}
