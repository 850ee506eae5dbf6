import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readDirectoryTree } from '../../../fs/read-directory-tree.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { makeZip } from './__fixtures__/zip-writer.js';
import { javaArchiveCataloger } from './index.js';

const jar = (g: string, a: string, v: string, extra: { name: string; content: Buffer }[] = []) =>
  makeZip([
    {
      name: `META-INF/maven/${g}/${a}/pom.properties`,
      content: `groupId=${g}\nartifactId=${a}\nversion=${v}\n`,
    },
    ...extra,
  ]);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('java-archive cataloger', () => {
  it('finds top-level and nested packages, skips symlinks, and makes unknowns of what it cannot read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'java-archive-'));
    dirs.push(root);
    mkdirSync(join(root, 'usr/share/java'), { recursive: true });
    mkdirSync(join(root, 'srv'), { recursive: true });
    writeFileSync(
      join(root, 'usr/share/java/commons-text.jar'),
      jar('org.apache.commons', 'commons-text', '1.10.0'),
    );
    symlinkSync('commons-text.jar', join(root, 'usr/share/java/commons-text-1.10.0.jar'));
    const inner = jar('org.apache.commons', 'commons-lang3', '3.12.0');
    writeFileSync(
      join(root, 'srv/shop.war'),
      jar('com.example', 'shop', '2.0', [{ name: 'WEB-INF/lib/commons-lang3-3.12.0.jar', content: inner }]),
    );
    writeFileSync(join(root, 'srv/broken.jar'), 'not a zip');
    writeFileSync(join(root, 'srv/huge-1.0.jar'), Buffer.alloc(4096));
    const tree = await readDirectoryTree(root);
    const result = await runCatalogers(tree, [javaArchiveCataloger], { limits: { maxFileBytes: 2048 } });
    expect(result.packages.map((p) => `${p.purl} ${p.locations[0]!.path} ${p.layer}`).sort()).toEqual([
      'pkg:maven/com.example/shop@2.0 /srv/shop.war 0',
      'pkg:maven/org.apache.commons/commons-lang3@3.12.0 /srv/shop.war!/WEB-INF/lib/commons-lang3-3.12.0.jar 0',
      'pkg:maven/org.apache.commons/commons-text@1.10.0 /usr/share/java/commons-text.jar 0',
    ]);
    const nested = result.packages.find((p) => p.name === 'commons-lang3')!;
    expect(nested).toMatchObject({
      type: 'maven',
      version: '3.12.0',
      foundBy: 'java-archive',
      metadata: {
        groupId: 'org.apache.commons',
        artifactId: 'commons-lang3',
        evidence: 'pom.properties',
        nested: true,
      },
    });
    expect(result.unknowns.map((u) => u.path).sort()).toEqual(['/srv/broken.jar', '/srv/huge-1.0.jar']);
    expect(result.unknowns.find((u) => u.path === '/srv/huge-1.0.jar')!.reason).toMatch(
      /over the 2048-byte read limit/,
    );
  });

  it('attributes each package to the layer that introduced it', async () => {
    const v1 = jar('g', 'kept', '1.0');
    const layers = [
      await memoryLayer([
        { name: 'app/', type: 'directory' },
        { name: 'app/kept.jar', content: v1 },
        { name: 'app/upgraded.jar', content: jar('g', 'upgraded', '1.0') },
      ]),
      // rewritten unchanged (a chmod, a COPY of the same file): still introduced by layer 0
      await memoryLayer([{ name: 'app/kept.jar', content: v1 }]),
      await memoryLayer([
        { name: 'app/upgraded.jar', content: jar('g', 'upgraded', '2.0') },
        {
          name: 'app/added.war',
          content: jar('g', 'added', '1.0', [{ name: 'WEB-INF/lib/kept.jar', content: v1 }]),
        },
      ]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([javaArchiveCataloger]) });
    const result = await runCatalogers(tree, [javaArchiveCataloger]);
    expect(result.unknowns).toEqual([]);
    expect(
      result.packages
        .map(
          (p) =>
            `${p.name}@${p.version} ${p.locations[0]!.path} file:${p.locations[0]!.layer} introduced:${p.layer}`,
        )
        .sort(),
    ).toEqual([
      'added@1.0 /app/added.war file:2 introduced:2',
      'kept@1.0 /app/added.war!/WEB-INF/lib/kept.jar file:2 introduced:2',
      'kept@1.0 /app/kept.jar file:1 introduced:0',
      'upgraded@2.0 /app/upgraded.jar file:2 introduced:2',
    ]);
    await tree.close();
  });
});
