/**
 * The one table of product-specific advice appended to registry errors. Each of these products
 * answers some mistakes misleadingly (a missing Harbor project as 401, a missing ACR namespace as
 * "denied"): the hint names the real cause and the fix. README's troubleshooting table is checked
 * against the messages the personality tests assert, so the two stay in step.
 */
export type Flavour = 'dockerhub' | 'aliyun' | 'ghcr' | 'harbor' | 'ecr' | 'quay'

/** What errors.ts knows of a failure (its own types would make the two files import each other). */
interface Refusal {
  codes: string[]
  messages: string[]
}

const writes = (op: string): boolean => op === 'push' || op === 'mount' || op === 'delete'

/** Advice for a failure from `flavour`, or '' when there is none to add. */
export function hintFor(
  flavour: Flavour | undefined,
  op: string,
  status: number | undefined,
  oci: Refusal
): string {
  const denied =
    status === 401 || status === 403 || oci.codes.includes('DENIED') || oci.codes.includes('UNAUTHORIZED')
  const text = oci.messages.join(' ')
  switch (flavour) {
    case 'aliyun':
      if (/unknown manifest class/i.test(text))
        return 'Aliyun ACR refuses manifests with the empty OCI config (buildx attestations, cosign v3 signatures): set attestations: false (index entries) or referrers: false for these images'
      // A HEAD carries no body: its bare 400 is the same refusal.
      if (oci.codes.includes('NAME_INVALID') || (status === 400 && oci.codes.length === 0))
        return 'Aliyun ACR accepts only namespace/repository names: give the target two parts (flatten the name)'
      if (/quota/i.test(text))
        return "the ACR instance's repository quota is reached: delete unused repositories or use another namespace or instance"
      if (denied && writes(op))
        return 'on Aliyun ACR this means the namespace does not exist (repositories are created on push, namespaces are not): create it in the ACR console, or check the push rights'
      return ''
    case 'harbor':
      if (denied || status === 500)
        return 'Harbor answers 401/500 when the project does not exist: create the project (the first part of the name) if it is missing, and give the account push rights'
      return ''
    case 'ecr':
      if (oci.codes.includes('NAME_UNKNOWN'))
        return 'ECR repositories must exist before a push: create it (aws ecr create-repository --repository-name NAME) or enable create-on-push'
      return ''
    case 'ghcr':
      if (oci.codes.includes('NAME_INVALID')) return 'GHCR repository names must be lowercase'
      if (status === 416)
        return 'GHCR refuses upload request bodies over 4 MiB: set max-chunk-size to 4MiB or less for it under registries:'
      return ''
    default:
      return ''
  }
}
