#!/usr/bin/env node
import { createRequire as __mirrorCreateRequire } from 'node:module'; const require = __mirrorCreateRequire(import.meta.url);

// src/cli.ts
import { parseArgs } from "node:util";

// src/commands/copy.ts
async function copyCommand(_args) {
  process.stderr.write("mirror-action copy: not yet implemented\n");
  return 2;
}

// src/commands/inspect.ts
async function inspectCommand(_args) {
  process.stderr.write("mirror-action inspect: not yet implemented\n");
  return 2;
}

// src/commands/sync.ts
async function syncCommand(_args) {
  process.stderr.write("mirror-action sync: not yet implemented\n");
  return 2;
}

// src/commands/tags.ts
async function tagsCommand(_args) {
  process.stderr.write("mirror-action tags: not yet implemented\n");
  return 2;
}

// src/cli.ts
var HELP = `mirror-action \u2014 mirror container images between registries without Docker

Usage: mirror-action <command> [options]

Commands:
  sync     Mirror every image of a config file   (sync --config FILE [--dry-run] [--state FILE] ...)
  copy     Copy one image                          (copy [--platform P]... SRC DST)
  inspect  Show an image's digest, media type and platforms (inspect [--raw] docker://REF)
  tags     List the tags of a repository           (tags docker://REPO)

Transports: docker://REF, oci:DIR[:REF], docker-archive:FILE[:NAME:TAG]
Common options:
  --credentials FILE   YAML: registry host -> {username, password}
  -h, --help           Show help
`;
async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const { values } = parseArgs({
    args: rest,
    strict: false,
    options: { help: { type: "boolean", short: "h" } }
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case "sync":
      return syncCommand(rest);
    case "copy":
      return copyCommand(rest);
    case "inspect":
      return inspectCommand(rest);
    case "tags":
      return tagsCommand(rest);
    default:
      process.stderr.write(`mirror-action: unknown command '${command}'
${HELP}`);
      return 2;
  }
}
process.exitCode = await main(process.argv.slice(2));
export {
  main
};
