// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum).
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string) => hash(password);

// Verifying against a real hash when the account does not exist keeps the timing the same,
// so sign-in does not reveal which e-mails are registered.
let dummy: Promise<string> | undefined;
export async function verifyPassword(storedHash: string | null | undefined, password: string) {
  if (!storedHash) {
    dummy ??= hash("medk-timing-equaliser");
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
