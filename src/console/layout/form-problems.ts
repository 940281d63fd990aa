import { AppError } from '../../shared/app-error';

/**
 * A rejected form's problems by field, from the AppError the shared validation throws (the
 * same rules as the API); anything else is not a form problem and is rethrown.
 */
export function formProblems(error: unknown): { message: string; fields: Map<string, string> } {
  if (
    error instanceof AppError &&
    (error.code === 'validation_failed' || error.code === 'conflict')
  )
    return {
      message: error.message,
      fields: new Map(error.fields.map((f) => [f.field, f.message])),
    };
  throw error;
}
