import type { ActionKind, ClassifiedAction, ManifestRequest } from './types.js';

/**
 * Where an open action stands in the seed's classification table. The table's rows, by starting event:
 *   HEAD tag                                  → version_check
 *   HEAD tag, GET same digest [, GET other]   → pull_by_tag
 *   GET tag [, GET other digest]              → pull_by_tag
 *   HEAD digest [, GET same [, GET other]]    → pull_by_digest
 *   GET digest [, GET other digest]           → pull_by_digest
 * "Same"/"other" compare with the starting request's digest (for a HEAD by tag, the digest the registry
 * answered with). Follow-ups are GETs addressed by digest; anything else starts a new action.
 */
type Stage = 'head-tag' | 'head-digest' | 'head-then-same' | 'get-first' | 'complete';

interface OpenAction {
  /** The session map holding it (by user agent) and that map's parent (by client), for removal. */
  home: Map<string, OpenAction> | null;
  parent: Map<string, Map<string, OpenAction>> | null;
  first: ManifestRequest;
  stage: Stage;
  requests: number;
  closed: boolean;
}

export interface ClassifierOptions {
  /** A follow-up must come within this many milliseconds of the action's first request. */
  windowMs: number;
}

/** The stage after `next`, or null when `next` cannot continue the action. */
function advance(open: OpenAction, next: ManifestRequest): Stage | null {
  if (next.method !== 'GET' || next.tag !== undefined) return null;
  const same = next.digest === open.first.digest;
  switch (open.stage) {
    case 'head-tag':
    case 'head-digest':
      return same ? 'head-then-same' : null;
    case 'head-then-same':
    case 'get-first':
      return same ? null : 'complete';
    default:
      return null;
  }
}

function startStage(request: ManifestRequest): Stage {
  if (request.method === 'GET') return 'get-first';
  return request.tag === undefined ? 'head-digest' : 'head-tag';
}

function kindOf(open: OpenAction): ActionKind {
  if (open.first.tag === undefined) return 'pull_by_digest';
  return open.stage === 'head-tag' ? 'version_check' : 'pull_by_tag';
}

type Sessions = Map<string, Map<string, Map<string, OpenAction>>>;

/**
 * The open action of a session, keyed by repository, client identity (user, else IP) and user agent.
 * Nested maps instead of one joined key: no string is built per request.
 */
function sessionOf(
  sessions: { byUser: Sessions; byAddr: Sessions },
  request: ManifestRequest,
): [Map<string, OpenAction>, Map<string, Map<string, OpenAction>>] {
  const top = request.actor === undefined ? sessions.byAddr : sessions.byUser;
  let byClient = top.get(request.repository);
  if (!byClient) {
    byClient = new Map();
    top.set(request.repository, byClient);
  }
  const client = request.actor ?? request.addr;
  let byAgent = byClient.get(client);
  if (!byAgent) {
    byAgent = new Map();
    byClient.set(client, byAgent);
  }
  return [byAgent, byClient];
}

/**
 * Folds manifest requests, fed in time order, into actions. An action is emitted when a request that
 * cannot continue it arrives, when it is complete, or when time passes its window.
 */
export class Classifier {
  private readonly sessions = { byUser: new Map(), byAddr: new Map() } as {
    byUser: Sessions;
    byAddr: Sessions;
  };
  private openActions = 0;
  /** Open actions in start order; the time order of input makes this a FIFO of deadlines. */
  private queue: OpenAction[] = [];
  private head = 0;

  constructor(
    private readonly options: ClassifierOptions,
    private readonly emit: (action: ClassifiedAction) => void,
  ) {}

  /** Feeds one request; requests must come in non-decreasing time order. */
  push(request: ManifestRequest): void {
    this.expire(request.ts);
    const [home, parent] = sessionOf(this.sessions, request);
    const current = home.get(request.userAgent);
    if (current) {
      const stage = advance(current, request);
      if (stage !== null) {
        current.stage = stage;
        current.requests += 1;
        if (stage === 'complete') this.close(current);
        return;
      }
      this.close(current);
      // closing may have detached the (now empty) session map; this request reuses it
      const client = request.actor ?? request.addr;
      if (parent.get(client) !== home) parent.set(client, home);
    }
    const action: OpenAction = {
      home,
      parent,
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: false,
    };
    home.set(request.userAgent, action);
    this.openActions += 1;
    this.queue.push(action);
  }

  /** Emits a request that arrived too late for its session as an action of its own. */
  pushLate(request: ManifestRequest): void {
    const alone: OpenAction = {
      home: null,
      parent: null,
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: true,
    };
    this.emit({ kind: kindOf(alone), first: request, requests: 1, late: true });
  }

  /** Closes every action whose window ended before `now`. */
  expire(now: number): void {
    const deadline = now - this.options.windowMs;
    while (this.head < this.queue.length) {
      const action = this.queue[this.head] as OpenAction;
      if (!action.closed && action.first.ts >= deadline) break;
      this.head += 1;
      if (!action.closed) this.close(action);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** Closes everything still open. */
  flush(): void {
    this.expire(Number.POSITIVE_INFINITY);
  }

  get openCount(): number {
    return this.openActions;
  }

  private close(action: OpenAction): void {
    action.closed = true;
    this.openActions -= 1;
    const { home, parent, first } = action;
    if (home?.get(first.userAgent) === action) {
      home.delete(first.userAgent);
      // forget clients with nothing open, so one-time clients do not pile up
      if (home.size === 0) parent?.delete(first.actor ?? first.addr);
    }
    this.emit({ kind: kindOf(action), first: action.first, requests: action.requests, late: false });
  }
}
