/**
 * Fills `{name}` placeholders in plain text (subjects, copy lines, SMS) in one pass: inserted
 * values are never scanned again, so a name containing `{order}` stays as written.
 */
export function fillText(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}
