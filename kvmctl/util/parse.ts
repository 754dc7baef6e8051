// Parsers shared by the CLI flags and the unittest header: sizes, numbers, registers.
import { CONTROL_NAMES, REG_NAMES, type ControlName, type RegName } from '../engine/abi/structs.js';

/** 64K, 2M, 1G, 4096 or 0x1000, as a byte count. */
export function parseSize(text: string): number | undefined {
  const m = /^(0x[0-9a-f]+|\d+)([KMG])?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(m[2] ?? '').toUpperCase() as 'K' | 'M' | 'G'] ?? 1;
  const n = Number(BigInt(m[1]) * BigInt(unit));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A decimal or 0x-hex unsigned value of at most 64 bits (optionally with _ separators). */
export function parseU64(text: string): bigint | undefined {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) return undefined;
  const v = BigInt(t);
  return v < 1n << 64n ? v : undefined;
}

export function parseAddress(text: string): number | undefined {
  const v = parseU64(text);
  return v !== undefined && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

export const isRegName = (n: string): n is RegName => (REG_NAMES as readonly string[]).includes(n);
export const isControlName = (n: string): n is ControlName => (CONTROL_NAMES as readonly string[]).includes(n);

/** NAME=VALUE; the caller validates the name. */
export function splitAssignment(text: string): [string, string] | undefined {
  const i = text.indexOf('=');
  if (i <= 0 || i === text.length - 1) return undefined;
  return [text.slice(0, i).trim().toLowerCase(), text.slice(i + 1).trim()];
}

/** Hex bytes such as "41 42" or "4142" or "0x4142" (in memory order). */
export function parseHexBytes(text: string): Uint8Array | undefined {
  const t = text.trim().replace(/^0x/i, '').replace(/[\s_:]/g, '');
  if (t.length === 0 || t.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(t)) return undefined;
  return Uint8Array.from(Buffer.from(t, 'hex'));
}
