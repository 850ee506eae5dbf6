import { inspect } from 'node:util';
import { AppError } from '../../core/errors.js';
import type { Advisory, Affected, DistroStatus } from '../model.js';
import { ENTRY_FIELDS } from './package-lists.js';
import type { Slice } from './records.js';
import { type Expansions, expand } from './slice-codec.js';

export type Head = Omit<Advisory, 'affected'>;

/** Where a lazy record finds its head (package-lookup.ts keeps the database open while one may ask). */
export interface HeadSource {
  head(adv: number): Head | undefined;
}

/** One look-up's entries, shared by its records: see package-lists.ts for the layout. */
export interface ListView {
  entries: (number | string)[];
  sources: string[];
  /** lines[i + 1]: entry i's slice (compacted when `table` is set), or several plain ones in stored order. */
  lines: (string | string[])[];
  table: Expansions | undefined;
  heads: HeadSource;
}

interface Parts {
  affected: Affected[];
  statuses: DistroStatus[] | undefined;
}

type Target = Record<PropertyKey, unknown>;

// Until a record is filled its target is empty, and util.inspect shows a proxy's target without asking
// the proxy: this prototype lends the target an inspect hook that shows the record instead.
const unfilled: object = Object.freeze(
  Object.create(Object.prototype, {
    [inspect.custom]: {
      value(this: Advisory) {
        return { ...this };
      },
    },
  }),
);

/** The advisory object a package look-up returns for entry `index` of `view`. */
export function lazyAdvisory(view: ListView, index: number): Advisory {
  return new Proxy(Object.create(unfilled) as Target, new LazyAdvisory(view, index)) as unknown as Advisory;
}

/**
 * One advisory returned by a package look-up, parsed only as far as it is read. The matcher reads id,
 * source and withdrawn (known from the package list), then `distro_statuses` or `affected` (this
 * package's slice, parsed on first read); only records it reports need their head (summary, severity,
 * aliases...). Any other use — another field, `in`, Object.keys, spread, JSON.stringify, a write —
 * first fills the target with exactly the object an eager look-up builds (`{...head, affected,
 * distro_statuses?}`, same key order, head values shared and frozen), and from then on the proxy only
 * forwards. What differs from a plain object: structuredClone refuses proxies (JSON.stringify is fine).
 */
class LazyAdvisory implements ProxyHandler<Target> {
  private view: ListView | undefined;
  private parts: Parts | undefined;

  constructor(
    view: ListView,
    private readonly index: number,
  ) {
    this.view = view;
  }

  get(target: Target, key: PropertyKey): unknown {
    const view = this.view;
    if (view) {
      const at = this.index * ENTRY_FIELDS;
      switch (key) {
        case 'id':
          return view.entries[at + 3];
        case 'source':
          return view.sources[view.entries[at + 4] as number];
        case 'affected':
          return this.partsOf(view).affected;
        case 'distro_statuses':
          return this.partsOf(view).statuses;
        case 'withdrawn':
          if (view.entries[at + 2] === 0) return undefined;
          break;
      }
      this.fill(target);
    }
    return Reflect.get(target, key);
  }

  has(target: Target, key: PropertyKey): boolean {
    this.fill(target);
    return Reflect.has(target, key);
  }

  ownKeys(target: Target): (string | symbol)[] {
    this.fill(target);
    return Reflect.ownKeys(target);
  }

  getOwnPropertyDescriptor(target: Target, key: PropertyKey): PropertyDescriptor | undefined {
    this.fill(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  set(target: Target, key: PropertyKey, value: unknown): boolean {
    this.fill(target);
    return Reflect.set(target, key, value);
  }

  deleteProperty(target: Target, key: PropertyKey): boolean {
    this.fill(target);
    return Reflect.deleteProperty(target, key);
  }

  defineProperty(target: Target, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
    this.fill(target);
    return Reflect.defineProperty(target, key, descriptor);
  }

  preventExtensions(target: Target): boolean {
    this.fill(target);
    return Reflect.preventExtensions(target);
  }

  getPrototypeOf(target: Target): object | null {
    return this.view ? Object.prototype : Reflect.getPrototypeOf(target);
  }

  setPrototypeOf(target: Target, prototype: object | null): boolean {
    this.fill(target);
    return Reflect.setPrototypeOf(target, prototype);
  }

  /** Builds the eager object in the target; the view (and with it the database) is no longer needed. */
  private fill(target: Target): void {
    const view = this.view;
    if (!view) return;
    const head = this.headOf(view);
    const parts = this.partsOf(view);
    Object.setPrototypeOf(target, Object.prototype);
    for (const key of Object.keys(head)) {
      const value = (head as Record<string, unknown>)[key];
      // plain assignment would set the prototype; a spread defines an own property
      if (key === '__proto__') defineOwn(target, key, value);
      else target[key] = value;
    }
    target.affected = parts.affected;
    if (parts.statuses) target.distro_statuses = parts.statuses;
    this.view = undefined;
    this.parts = undefined;
  }

  private headOf(view: ListView): Head {
    const at = this.index * ENTRY_FIELDS;
    const head = view.heads.head(view.entries[at] as number);
    if (head) return head;
    const what = `${view.entries[at + 3]} (${view.sources[view.entries[at + 4] as number]})`;
    throw new AppError('E_DB_CORRUPT', `advisory ${what} is listed for a package but not stored`, {
      hint: "run 'crowsnest db update' or 'crowsnest db import PATH' to rebuild the database",
    });
  }

  private partsOf(view: ListView): Parts {
    if (!this.parts) {
      const line = view.lines[this.index + 1] as string | string[];
      if (typeof line !== 'string') this.parts = merged(line);
      else {
        const slice = JSON.parse(view.table ? expand(line, view.table) : line) as Slice;
        this.parts = { affected: slice.a, statuses: slice.s };
      }
    }
    return this.parts;
  }
}

function defineOwn(target: Target, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A whole-distro look-up meets one slice per release: their entries, in stored order. */
function merged(slices: readonly string[]): Parts {
  const affected: Affected[] = [];
  let statuses: DistroStatus[] | undefined;
  for (const json of slices) {
    const slice = JSON.parse(json) as Slice;
    affected.push(...slice.a);
    if (slice.s) statuses = [...(statuses ?? []), ...slice.s];
  }
  return { affected, statuses };
}
