/**
 * Passwords: argon2id hashes, and the rules a new password must meet — at least 12 characters,
 * not a common password, not made of the person's own e-mail or name, not one repeated character.
 */
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** argon2id (algorithm 2) with OWASP's recommended memory and time costs. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** A real hash of a throwaway password: verifying against it costs what a real check costs. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown e-mail, account without a
 * password) it still spends the same time, so timing does not tell which e-mails exist.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    decoyHash ??= hashPassword('decoy password that never matches');
    await verify(await decoyHash, password.slice(0, MAX_PASSWORD_LENGTH)).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password.slice(0, MAX_PASSWORD_LENGTH));
  } catch {
    return false;
  }
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  // "password2024!", "qwertyuiop123": a common word with digits or symbols stuck on the end.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (stem.length >= 6 && COMMON.has(stem)) return true;
  if (/^(.)\1+$/u.test(password)) return true;
  if ('01234567890123456789'.includes(lower) || 'abcdefghijklmnopqrstuvwxyz'.includes(lower)) return true;
  if ('qwertyuiopasdfghjklzxcvbnm'.includes(lower) || '1qaz2wsx3edc4rfv5tgb6yhn'.includes(lower)) return true;
  return false;
}

/** Why a password is refused (a catalog key), or null when it is acceptable. */
export function passwordProblem(password: string, person: { email?: string | null; name?: string | null } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'identity.password.too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'identity.password.too_long';
  if (isCommon(password)) return 'identity.password.too_common';
  const lower = password.toLowerCase();
  const local = person.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'identity.password.contains_personal';
  const name = person.name?.toLowerCase().replace(/\s+/g, '');
  if (name && name.length >= 4 && lower.replace(/\s+/g, '').includes(name)) return 'identity.password.contains_personal';
  return null;
}

/** The zod schema for a new password (personal checks happen where the person is known). */
export const newPasswordSchema = z
  .string({ error: 'identity.password.required' })
  .min(MIN_PASSWORD_LENGTH, { error: 'identity.password.too_short' })
  .max(MAX_PASSWORD_LENGTH, { error: 'identity.password.too_long' })
  .refine((value) => !isCommon(value), { error: 'identity.password.too_common' });
