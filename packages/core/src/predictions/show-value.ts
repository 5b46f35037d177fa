/** A value from an untrusted result, printable in a message (results arrive as any JSON). */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  // JSON.stringify gives undefined for undefined and functions, despite its declared type.
  return value === undefined || typeof value === 'function' ? String(value) : JSON.stringify(value);
}
