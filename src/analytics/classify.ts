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
  key: string;
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

/** The session key: repository, client identity (user, else IP) and user agent. */
export function sessionKey(request: ManifestRequest): string {
  const identity = request.actor === undefined ? `ip:${request.addr}` : `user:${request.actor}`;
  return `${request.repository}\n${identity}\n${request.userAgent}`;
}

/**
 * Folds manifest requests, fed in time order, into actions. An action is emitted when a request that
 * cannot continue it arrives, when it is complete, or when time passes its window.
 */
export class Classifier {
  private readonly open = new Map<string, OpenAction>();
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
    const key = sessionKey(request);
    const current = this.open.get(key);
    if (current) {
      const stage = advance(current, request);
      if (stage !== null) {
        current.stage = stage;
        current.requests += 1;
        if (stage === 'complete') this.close(current);
        return;
      }
      this.close(current);
    }
    const action: OpenAction = {
      key,
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: false,
    };
    this.open.set(key, action);
    this.queue.push(action);
  }

  /** Emits a request that arrived too late for its session as an action of its own. */
  pushLate(request: ManifestRequest): void {
    const alone: OpenAction = {
      key: '',
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
    return this.open.size;
  }

  private close(action: OpenAction): void {
    action.closed = true;
    if (this.open.get(action.key) === action) this.open.delete(action.key);
    this.emit({ kind: kindOf(action), first: action.first, requests: action.requests, late: false });
  }
}
