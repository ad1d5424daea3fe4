/** `mirror-action sync --help`. */
export const SYNC_USAGE = `Usage: mirror-action sync --config FILE [options]
       mirror-action sync --import skopeo|image-syncer|regsync|list [--target PREFIX] FILE

Options:
  --config FILE        Mirror config (YAML, version 1)
  --credentials FILE|- YAML: registry host -> {username, password} ('-': stdin)
  --authfile FILE      An auth.json / config.json to read credentials from
  --src-creds USER:PASS   Credentials for every source registry (--dest-creds: every target;
                       --creds: both); --src-no-creds, --dest-no-creds, --no-creds: none
  --src-tls-verify=false  Skip TLS verification (and allow plain HTTP) for the sources
  --dest-tls-verify=false ... for the targets (--tls-verify=false: every registry)
  --insecure-registry HOST  Skip TLS verification for HOST (repeatable)
  --ca-file HOST=FILE  Trust the CA in FILE for HOST (repeatable; FILE alone: every registry)
  --src-cert-dir DIR   The CA (*.crt) and client certificate (*.cert, *.key) in DIR for the
                       sources (--dest-cert-dir: targets; --cert-dir: every registry)
  --retry-times N      Retry a failed request N times (default 4)
  --dry-run            Plan only: resolve every image, write nothing
  -q, --quiet          Print only the totals line (failures and warnings still go to stderr)
  --explain            Per entry, which filter (tags, exclude, semver, latest) kept or dropped
                       each tag the source lists; with --dry-run too
  --report FILE        Write a JSON report of every image
  --state FILE         Digest cache: unchanged images are skipped without asking the target
  --shard i/n          Only the i-th of n parts of the plan (by target repository)
  --images-at-once N   Images copied at once (default 4)
  --transfers N        Blob transfers in flight across all images (default 8)
  --concurrency N      Deprecated: the old name of --images-at-once
  --connect-timeout DUR   Give up connecting after DUR (10s, 1m, 500ms; default 10s);
                       registries.<host>.connect-timeout wins for its registry
  --response-timeout DUR  Give up on a response that does not start, or stalls, for DUR
                       (default 30s); registries.<host>.response-timeout wins for its registry
  --image-timeout DUR  Fail an image whose copy takes longer than DUR (30m, 2h; default none;
                       the tag is not written); an entry's image-timeout wins for its images
  --min-throughput RATE  Retry a blob download slower than RATE per second over
                       --min-throughput-window DUR (default 1KiB over 60s, not for loopback
                       hosts; 0: off); registries.<host>.min-throughput wins for its registry
  --debug              Log every HTTP exchange to stderr (method, URL, status, auth scheme,
                       credential source, retries, timings; never a secret)
  --no-target-check    Never contact targets while planning (no target credentials, e.g. a PR)
  --max-tags N         Read at most N tags per source repository, on every registry (default
                       100000, or registries.<host>.max-tags); a longer list fails its entry
  --lock FILE          Write every source, digest, target and target digest resolved to FILE
                       (default: the config's lock:); dry runs write it too
  --locked             Mirror exactly the digests in the lock; no tag is listed or resolved
  --import FORMAT      Print our YAML converted from a skopeo sync file, an image-syncer
                       images.yaml, a regsync config, or a plain list of images (one per line)
  --target PREFIX      With --import: the target prefix (defaults.target)
  --sigstore-cache DIR Where trusted-root auto keeps Sigstore's TUF metadata (default:
                       $XDG_CACHE_HOME/mirror-action/sigstore, else ~/.cache/mirror-action/sigstore)
`
