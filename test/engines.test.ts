/**
 * The Node.js version ParkLink promises (package.json `engines`, named in the README) must be one that
 * every locked dependency accepts; otherwise `npm install` warns EBADENGINE and a package may use
 * features that Node does not have.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('Node.js engines', () => {
  const promised = pkg.engines.node;
  const lowest = semver.minVersion(promised)?.version ?? '';

  it('names in the README the Node.js version package.json promises', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain(`Node.js ≥ ${promised.replace(/^>=\s*/, '')}`);
  });

  it('runs on the Node.js it is tested with', () => {
    expect(semver.satisfies(process.version, promised)).toBe(true);
  });

  it('has no locked dependency that refuses the oldest Node.js it promises or the one running', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const range = !p.engines || Array.isArray(p.engines) ? undefined : p.engines.node;
        if (!range) return [];
        const ok = [lowest, process.version].every((v) => semver.satisfies(v, range, { includePrerelease: true }));
        return ok ? [] : [`${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${range}`];
      });
    expect(refusing).toEqual([]);
  });
});
