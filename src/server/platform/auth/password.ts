import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its default cost; OWASP's minimums are below it.
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return undefined;
}
