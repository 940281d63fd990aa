import { z } from 'zod';

/** A console user's address as typed in a form or on the command line. */
export const consoleEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email())
  .pipe(z.string().max(254));
