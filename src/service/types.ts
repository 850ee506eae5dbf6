/**
 * Use cases the HTTP routes, the CLI and the worker call. Routes stay thin: they validate, authorise with an
 * `OrgAccess`, call one of these, and render. Services throw AppError; the server maps codes to statuses.
 */
import type {
  AnalysisMode,
  ApiToken,
  Job,
  Org,
  Registry,
  Repository,
  Role,
  Session,
  Store,
  User,
} from '../store/types.js';

// ---------------------------------------------------------------- who is asking

/** An authenticated caller: a dashboard session (any of the user's orgs) or an API token (one org). */
export interface Principal {
  kind: 'session' | 'token';
  user: User;
  /** Tokens only: the one org the token may act in, its role there, and its id. */
  token?: { id: string; orgId: string; role: Role };
  /** Sessions only: the session id (sign-out). */
  sessionId?: string;
}

/** A principal resolved against one org: what every org-scoped use case takes. */
export interface OrgAccess {
  principal: Principal;
  org: Org;
  /** The effective role: the membership role, lowered to the token's role for tokens. */
  role: Role;
}

/** `member` < `editor` < `owner`. */
export const roleRank: Readonly<Record<Role, number>> = { member: 0, editor: 1, owner: 2 };

// ---------------------------------------------------------------- accounts

export interface BootstrapInput {
  email: string;
  password: string;
  name?: string;
  orgSlug?: string;
  orgName?: string;
}

export interface AuthService {
  /** True until the first owner exists. */
  needsSetup(): Promise<boolean>;
  /**
   * Creates the first owner and their org. Allowed once, with the one-time setup token `serve` printed
   * (`setupToken`), or from `CROWSNEST_BOOTSTRAP_OWNER` at start-up (trusted: no token).
   */
  bootstrap(input: BootstrapInput, setupToken: string | 'trusted'): Promise<{ user: User; org: Org }>;
  /** Email + password → a new session; the secret goes into the cookie. */
  signIn(email: string, password: string): Promise<{ secret: string; session: Session; user: User }>;
  signOut(principal: Principal): Promise<void>;
  /** A session cookie's secret → principal; undefined when unknown or expired. */
  fromSession(secret: string): Promise<Principal | undefined>;
  /** A `Bearer` token → principal; AppError E_AUTH_REQUIRED when unknown, revoked or expired. */
  fromToken(secret: string): Promise<Principal>;
  /** The caller's access to an org by slug: E_NOT_FOUND for non-members (no existence leak). */
  access(principal: Principal, orgSlug: string): Promise<OrgAccess>;
  createToken(
    access: OrgAccess,
    input: { name: string; role?: Role; expiresAt?: string },
  ): Promise<{ token: ApiToken; secret: string }>;
  revokeToken(access: OrgAccess, tokenId: string): Promise<void>;
  /** Adds a user to the org (owner only), creating the account when the email is new (password needed). */
  addMember(
    access: OrgAccess,
    input: { email: string; name?: string; password?: string; role: Role },
  ): Promise<User>;
}

// ---------------------------------------------------------------- registries, repositories, events

export interface RegistryInput {
  name: string;
  url: string;
  username?: string;
  password?: string;
  /** Poll `_catalog` and tags every N seconds (registries without webhooks); null/absent = webhooks only. */
  pollIntervalSeconds?: number | null;
}

/** One Distribution notification event, as far as crowsnest reads it (other fields are kept). */
export interface RegistryEvent {
  id: string;
  timestamp: string;
  action: string;
  target: {
    mediaType?: string;
    digest?: string;
    repository: string;
    tag?: string;
    size?: number;
    url?: string;
    references?: { mediaType?: string; digest?: string; size?: number }[];
    fromRepository?: string;
  };
  request?: { id?: string; addr?: string; host?: string; method?: string; useragent?: string };
  actor?: { name?: string };
  source?: { addr?: string; instanceID?: string };
}

export interface RegistryEnvelope {
  events: RegistryEvent[];
}

/** What one webhook delivery did. */
export interface EventsOutcome {
  events: number;
  /** Manifest pushes to enabled repositories that queued an analysis (new jobs only). */
  enqueued: number;
  /** Pull events handed to `onPullEvents`. */
  pulls: number;
  ignored: number;
}

/** Wired by the analytics module to its `ingestEnvelope`: the pull events of one delivery, as received. */
export type OnPullEvents = (
  source: { registryId: string; orgId: string },
  envelope: RegistryEnvelope,
) => Promise<void> | void;

export interface RegistryService {
  /** The webhook secret is returned once; only its hash is kept. */
  create(access: OrgAccess, input: RegistryInput): Promise<{ registry: Registry; webhookSecret: string }>;
  update(access: OrgAccess, id: string, patch: Partial<RegistryInput>): Promise<Registry>;
  rotateWebhookSecret(access: OrgAccess, id: string): Promise<{ webhookSecret: string }>;
  remove(access: OrgAccess, id: string): Promise<void>;
  /**
   * The webhook receiver: checks the secret (E_AUTH_REQUIRED), then reads the body (a function is called
   * only after the check, so strangers' bodies are never parsed), parses (E_EVENT_INVALID), acts.
   */
  receiveEvents(
    registryId: string,
    authorization: string | undefined,
    body: unknown | (() => Promise<unknown>),
  ): Promise<EventsOutcome>;
  /** Lists `_catalog` and tags; new repositories are recorded, new tags of enabled ones analysed. */
  poll(registryId: string): Promise<{ repositories: number; enqueued: number }>;
  /** Polls every registry whose interval has passed. */
  pollDue(now?: Date): Promise<void>;
}

export interface RepositoryService {
  /**
   * Sets the analysis mode (editor or owner). Turning analysis on checks the org's cap and analyses the
   * repository's latest tags at once.
   */
  setMode(
    access: OrgAccess,
    repositoryId: string,
    mode: AnalysisMode,
  ): Promise<{ repository: Repository; enqueued: number }>;
  /** Queues the analysis of one digest (idempotent per org, repository and digest). */
  enqueueAnalysis(
    input: AnalyzeJobPayload & { orgId: string; repositoryId: string },
  ): Promise<{ job: Job; created: boolean }>;
}

// ---------------------------------------------------------------- jobs

/** The payload of an `analyze` job. */
export interface AnalyzeJobPayload {
  digest: string;
  /** The tag that was pushed with it (a push by digest has none). */
  tag?: string;
  /** When the manifest was reached through an index, the index's digest. */
  indexDigest?: string;
  pushedAt: string;
}

export interface JobContext {
  /** Aborted when the lease is lost; shutdown waits for the job instead of aborting it. */
  signal: AbortSignal;
  store: Store;
  log: Logger;
}

/** Runs one kind of job. Throwing retries with backoff (AppError codes of bad input fail at once). */
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

export interface WorkerOptions {
  /** Jobs run at the same time in this process (default 2). */
  concurrency: number;
  /** Lease length; a worker renews it at a third of this while a job runs (default 60 s). */
  leaseMs: number;
  /** How often to look for work when idle (default 1 s). */
  pollMs: number;
  /** Backoff before retry n: `baseMs * 2^(n-1)`, capped at `maxMs`, with ±20 % jitter. */
  backoff: { baseMs: number; maxMs: number };
}

export interface Worker {
  readonly id: string;
  /** Explicit registry of handlers by job kind; other modules add theirs before `start`. */
  readonly handlers: Map<string, JobHandler>;
  start(): void;
  /** Claims and runs due jobs once (tests); resolves when they have finished. */
  runOnce(): Promise<number>;
  /** Stops claiming; resolves when the running jobs have finished. */
  stop(): Promise<void>;
}

// ---------------------------------------------------------------- what other modules plug in

/**
 * Re-evaluation after an advisory update (issue 6 item 5): re-match only the continuous images whose
 * package keys are in the operation's diff (`store.packageIndex.imagesFor`), save with
 * `store.images.saveEvaluation`. Implemented outside the server foundation.
 */
export type OnAdvisoryUpdate = (operationId: number) => Promise<{ images: number }>;

/** Hooks the server calls; each is optional so the foundation runs without the modules behind them. */
export interface ServiceHooks {
  onPullEvents?: OnPullEvents;
  /** After an analysis is stored (not a notification trigger: E1 says a push notifies nobody). */
  onImageAnalyzed?: (image: { orgId: string; imageId: string; repositoryId: string }) => Promise<void> | void;
}

// ---------------------------------------------------------------- logging

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logs: one JSON object per line, `{ time, level, msg, ...fields }`. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Everything the HTTP app and the worker are built from. */
export interface Services {
  store: Store;
  auth: AuthService;
  registries: RegistryService;
  repositories: RepositoryService;
  hooks: ServiceHooks;
  log: Logger;
}
