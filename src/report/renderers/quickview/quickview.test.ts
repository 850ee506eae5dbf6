import { describe, expect, it } from 'vitest';
import { cleanReport, sampleReport } from '../../__fixtures__/reports.js';
import { quickviewRows, renderQuickview } from './quickview.js';

describe('quickview', () => {
  it('shows the image row as seed 002 does, suppressed findings not counted', () => {
    expect(renderQuickview(quickviewRows(sampleReport()))).toBe(
      '  Your image  registry.test/shop/web:1.4  │     2C     3H     2M     0L     1?\n',
    );
    expect(renderQuickview(quickviewRows(cleanReport()))).toBe(
      '  Your image  registry.test/shop/web:1.4  │     0C     0H     0M     0L\n',
    );
  });

  it('lines up base-image rows and their change rows on the bar', () => {
    const text = renderQuickview([
      {
        label: 'Your image',
        image: 'postgres:13.1',
        counts: { critical: 17, high: 32, medium: 35, low: 33, unspecified: 0 },
      },
      {
        label: 'Base image',
        image: 'debian:buster-slim',
        counts: { critical: 9, high: 14, medium: 9, low: 23, unspecified: 0 },
      },
      {
        label: 'Refreshed base image',
        image: 'debian:buster-slim',
        counts: { critical: 0, high: 1, medium: 6, low: 29, unspecified: 0 },
        delta: { critical: -9, high: -13, medium: -3, low: 6, unspecified: 0 },
      },
    ]);
    expect(text).toBe(
      [
        '  Your image  postgres:13.1                 │    17C    32H    35M    33L',
        '  Base image  debian:buster-slim            │     9C    14H     9M    23L',
        '  Refreshed base image  debian:buster-slim  │     0C     1H     6M    29L',
        '                                            │     -9    -13     -3     +6',
        '',
      ].join('\n'),
    );
  });
});
