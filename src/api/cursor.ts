import { AppError } from '../shared/app-error';

/** Where a newest-first list left off: the last item's time, and its id to break ties. */
export interface CursorPosition {
  at: Date;
  id: string;
}

/** An opaque `nextCursor`: base64url of `<ISO time>|<id>`. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

/** Reads a cursor from a query string; anything but a `nextCursor` we gave is a 422 on `cursor`. */
export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (!cursor) return undefined;
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(time ?? '');
  if (!id || !/^[0-9a-f]{24}$/.test(id) || Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', 'Invalid cursor.', {
      fields: [{ field: 'cursor', message: 'use nextCursor from a previous page' }],
    });
  }
  return { at, id };
}

/**
 * One page from `limit + 1` items read: the first `limit`, and a cursor after the last of them
 * when there is more (null on the last page).
 */
export function pageOf<T>(
  items: T[],
  limit: number,
  positionOf: (item: T) => CursorPosition,
): { items: T[]; nextCursor: string | null } {
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown,
    nextCursor: items.length > limit && last ? encodeCursor(positionOf(last)) : null,
  };
}
