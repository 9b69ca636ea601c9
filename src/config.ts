/**
 * Runtime configuration from the environment (CLI flags override it). Secrets come from the
 * environment or from a file named by NAME_FILE, which must be readable by its owner only (0600).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
}

export class ConfigError extends Error {}

/** A secret from NAME, or from the file NAME_FILE (mode 0600 or stricter). */
export function secret(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new ConfigError(`${name}_FILE ${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it.`);
    }
    return readFileSync(file, 'utf8').trim();
  }
  return env[name] || undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: secret('DATABASE_URL', env),
    dataDir: env.PARKLINK_DATA_DIR || join(process.cwd(), 'var', 'data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
  };
}
