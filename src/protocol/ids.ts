import { randomInt } from 'node:crypto';
import { cstParts } from '../core/time.js';

// Identifiers the merchant side makes up. Digits only after the prefix: bank systems
// sometimes upper-case or trim what they store, and digits survive both.

/** `n` uniformly random decimal digits (crypto RNG). */
export function randomDigits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomInt(0, 1_000_000)).padStart(6, '0');
  return s.slice(0, n);
}

function stamp(at: Date): string {
  const { date, time } = cstParts(at);
  return date + time;
}

/** A merchant order number: `imp` + yyyyMMddHHmmss (Asia/Shanghai) + 10 random digits = 27 bytes (orderno is char(30)). */
export function generateOrderNo(at: Date = new Date()): string {
  return `imp${stamp(at)}${randomDigits(10)}`;
}

/** A merchant refund number: `impR` + yyyyMMddHHmmss + 10 random digits = 28 bytes (refundno is char(30)). */
export function generateRefundNo(at: Date = new Date()): string {
  return `impR${stamp(at)}${randomDigits(10)}`;
}

/** A request serial number: `imp` + yyyyMMddHHmmssSSS + 12 random digits = 32 bytes (serialno is char(50)). */
export function generateSerialNo(at: Date = new Date()): string {
  const ms = String(at.getTime() % 1000).padStart(3, '0');
  return `imp${stamp(at)}${ms}${randomDigits(12)}`;
}
