/** Runtime configuration from the environment (and CLI flags, which override it). */
import { join } from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.PARKLINK_DATA_DIR || join(process.cwd(), 'var', 'data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
  };
}
