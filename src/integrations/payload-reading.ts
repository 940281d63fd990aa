/** Narrow readers for untrusted store payloads: a wrong type reads as absent. */
export type Json = Record<string, unknown>;

export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

/** A trimmed non-empty string; numbers (ids) are read as their decimal text. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

export function count(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Drops undefined values so drafts carry only what the store gave. */
export function defined<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function fullName(...parts: unknown[]): string | undefined {
  return text(parts.map(text).filter(Boolean).join(' '));
}

/**
 * JSON.parse, except that integers too large for a double (Shopify ids reach 18 digits) are read
 * as their exact decimal text instead of being rounded into another id.
 */
export function parseStorePayload(raw: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += raw[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c >= '0' && c <= '9' && !/[\d.eE+-]/.test(raw[i - 1] ?? '')) {
      let j = i;
      while (j < raw.length && /\d/.test(raw[j] as string)) j++;
      const digits = raw.slice(i, j);
      const integer = !/[.eE]/.test(raw[j] ?? '');
      out += integer && !Number.isSafeInteger(Number(digits)) ? `"${digits}"` : digits;
      i = j - 1;
    } else out += c;
  }
  return JSON.parse(out);
}
