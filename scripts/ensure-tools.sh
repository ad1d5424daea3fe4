#!/usr/bin/env bash
# Integration tests need the real CNCF registry, skopeo, containerd and umoci. Install them where
# we can (root on Debian/Ubuntu); elsewhere say exactly what is missing instead of skipping tests.
set -euo pipefail
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# Independent readers of what we write (clients.test.ts); containerd brings runc, umoci needs neither.
command -v umoci >/dev/null 2>&1 || missing+=(umoci)
command -v containerd >/dev/null 2>&1 || missing+=(containerd)
[ -x /usr/bin/time ] || missing+=(time)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing: ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}) and run again." >&2
exit 1
