import type { Request } from 'express';

/**
 * One cookie straight from the header, only when its value has the expected shape: the few
 * pages that use cookies need one each, so no parser runs on every request.
 */
export function readCookie(req: Request, name: string, shape: RegExp): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === name && value && shape.test(value)) return value;
  }
  return undefined;
}
