import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, secret } from './config.js';

describe('secrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parklink-secret-'));
  it('reads a secret from a file only its owner can read', () => {
    const f = join(dir, 'ok');
    writeFileSync(f, 'postgres://x\n');
    chmodSync(f, 0o600);
    expect(secret('DATABASE_URL', { DATABASE_URL_FILE: f })).toBe('postgres://x');
  });
  it('refuses a secret file others can read', () => {
    const f = join(dir, 'open');
    writeFileSync(f, 'x');
    chmodSync(f, 0o644);
    expect(() => secret('DATABASE_URL', { DATABASE_URL_FILE: f })).toThrow(ConfigError);
  });
  it('falls back to the variable itself', () => {
    expect(secret('DATABASE_URL', { DATABASE_URL: 'postgres://y' })).toBe('postgres://y');
    expect(secret('DATABASE_URL', {})).toBeUndefined();
  });
});
