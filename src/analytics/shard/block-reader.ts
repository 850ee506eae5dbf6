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

/** One block's columns with the strings their codes stand for. */
class BlockView {
  readonly cols: Columns;
  private readonly texts: string[][];

  constructor(
    block: Block,
    table: StringTable,
    private readonly caches: CodeCaches,
  ) {
    this.cols = columns(block.buffer, block.capacity);
    this.texts = Array.from({ length: FIELDS }, (_, field) => table.field(field));
  }

  private text(field: number, code: number): string {
    return (this.texts[field] as string[])[code] as string;
  }

  /** Record `i` as a request: texts shared through the table, client and label ids through the caches. */
  request(i: number, id: string): QueuedRequest {
    const { codes, ts, method } = this.cols;
    const { caches } = this;
    const at = (field: number) => (codes[field] as Int32Array)[i] as number;
    const [repository, tag, digest, addr, actor, agent] = [
      at(REPOSITORY),
      at(TAG),
      at(DIGEST),
      at(ADDR),
      at(ACTOR),
      at(AGENT),
    ];
    const repositoryText = this.text(REPOSITORY, repository);
    const tagText = tag < 0 ? undefined : this.text(TAG, tag);
    const digestText = this.text(DIGEST, digest);
    const addrText = this.text(ADDR, addr);
    const actorText = actor < 0 ? undefined : this.text(ACTOR, actor);
    const agentText = this.text(AGENT, agent);
    return new QueuedRequest(
      id,
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
  let request = 0;
  for (let i = 0; i < block.length; i += 1) {
    const kind = op[i];
    if (kind === RELEASE) handler.release(ts[i] as number);
    else {
      handler.request(view.request(i, block.ids[request] as string), kind === LATE);
      request += 1;
    }
  }
}
