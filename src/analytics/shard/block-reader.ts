import { QueuedRequest } from '../request.js';
import {
  ACTOR,
  ADDR,
  AGENT,
  type Block,
  type Columns,
  columns,
  DIGEST,
  FIELDS,
  LATE,
  RELEASE,
  REPOSITORY,
  TAG,
} from './block.js';
import type { CodeCaches } from './codes.js';

/** A worker's side of the dictionaries: per field, code → string, in the order the blocks brought them. */
export class StringTable {
  private fields: string[][] = Array.from({ length: FIELDS }, () => []);

  /** Takes the block's new strings; false when the dictionaries started over (codes mean new strings). */
  learn(block: Block): boolean {
    if (block.reset) this.fields = Array.from({ length: FIELDS }, () => []);
    block.strings.forEach((fresh, field) => {
      const known = this.fields[field] as string[];
      for (const text of fresh) known.push(text);
    });
    return !block.reset;
  }

  /** The strings of one field (repository, tag, digest, addr, actor, agent), by code. */
  field(field: number): string[] {
    return this.fields[field] as string[];
  }
}

export interface BlockHandler {
  request(request: QueuedRequest, late: boolean): void;
  release(mark: number): void;
}

type SixTexts = [string[], string[], string[], string[], string[], string[]];

/** One block's columns with the strings their codes stand for (no allocation per record but the request). */
class BlockView {
  readonly cols: Columns;
  private readonly texts: SixTexts;

  constructor(
    block: Block,
    table: StringTable,
    private readonly caches: CodeCaches,
  ) {
    this.cols = columns(block.buffer, block.capacity);
    this.texts = Array.from({ length: FIELDS }, (_, field) => table.field(field)) as SixTexts;
  }

  /** Record `i` as a request: texts shared through the table, client and label ids through the caches. */
  request(i: number): QueuedRequest {
    const { codes, ts, method, keyHi, keyLo } = this.cols;
    const { caches, texts } = this;
    const repository = codes[REPOSITORY][i] as number;
    const tag = codes[TAG][i] as number;
    const digest = codes[DIGEST][i] as number;
    const addr = codes[ADDR][i] as number;
    const actor = codes[ACTOR][i] as number;
    const agent = codes[AGENT][i] as number;
    const repositoryText = texts[REPOSITORY][repository] as string;
    const tagText = tag < 0 ? undefined : texts[TAG][tag];
    const digestText = texts[DIGEST][digest] as string;
    const addrText = texts[ADDR][addr] as string;
    const actorText = actor < 0 ? undefined : texts[ACTOR][actor];
    const agentText = texts[AGENT][agent] as string;
    return new QueuedRequest(
      '',
      ts[i] as number,
      repositoryText,
      method[i] === 1 ? 'HEAD' : 'GET',
      tagText,
      digestText,
      '',
      addrText,
      actorText,
      agentText,
      caches.client(addr, actor, addrText, actorText),
      keyHi[i] as number,
      keyLo[i] as number,
      caches.repository(repository, repositoryText),
      caches.agent(agent, agentText),
      caches.digest(digest, digestText),
      caches.tag(tag, tagText),
    );
  }
}

/**
 * Replays a block's records in order: requests (rebuilt, their texts shared through `table`, their
 * client and label ids resolved through `caches`) and marks.
 */
export function readBlock(block: Block, table: StringTable, caches: CodeCaches, handler: BlockHandler): void {
  if (!table.learn(block)) caches.reset();
  const view = new BlockView(block, table, caches);
  const { op, ts } = view.cols;
  for (let i = 0; i < block.length; i += 1) {
    const kind = op[i];
    if (kind === RELEASE) handler.release(ts[i] as number);
    else handler.request(view.request(i), kind === LATE);
  }
}
