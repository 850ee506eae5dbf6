import type { OpenAction, Stage } from './client.js';
import type { QueuedRequest } from './request.js';
import type { ActionKind, ClassifiedAction } from './types.js';

/** A classified action as the stages after the classifier see it: its first request keeps its key. */
export interface StagedAction extends ClassifiedAction {
  first: QueuedRequest;
}

/*
 * Where an open action stands in the seed's classification table. The table's rows, by starting event:
 *   HEAD tag                                  → version_check
 *   HEAD tag, GET same digest [, GET other]   → pull_by_tag
 *   GET tag [, GET other digest]              → pull_by_tag
 *   HEAD digest [, GET same [, GET other]]    → pull_by_digest
 *   GET digest [, GET other digest]           → pull_by_digest
 * "Same"/"other" compare with the starting request's digest (for a HEAD by tag, the digest the registry
 * answered with). Follow-ups are GETs addressed by digest; anything else starts a new action.
 */

export interface ClassifierOptions {
  /** A follow-up must come within this many milliseconds of the action's first request. */
  windowMs: number;
}

/** The stage after `next`, or null when `next` cannot continue the action. */
function advance(open: OpenAction, next: QueuedRequest): Stage | null {
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

function startStage(request: QueuedRequest): Stage {
  if (request.method === 'GET') return 'get-first';
  return request.tag === undefined ? 'head-digest' : 'head-tag';
}

function kindOf(open: OpenAction): ActionKind {
  if (open.first.tag === undefined) return 'pull_by_digest';
  return open.stage === 'head-tag' ? 'version_check' : 'pull_by_tag';
}

/** Open actions in start order, a ring buffer: the time order of input makes it a FIFO of deadlines. */
class ActionQueue {
  private items: (OpenAction | undefined)[] = new Array(1024);
  private head = 0;
  private count = 0;

  push(action: OpenAction): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = action;
    this.count += 1;
  }

  peek(): OpenAction | undefined {
    return this.count ? this.items[this.head] : undefined;
  }

  shift(): void {
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count -= 1;
  }

  private grow(): void {
    const old = this.items;
    this.items = new Array(old.length * 2);
    for (let i = 0; i < this.count; i += 1) this.items[i] = old[(this.head + i) & (old.length - 1)];
    this.head = 0;
  }
}

/**
 * Folds manifest requests, fed in time order, into actions. An action is emitted when a request that
 * cannot continue it arrives, when it is complete, or when time passes its window. Each request brings
 * its client (`request.client`), which holds that client's open actions.
 */
export class Classifier {
  private openActions = 0;
  private readonly queue = new ActionQueue();
  /** The action handed to `emit`: valid during the call only (no allocation per action). */
  private readonly out: StagedAction = {
    kind: 'pull_by_tag',
    first: undefined as never,
    requests: 0,
    late: false,
  };

  constructor(
    private readonly options: ClassifierOptions,
    private readonly emit: (action: StagedAction) => void,
  ) {}

  /** Feeds one request; requests must come in non-decreasing time order. */
  push(request: QueuedRequest): void {
    this.expire(request.ts);
    const { client } = request;
    const current = client.find(request);
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
      first: request,
      stage: startStage(request),
      requests: 1,
      closed: false,
      client,
    };
    client.add(action);
    this.openActions += 1;
    this.queue.push(action);
  }

  /** Emits a request that arrived too late for its session as an action of its own. */
  pushLate(request: QueuedRequest): void {
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
    for (let action = this.queue.peek(); action; action = this.queue.peek()) {
      if (!action.closed && action.first.ts >= deadline) break;
      this.queue.shift();
      if (!action.closed) this.close(action);
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
    if (action.client) {
      action.client.remove(action);
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
