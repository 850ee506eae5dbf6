import { describe, expect, it } from 'vitest';
import { makeZip } from './__fixtures__/zip-writer.js';
import { scanArchive } from './scan-archive.js';

const pom = (g: string, a: string, v: string) => ({
  name: `META-INF/maven/${g}/${a}/pom.properties`,
  content: `groupId=${g}\nartifactId=${a}\nversion=${v}\n`,
});
const manifest = (lines: string[]) => ({
  name: 'META-INF/MANIFEST.MF',
  content: `${lines.join('\r\n')}\r\n`,
});
const coordinates = (result: Awaited<ReturnType<typeof scanArchive>>) =>
  result.archives.flatMap((a) =>
    a.identities.map((i) => `${a.path} ${i.groupId}:${i.artifactId}@${i.version} ${i.evidence}`),
  );

describe('scanArchive', () => {
  it('reports every pom.properties of a shaded jar, once each', async () => {
    const jar = makeZip([
      manifest(['Implementation-Version: 9']),
      pom('com.example', 'app', '1.0'),
      pom('com.google.guava', 'guava', '31.1-jre'),
      {
        ...pom('com.google.guava', 'guava', '31.1-jre'),
        name: 'META-INF/maven/com.google.guava/guava/pom.properties',
      },
      { name: 'com/example/App.class', content: 'cafebabe' },
    ]);
    const result = await scanArchive(jar, '/app.jar');
    expect(coordinates(result).sort()).toEqual([
      '/app.jar com.example:app@1.0 pom.properties',
      '/app.jar com.google.guava:guava@31.1-jre pom.properties',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('falls back to the manifest, then to the file name', async () => {
    const withManifest = makeZip([
      manifest([
        'Implementation-Title: XZ data compression',
        'Implementation-Version: 1.9',
        'Bundle-SymbolicName: org.tukaani.xz',
        'Bundle-License: 0BSD',
      ]),
    ]);
    const onlyName = makeZip([manifest(['Manifest-Version: 1.0']), { name: 'a.class', content: 'x' }]);
    const a = await scanArchive(withManifest, '/usr/share/java/xz-1.9.jar');
    expect(coordinates(a)).toEqual(['/usr/share/java/xz-1.9.jar org.tukaani:xz@1.9 manifest']);
    expect(a.archives[0]!.identities[0]!.license).toBe('0BSD');
    const b = await scanArchive(onlyName, '/opt/lib/tool-2.4.1.jar');
    expect(coordinates(b)).toEqual(['/opt/lib/tool-2.4.1.jar :tool@2.4.1 file-name']);
  });

  it('takes Implementation-Vendor-Id as the groupId and Bundle-Version when there is no Implementation-Version', async () => {
    const jar = makeZip([
      manifest([
        'Bundle-SymbolicName: com.jcraft.jsch',
        'Bundle-Version: 0.1.54',
        'Implementation-Vendor-Id: com.jcraft',
      ]),
    ]);
    expect(coordinates(await scanArchive(jar, '/x/jsch.jar'))).toEqual([
      '/x/jsch.jar com.jcraft:jsch@0.1.54 manifest',
    ]);
  });

  it('reads nested archives with virtual paths: war, Spring Boot, ear', async () => {
    const inner = makeZip([pom('org.apache.commons', 'commons-text', '1.10.0')]);
    const war = makeZip([
      pom('com.example', 'web', '2.0'),
      { name: 'WEB-INF/lib/commons-text-1.10.0.jar', content: inner, store: true },
    ]);
    const boot = makeZip([
      { name: 'BOOT-INF/lib/commons-text-1.10.0.jar', content: inner, store: true },
      manifest(['Implementation-Version: 3.1']),
    ]);
    const ear = makeZip([
      { name: 'web.war', content: war },
      { name: 'lib/boot-3.1.jar', content: boot },
    ]);
    const result = await scanArchive(ear, '/srv/app-5.ear');
    expect(coordinates(result).sort()).toEqual([
      '/srv/app-5.ear :app@5 file-name',
      '/srv/app-5.ear!/lib/boot-3.1.jar :boot@3.1 manifest',
      '/srv/app-5.ear!/lib/boot-3.1.jar!/BOOT-INF/lib/commons-text-1.10.0.jar org.apache.commons:commons-text@1.10.0 pom.properties',
      '/srv/app-5.ear!/web.war com.example:web@2.0 pom.properties',
      '/srv/app-5.ear!/web.war!/WEB-INF/lib/commons-text-1.10.0.jar org.apache.commons:commons-text@1.10.0 pom.properties',
    ]);
  });

  it('stops at the nesting depth and says so', async () => {
    let archive = makeZip([pom('g', 'leaf', '1')]);
    for (let level = 4; level >= 1; level -= 1)
      archive = makeZip([pom('g', `level${level}`, '1'), { name: `lib/x${level}.jar`, content: archive }]);
    const result = await scanArchive(archive, '/top.jar', { maxDepth: 3, maxBytes: 1e9 });
    expect(coordinates(result).map((line) => line.split(' ')[1])).toEqual([
      'g:level1@1',
      'g:level2@1',
      'g:level3@1',
      'g:level4@1',
    ]);
    expect(result.problems).toEqual([
      {
        path: '/top.jar!/lib/x1.jar!/lib/x2.jar!/lib/x3.jar!/lib/x4.jar',
        reason: 'nested deeper than 3 archives',
      },
    ]);
  });

  it('turns a zip bomb into a problem: the byte budget stops it', async () => {
    const bomb = makeZip([
      { name: 'WEB-INF/lib/bomb.jar', content: Buffer.alloc(8 * 1024 ** 2) },
      pom('g', 'a', '1'),
    ]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const result = await scanArchive(bomb, '/bomb.war', { maxDepth: 3, maxBytes: 1024 ** 2 });
    expect(coordinates(result)).toEqual(['/bomb.war g:a@1 pom.properties']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.path).toBe('/bomb.war!/WEB-INF/lib/bomb.jar');
    expect(result.problems[0]!.reason).toMatch(/over the \d+-byte cap/);
  });

  it('catches a header that understates the inflated size', async () => {
    const liar = makeZip([{ name: 'lib/liar.jar', content: Buffer.alloc(4 * 1024 ** 2), declaredSize: 100 }]);
    const result = await scanArchive(liar, '/liar-1.0.jar', { maxDepth: 3, maxBytes: 1024 ** 2 });
    expect(result.problems.map((p) => p.path)).toEqual(['/liar-1.0.jar!/lib/liar.jar']);
    expect(result.problems[0]!.reason).toMatch(/cap|too many|size/i);
  });

  it.each([
    ['not a zip', Buffer.from('plain text, no zip here')],
    ['empty', Buffer.alloc(0)],
    ['truncated', makeZip([pom('g', 'a', '1')]).subarray(0, 60)],
  ])('turns a corrupt archive into a problem: %s', async (_, data) => {
    const result = await scanArchive(data, '/bad.jar');
    expect(result.archives).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.reason).toMatch(/^not a readable zip archive/);
  });

  it('a corrupt nested archive does not hide its siblings', async () => {
    const good = makeZip([pom('g', 'good', '1')]);
    const war = makeZip([
      { name: 'WEB-INF/lib/broken.jar', content: 'PK\u0003\u0004 broken' },
      { name: 'WEB-INF/lib/good.jar', content: good },
    ]);
    const result = await scanArchive(war, '/app-1.war');
    expect(coordinates(result).sort()).toEqual([
      '/app-1.war :app@1 file-name',
      '/app-1.war!/WEB-INF/lib/good.jar g:good@1 pom.properties',
    ]);
    expect(result.problems.map((p) => p.path)).toEqual(['/app-1.war!/WEB-INF/lib/broken.jar']);
  });
});
