import type { Config } from '../../config/config';
import type { ConsoleSessionRepository } from '../../db/repositories/console-session.repository';
import type { ConsoleUserRepository } from '../../db/repositories/console-user.repository';
import type { MerchantRepository } from '../../db/repositories/merchant.repository';
import type { EmailSender } from '../../notify/senders/email-sender';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { html } from '../../web/html';
import type { ConsoleSession, ConsoleUser } from '../console-user';
import { hashConsoleToken, newConsoleToken } from './console-tokens';

export interface ConsoleSignInDeps {
  users: ConsoleUserRepository;
  sessions: ConsoleSessionRepository;
  merchants: MerchantRepository;
  email: EmailSender;
  config: Config;
  clock: Clock;
  logger: Logger;
}

/** How long an emailed link works; the demo's printed link lasts a working day. */
export const signInLinkTtlMs = 15 * 60_000;
export const demoLinkTtlMs = 12 * 3_600_000;

/**
 * One-time sign-in links by email, and their exchange for a session. Opening a link only shows
 * a confirmation button (a POST), so mail scanners that follow links cannot spend it.
 */
export class ConsoleSignIn {
  constructor(private readonly deps: ConsoleSignInDeps) {}

  /** A fresh one-time link for this user. */
  async linkFor(user: ConsoleUser, ttlMs = signInLinkTtlMs): Promise<string> {
    const token = newConsoleToken();
    const now = this.deps.clock.now();
    await this.deps.sessions.addSignInLink({
      tokenHash: hashConsoleToken(token),
      userId: user.id,
      merchantId: user.merchantId,
      expiresAt: new Date(now.getTime() + ttlMs),
      createdAt: now,
    });
    return `${this.deps.config.http.publicBaseUrl}/console/sign-in/${token}`;
  }

  /**
   * Emails a link for each shop this address may sign in to. Says nothing about whether the
   * address is known: the answer page is the same either way.
   */
  async sendLinks(email: string): Promise<number> {
    const users = await this.deps.users.findByEmail(email);
    for (const user of users) await this.sendLink(user, 'sign-in');
    return users.length;
  }

  /** The email for one link: sign-in, or an invitation from a colleague. */
  async sendLink(user: ConsoleUser, kind: 'sign-in' | 'invitation'): Promise<void> {
    const merchant = await this.deps.merchants.findById(user.merchantId);
    const shop = merchant?.branding.displayName ?? 'your shop';
    const link = await this.linkFor(user);
    const intro =
      kind === 'invitation'
        ? `${user.invitedBy} invited you to the Porchlight console of ${shop}.`
        : `Use this link to sign in to the Porchlight console of ${shop}.`;
    const minutes = signInLinkTtlMs / 60_000;
    const text = `${intro}\n\n${link}\n\nThe link works once, for ${minutes} minutes. If you did not ask for it, ignore this email.\n`;
    const body = html`<!doctype html>
      <html lang="en">
        <body style="font-family: system-ui, sans-serif; line-height: 1.5">
          <p>${intro}</p>
          <p><a href="${link}">Sign in to ${shop}</a></p>
          <p>
            The link works once, for ${minutes} minutes. If you did not ask for it, ignore this
            email.
          </p>
        </body>
      </html>`;
    await this.deps.email.send({
      to: user.email,
      from: {
        email: this.deps.config.notify.defaultFromEmail ?? 'console@porchlight.example',
        name: 'Porchlight',
      },
      subject:
        kind === 'invitation' ? `You are invited to ${shop} on Porchlight` : `Sign in to ${shop}`,
      html: body.value,
      text,
      categories: ['porchlight', `console:${kind}`],
    });
    this.deps.logger.info(
      { userId: user.id, merchantId: user.merchantId, kind },
      'console link sent',
    );
  }

  /** Spends a link; returns the new session and the cookie value that proves it, or null. */
  async exchange(token: string): Promise<{ cookie: string; session: ConsoleSession } | null> {
    const now = this.deps.clock.now();
    const link = await this.deps.sessions.useSignInLink(hashConsoleToken(token), now);
    if (!link) return null;
    const user = await this.deps.users.findForMerchant(link.merchantId, link.userId);
    if (!user) return null;
    const cookie = newConsoleToken();
    const session = await this.deps.sessions.create(hashConsoleToken(cookie), {
      userId: user.id,
      merchantId: user.merchantId,
      email: user.email,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.deps.config.console.sessionMaxMs),
    });
    await this.deps.users.recordSignIn(user.id, now);
    return { cookie, session };
  }
}
