import type Database from 'better-sqlite3';
import { ecosystemBaseKey, ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory } from '../model.js';
import { type Head, type HeadSource, type ListView, lazyAdvisory } from './lazy-advisory.js';
import { byIdThenSource, ENTRY_FIELDS, entryAt, type ListEntry, splitList } from './package-lists.js';

/** Freezes the head and its direct arrays and objects (aliases, severity...): cheap, and stops accidents. */
function freezeHead(head: Head): Head {
  for (const value of Object.values(head)) if (value && typeof value === 'object') Object.freeze(value);
  return Object.freeze(head);
}

/**
 * Package look-ups for the matcher: one package-list row per look-up, records parsed only as far as
 * they are read (lazy-advisory.ts). Heads are loaded on first need and kept (frozen, shared) for the
 * life of the reader. A record may need its head after the reader is closed, so `release` closes the
 * database only once no look-up's records are left (a FinalizationRegistry counts them).
 */
export class PackageLookup implements HeadSource {
  private readonly oneList;
  private readonly baseLists;
  private readonly headStmt;
  private readonly heads = new Map<number, Head>();
  private readonly views = new FinalizationRegistry<undefined>(() => this.viewGone());
  private liveViews = 0;
  private onLastView: (() => void) | undefined;

  constructor(
    db: Database.Database,
    private readonly cacheLimit = 100_000,
  ) {
    this.oneList = db
      .prepare('SELECT entries FROM package_lists WHERE base = ? AND name = ? AND ecosystem = ?')
      .pluck();
    this.baseLists = db.prepare('SELECT entries FROM package_lists WHERE base = ? AND name = ?').pluck();
    this.headStmt = db.prepare('SELECT head FROM advisories WHERE rowid = ?').pluck();
  }

  find(ecosystem: string, name: string, includeWithdrawn: boolean): Advisory[] {
    const eco = ecosystemKey(ecosystem);
    const pkg = packageKey(ecosystem, name);
    if (eco.includes(':')) {
      const text = this.oneList.get(ecosystemBaseKey(eco), pkg, eco) as string | undefined;
      return text === undefined ? [] : this.records(this.view(text), includeWithdrawn);
    }
    // a whole-distro query ("Debian") reads every release's list
    const texts = this.baseLists.all(eco, pkg) as string[];
    if (texts.length === 0) return [];
    if (texts.length === 1) return this.records(this.view(texts[0] as string), includeWithdrawn);
    return this.records(this.mergedView(texts), includeWithdrawn);
  }

  head(adv: number): Head | undefined {
    let head = this.heads.get(adv);
    if (!head) {
      const json = this.headStmt.get(adv) as string | undefined;
      if (json === undefined) return undefined;
      // shared by every result naming this advisory, so nobody may change it
      head = freezeHead(JSON.parse(json) as Head);
      if (this.heads.size >= this.cacheLimit) this.heads.clear();
      this.heads.set(adv, head);
    }
    return head;
  }

  /** Calls `close` now, or once the records of every look-up are gone. */
  release(close: () => void): void {
    if (this.liveViews === 0) close();
    else this.onLastView = close;
  }

  private viewGone(): void {
    this.liveViews--;
    if (this.liveViews === 0 && this.onLastView) {
      const close = this.onLastView;
      this.onLastView = undefined;
      close();
    }
  }

  private view(text: string): ListView {
    return { ...splitList(text), heads: this };
  }

  /** Several lists: one entry per advisory, its slices (expanded) in stored order, sorted like one list. */
  private mergedView(texts: readonly string[]): ListView {
    const byAdv = new Map<number, { entry: ListEntry; slices: ListEntry[] }>();
    for (const text of texts) {
      const parts = splitList(text);
      for (let i = 0; i < parts.entries.length / ENTRY_FIELDS; i++) {
        const entry = entryAt(parts, i);
        const seen = byAdv.get(entry.adv);
        if (seen) seen.slices.push(entry);
        else byAdv.set(entry.adv, { entry, slices: [entry] });
      }
    }
    const view: ListView = { entries: [], sources: [], lines: [''], table: undefined, heads: this };
    for (const { entry, slices } of [...byAdv.values()].sort((a, b) => byIdThenSource(a.entry, b.entry))) {
      view.entries.push(entry.adv, entry.ord, entry.withdrawn, entry.id, view.sources.push(entry.source) - 1);
      const plain = slices.sort((a, b) => a.ord - b.ord).map((s) => s.slice);
      view.lines.push(plain.length === 1 ? (plain[0] as string) : plain);
    }
    return view;
  }

  private records(view: ListView, includeWithdrawn: boolean): Advisory[] {
    const out: Advisory[] = [];
    const { entries } = view;
    for (let i = 0, at = 0; at < entries.length; i++, at += ENTRY_FIELDS) {
      if (entries[at + 2] === 2 && !includeWithdrawn) continue;
      out.push(lazyAdvisory(view, i));
    }
    if (out.length > 0) {
      this.liveViews++;
      this.views.register(view, undefined);
    }
    return out;
  }
}
