import { Classifier, type StagedAction } from './classify.js';
import { Deduper } from './gate.js';
import type { QueuedRequest } from './request.js';
import { ReorderBuffer } from './watermark.js';

export interface StageCounts {
  duplicates: number;
  late: number;
  actions: number;
}

/**
 * The per-client part of the pipeline, after the watermark: drops duplicates, holds accepted requests
 * until the watermark passes them, classifies them in time order over sessions, and classifies late
 * requests alone. A client's sessions need only that client's requests, so shards that split clients
 * agree exactly with one stage that sees everything (the watermark's marks are the same for all).
 */
export class SessionStage {
  readonly counts: StageCounts = { duplicates: 0, late: 0, actions: 0 };
  private readonly deduper: Deduper;
  private readonly buffer = new ReorderBuffer<QueuedRequest>();
  private readonly classifier: Classifier;
  private readonly late: QueuedRequest[] = [];
  /** Hands a released request to the classifier (one function for every release). */
  private readonly next = (request: QueuedRequest): void => {
    request.client.pending -= 1;
    this.classifier.push(request);
  };

  constructor(windowMs: number, dedupeHorizonMs: number, emit: (action: StagedAction) => void) {
    this.deduper = new Deduper(dedupeHorizonMs);
    this.classifier = new Classifier({ windowMs }, (action) => {
      this.counts.actions += 1;
      emit(action);
    });
  }

  /** A request, late or not as the watermark decided when it arrived. */
  add(request: QueuedRequest, late: boolean): void {
    const { deduper } = this;
    if (!deduper.admit(request.keyHi, request.keyLo, request.ts)) {
      this.counts.duplicates += 1;
      return;
    }
    request.mayRepeat = late || deduper.mayRepeat;
    if (late) {
      // classified alone at the next `release`
      this.counts.late += 1;
      this.late.push(request);
    } else {
      request.client.pending += 1;
      this.buffer.add(request);
    }
  }

  /** Classifies what the watermark `mark` has passed (Infinity: everything, the end of an import). */
  release(mark: number): void {
    const { late, classifier } = this;
    for (let i = 0; i < late.length; i += 1) classifier.pushLate(late[i] as QueuedRequest);
    late.length = 0;
    this.buffer.release(mark, this.next);
    classifier.expire(mark);
  }
}
