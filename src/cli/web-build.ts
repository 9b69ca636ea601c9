/** Builds the web UI with Vite when dist/web is missing or older than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = join(ROOT, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureWebBuild(): Promise<void> {
  const index = join(WEB_DIR, 'index.html');
  const sources = [join(ROOT, 'src', 'web'), join(ROOT, 'src', 'contracts')].filter(existsSync);
  if (sources.length === 0) return;
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const newest = Math.max(...sources.map(newestMtime), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (built >= newest) return;
  console.log('Building the web UI (first start or sources changed)…');
  const t0 = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  console.log(`Web UI built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
}
