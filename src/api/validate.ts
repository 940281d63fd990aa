import type { z } from 'zod';
import { AppError } from '../shared/app-error';

/** Parses external input with a schema; every problem is named by its dotted field path (422). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        message: 'unknown field',
      }));
    }
    return [{ field: path || '(body)', message: issue.message }];
  });
  throw new AppError('validation_failed', 'The request has invalid fields.', {
    fields: fields.flat(),
  });
}
