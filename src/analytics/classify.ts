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
  first: ManifestRequest;
  stage: Stage;
  requests: number;
  closed: boolean;
  /** The open actions of its client (its sessions), null once closed or when it never had one. */
  client: ClientSessions | null;
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

/**
 * A client's open actions, one per repository and user agent. Usually one or two, so a short list
 * scanned by value; a busy client (a CI farm behind one address) switches to a map by
 * repository and agent. Either way no string is built per request for the common case.
 */
class ClientSessions {
  private list: OpenAction[] = [];
  private map: Map<string, OpenAction> | null = null;

  get size(): number {
    return this.map ? this.map.size : this.list.length;
  }

  find(request: ManifestRequest): OpenAction | undefined {
    if (this.map) return this.map.get(sessionKey(request));
    for (const action of this.list) {
      if (action.first.repository === request.repository && action.first.userAgent === request.userAgent)
        return action;
    }
    return undefined;
  }

  add(action: OpenAction): void {
    if (this.map) {
      this.map.set(sessionKey(action.first), action);
    } else if (this.list.length >= 8) {
      this.map = new Map(this.list.map((a) => [sessionKey(a.first), a]));
      this.map.set(sessionKey(action.first), action);
      this.list = [];
    } else {
      this.list.push(action);
    }
  }

  remove(action: OpenAction): void {
    if (this.map) {
      const key = sessionKey(action.first);
      if (this.map.get(key) === action) this.map.delete(key);
      return;
    }
    const at = this.list.indexOf(action);
    if (at >= 0) this.list.splice(at, 1);
  }
}

const sessionKey = (request: ManifestRequest): string => `${request.repository}\n${request.userAgent}`;

/**
 * Folds manifest requests, fed in time order, into actions. An action is emitted when a request that
 * cannot continue it arrives, when it is complete, or when time passes its window.
 */
export class Classifier {
  /** Open actions by client identity: signed-in users and addresses apart. */
  private readonly byUser = new Map<string, ClientSessions>();
  private readonly byAddr = new Map<string, ClientSessions>();
  private openActions = 0;
  /** Open actions in start order; the time order of input makes this a FIFO of deadlines. */
  private queue: OpenAction[] = [];
  private head = 0;
  /** The action handed to `emit`: valid during the call only (no allocation per action). */
  private readonly out: ClassifiedAction = {
    kind: 'pull_by_tag',
    first: undefined as never,
    requests: 0,
    late: false,
  };

  constructor(
    private readonly options: ClassifierOptions,
    private readonly emit: (action: ClassifiedAction) => void,
  ) {}

  /** Feeds one request; requests must come in non-decreasing time order. */
  push(request: ManifestRequest): void {
    this.expire(request.ts);
    const clients = request.actor === undefined ? this.byAddr : this.byUser;
    const identity = request.actor ?? request.addr;
    let open = clients.get(identity);
    const current = open?.find(request);
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
    if (!open || open.size === 0) {
      open = open ?? new ClientSessions();
      clients.set(identity, open);
    }
    const action: OpenAction = {
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: false,
      client: open,
    };
    open.add(action);
    this.openActions += 1;
    this.queue.push(action);
  }

  /** Emits a request that arrived too late for its session as an action of its own. */
  pushLate(request: ManifestRequest): void {
    const alone: OpenAction = {
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: true,
      client: null,
    };
    this.send(alone, true);
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
    const open = action.client;
    if (open) {
      open.remove(action);
      // forget clients with nothing open, so one-time clients do not pile up
      if (open.size === 0) {
        const identity = action.first.actor ?? action.first.addr;
        (action.first.actor === undefined ? this.byAddr : this.byUser).delete(identity);
      }
      action.client = null;
    }
    this.send(action, false);
  }

  private send(action: OpenAction, late: boolean): void {
    const out = this.out;
    out.kind = kindOf(action);
    out.first = action.first;
    out.requests = action.requests;
    out.late = late;
    this.emit(out);
  }
}
