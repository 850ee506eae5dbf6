import { describe, expect, it } from 'vitest';
import { hostnameOf, isLoopbackHost, plainHttpAllowed } from './hosts.js';

describe('hosts', () => {
  it.each([
    ['localhost', 'localhost', true],
    ['localhost:5000', 'localhost', true],
    ['LOCALHOST:5000', 'localhost', true],
    ['registry.localhost:80', 'registry.localhost', true],
    ['127.0.0.1:5000', '127.0.0.1', true],
    ['127.255.3.4', '127.255.3.4', true],
    ['[::1]:5000', '::1', true],
    ['[0:0:0:0:0:0:0:1]', '0:0:0:0:0:0:0:1', true],
    ['128.0.0.1', '128.0.0.1', false],
    ['10.0.0.1:5000', '10.0.0.1', false],
    ['[::2]:5000', '::2', false],
    ['localhost.example.com', 'localhost.example.com', false],
    ['127.0.0.1.example.com', '127.0.0.1.example.com', false],
    ['ghcr.io', 'ghcr.io', false],
  ])('%s → host %s, loopback %s', (registry, host, loopback) => {
    expect(hostnameOf(registry)).toBe(host);
    expect(isLoopbackHost(registry)).toBe(loopback);
  });

  it('allows plain HTTP for loopback and listed hosts only', () => {
    expect(plainHttpAllowed('localhost:5000', [])).toBe(true);
    expect(plainHttpAllowed('reg.lan:5000', [])).toBe(false);
    expect(plainHttpAllowed('reg.lan:5000', ['reg.lan:5000'])).toBe(true);
    expect(plainHttpAllowed('reg.lan:5000', ['reg.lan'])).toBe(true);
    expect(plainHttpAllowed('reg.lan:5000', ['http://reg.lan:5000/'])).toBe(true);
    expect(plainHttpAllowed('reg.lan:5000', ['reg.lan:5001'])).toBe(false);
    expect(plainHttpAllowed('other.lan', ['reg.lan'])).toBe(false);
  });
});
