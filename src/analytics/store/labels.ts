/**
 * The text dictionary behind every `*_id` column: one id space for all attributes, id 0 = NULL.
 * New texts get ids in memory and are written with the rows that first use them.
 */
export class Labels {
  private readonly ids = new Map<string, number>();
  private readonly texts: (string | null)[] = [null];
  private fresh: [number, string][] = [];

  constructor(existing: Iterable<[number, string | null]> = []) {
    for (const [id, value] of existing) {
      if (id === 0 || value === null) continue;
      this.ids.set(value, id);
      this.texts[id] = value;
    }
  }

  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(value);
      this.ids.set(value, id);
      this.fresh.push([id, value]);
    }
    return id;
  }

  /** The id of a text already known, without adding it. */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  text(id: number): string | null {
    return this.texts[id] ?? null;
  }

  takeNew(): [number, string][] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Forgets texts not yet written (a failed flush): their ids are reissued. */
  restore(unwritten: [number, string][]): void {
    this.fresh = unwritten.concat(this.fresh);
  }
}
