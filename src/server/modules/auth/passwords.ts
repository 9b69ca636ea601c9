/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane), PHC-encoded. */
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export async function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

/** A readable random password for first start and admin resets. */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
