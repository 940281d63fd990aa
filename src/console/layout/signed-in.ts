import type { ConsoleContext } from '../auth/console-session';

/** The header's account block for a signed-in page. */
export function signedInAs(context: ConsoleContext): { shop: string; email: string; csrf: string } {
  return {
    shop: context.merchant.branding.displayName,
    email: context.session.email,
    csrf: context.csrf,
  };
}
