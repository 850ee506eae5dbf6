import { describe, expect, it } from 'vitest';
import { L, labelFields, PullBatch, PullRow } from './batch.js';

describe('pull batches', () => {
  it('name label columns in table order', () => {
    labelFields.forEach((field, i) => {
      expect(L[field]).toBe(i);
    });
  });

  it('cross threads as one buffer and take the store’s label ids', () => {
    const batch = new PullBatch(4);
    const row = new PullRow();
    for (let i = 0; i < 3; i += 1) {
      row.ts = Date.UTC(2026, 8, 29) + i;
      row.labels.fill(i + 1);
      row.mayRepeat = i === 2;
      batch.add(row);
    }
    const state = structuredClone(batch.describe(), { transfer: [batch.buffer] });
    const copy = PullBatch.from(state);
    expect([copy.length, copy.minTs, copy.maxTs, copy.mayRepeat]).toEqual([
      3,
      Date.UTC(2026, 8, 29),
      Date.UTC(2026, 8, 29) + 2,
      1,
    ]);
    copy.remapLabels(Int32Array.from([0, 10, 20, 30]));
    for (const column of copy.ids) expect([...column.subarray(0, 3)]).toEqual([10, 20, 30]);
  });
});
