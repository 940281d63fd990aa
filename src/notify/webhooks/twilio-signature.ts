import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { AppError } from '../../shared/app-error';

/**
 * Verifies X-Twilio-Signature with Twilio's own helper against the public URL Twilio called
 * (built from PUBLIC_BASE_URL, never from the Host header). Without an auth token nothing is
 * accepted.
 */
export function requireTwilioSignature(
  authToken: string | undefined,
  publicBaseUrl: string,
): RequestHandler {
  return (req, _res, next) => {
    const signature = req.header('x-twilio-signature');
    const params = (req.body ?? {}) as Record<string, string>;
    const url = `${publicBaseUrl}${req.originalUrl}`;
    if (!authToken || !signature || !twilio.validateRequest(authToken, signature, url, params)) {
      return next(new AppError('forbidden', 'The Twilio signature is missing or wrong.'));
    }
    next();
  };
}
