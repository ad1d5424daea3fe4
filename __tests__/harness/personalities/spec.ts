/** What a personality is made of, and the options a test may give it. */
import type { StartedRegistry } from '../registry.js'
import type { AuthPlacement } from './auth.js'
import type { AfterRule, Rule } from './front.js'

export type PersonalityName = 'dockerhub' | 'aliyun' | 'ghcr' | 'harbor' | 'ecr' | 'quay'

export interface PersonalityOptions {
  /** dockerhub: manifest GETs allowed before TOOMANYREQUESTS (default 100, Docker Hub's anonymous 6-hour limit). */
  pullLimit?: number
  /** aliyun: namespaces that exist (default ['mirror']). */
  namespaces?: string[]
  /** aliyun: most repositories the instance may hold (default 300). */
  maxRepositories?: number
  /** harbor: projects that exist (default ['library']). */
  projects?: string[]
  /** aliyun, ecr: repositories that exist before the test (ECR: created with `aws ecr create-repository`). */
  repositories?: string[]
  /** ecr: the account enabled create-on-push. */
  createOnPush?: boolean
  /** harbor: every Nth TCP connection is reset at its first request (default 7; 0: never). */
  resetEvery?: number
}

/** Shared, mutable knowledge of one running personality. */
export interface Env {
  reg: StartedRegistry
  opts: PersonalityOptions
  /** Repositories that exist (aliyun, ecr): seeded from `repositories`, grown by pushes. */
  repos: Set<string>
  /** Manifest GETs counted against the pull quota (dockerhub). */
  pulls: number
  /** The front's origin, once it listens. */
  origin(): string
  /** The realm the challenges name (token personalities). */
  realm(): string
  /** ghcr: the web page its referrers endpoint redirects to, and how often it was fetched. */
  webPage?: string
  webHits: number
}

export interface PersonalitySpec {
  mode: 'token' | 'basic'
  auth?: AuthPlacement
  /** Blob GETs answer 307 to a signed URL on another origin; with `rejectAuthorization` it answers 400 to one that carries Authorization. */
  blobRedirect?: { rejectAuthorization: boolean }
  resetEvery?: number
  rules(env: Env): Rule[]
  after?(env: Env): AfterRule[]
  /** Extra servers (a web page, …) to stop with the personality. */
  extras?(env: Env): Promise<{ stop(): Promise<void> }>
}
