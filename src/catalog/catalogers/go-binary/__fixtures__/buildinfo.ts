/**
 * Go build info blobs as the Go linker lays them out (debug/buildinfo's format facts): a 32-byte header —
 * magic, pointer size, flags — then, from Go 1.18, two varint-length-prefixed strings, the modinfo wrapped
 * in two 16-byte sentinels. Used by unit tests; the differential test reads real `go build` output.
 */
export const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

export function wrapModinfo(text: string): Buffer {
  return Buffer.concat([START, Buffer.from(text), END]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

export function inlineBlob(goVersion: string, modinfo: Buffer): Buffer {
  const header = Buffer.alloc(32);
  MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  const version = Buffer.from(goVersion);
  return Buffer.concat([header, varint(version.length), version, varint(modinfo.length), modinfo]);
}

export const SAMPLE_MODINFO = [
  'path\texample.invalid/cmd/tool',
  'mod\texample.invalid/tool\t(devel)\t',
  'dep\tgolang.org/x/mod\tv0.7.0\th1:q6+7j9YOJyZhRIfzp7O2g4NwVts6gPbndw2MKRN1x1o=',
  'dep\tgolang.org/x/text\tv0.7.0',
  '=>\texample.invalid/text-fork\tv0.7.1\th1:K/xUDlteJAVijEKQ749l4fli+HWVUXHRf7oyh4/qw/g=',
  '',
  'dep\tgithub.com/Azure/go-autorest\tv14.2.0+incompatible\th1:V5VMDjClD3GiElqLWO7mz2MxNAK/vTfRHdAubSIPRgs=',
  'dep\texample.invalid/local\tv1.0.0',
  '=>\t../local\t(devel)\t',
  'build\t-compiler=gc',
  'build\t-ldflags="-s -w -X main.version=1.2.3"',
  'build\tCGO_ENABLED=0',
  'build\tvcs.revision=0123456789abcdef',
  '',
].join('\n');
