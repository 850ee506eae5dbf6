import { describe, expect, it } from 'vitest';
import { parseFileName } from './parse-file-name.js';

describe('parseFileName', () => {
  it.each([
    ['commons-lang3-3.12.0.jar', 'commons-lang3', '3.12.0'],
    ['log4j-1.2-api-2.19.0.jar', 'log4j-1.2-api', '2.19.0'],
    ['guava-31.1-jre.jar', 'guava', '31.1-jre'],
    ['netty-all-4.1.86.Final.jar', 'netty-all', '4.1.86.Final'],
    ['hamcrest-integration-1.3.1-SNAPSHOT.jar', 'hamcrest-integration', '1.3.1-SNAPSHOT'],
    ['foo-2.0-beta-3.jar', 'foo', '2.0-beta-3'],
    ['bcprov-jdk15on-1.70.jar', 'bcprov-jdk15on', '1.70'],
    ['jsr305-0.1~+svn49.jar', 'jsr305', '0.1~+svn49'],
    ['foo-7.war', 'foo', '7'],
    ['jenkins-plugin-1.0.HPI', 'jenkins-plugin', '1.0'],
    ['commons-lang3.jar', 'commons-lang3', undefined],
    ['1.0.jar', '1.0', undefined],
  ])('%s', (file, name, version) => {
    expect(parseFileName(file)).toEqual(version === undefined ? { name } : { name, version });
  });

  it('has no name for an empty stem', () => {
    expect(parseFileName('.jar')).toBeUndefined();
  });
});
