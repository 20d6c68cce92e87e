import argon2 from 'argon2';

/**
 * Passwords are hashed with argon2id (OWASP's recommended parameters: 19 MiB memory, 2 iterations, 1 lane).
 * `verify` reads the parameters from the stored PHC string, so raising them later only needs `needsRehash`.
 */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function passwordNeedsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, options);
}

/** Verifying against this when no account matches keeps sign-in time the same for unknown e-mail addresses. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('palermo-no-such-account-placeholder');
  return dummyHash;
}
