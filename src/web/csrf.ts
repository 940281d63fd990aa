import { createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../shared/same-secret';
import type { Request, Response } from 'express';
import type { Config } from '../config/config';
import { readCookie } from './read-cookie';

/**
 * Signed double-submit protection for guest forms: a random cookie, and in the form an HMAC of
 * it keyed by the token secret. Another site can make the browser send the cookie but can
 * neither read it nor forge the matching field. No server-side state, so GET stays side-effect free.
 */
export class CsrfGuard {
  private readonly cookieName: string;

  constructor(private readonly config: Config) {
    // __Host- binds the cookie to this exact origin over HTTPS.
    this.cookieName = config.production ? '__Host-pl_csrf' : 'pl_csrf';
  }

  /** The form field value for this browser, setting its cookie when it has none. */
  issue(req: Request, res: Response): string {
    let value = this.cookieOf(req);
    if (!value) {
      value = randomBytes(18).toString('base64url');
      res.cookie(this.cookieName, value, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.production,
        path: '/',
      });
    }
    return this.sign(value);
  }

  verify(req: Request): boolean {
    const cookie = this.cookieOf(req);
    const field = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!cookie || typeof field !== 'string') return false;
    return sameSecret(this.sign(cookie), field);
  }

  private cookieOf(req: Request): string | undefined {
    return readCookie(req, this.cookieName, /^[A-Za-z0-9_-]{24}$/);
  }

  private sign(value: string): string {
    return createHmac('sha256', this.config.security.tokenSecret)
      .update(`csrf:${value}`)
      .digest('base64url');
  }
}
