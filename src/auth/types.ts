/** Credential types shared by the loaders (own file, so docker-config and credentials need not import each other). */

export interface Credential {
  username: string
  /** A password or token; with username `<token>` an OAuth2 identity (refresh) token. */
  password: string
  /** Where it was found (`--src-creds`, `auth file PATH`, `GITHUB_TOKEN`…), for messages; never the secret. */
  source?: string
}
