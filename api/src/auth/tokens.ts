// Token handling of Lucia's session guide, on @oslojs: "<id>.<secret>", 120+ bits of entropy each half,
// only SHA-256(secret) stored, compared in constant time.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

const random = () => encodeBase32LowerCaseNoPadding(randomBytes(20)); // 160 bits

export function generateToken(): { id: string; secret: string; token: string; secretHash: Uint8Array } {
  const id = random();
  const secret = random();
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

/** Splits a presented token; null when it is not of our shape. */
export function parseToken(token: string): { id: string; secret: string } | null {
  const m = /^([a-z2-7]{16,64})\.([a-z2-7]{16,64})$/.exec(token);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export const secretMatches = (secret: string, stored: Uint8Array) => constantTimeEqual(hashSecret(secret), new Uint8Array(stored));
