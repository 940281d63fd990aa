import type { Branding, MerchantPreferences, SenderIdentities } from '../merchants/merchant';

/** A person who signs in to the console on behalf of one merchant. */
export interface ConsoleUser {
  id: string;
  merchantId: string;
  /** Lower-cased; the address sign-in links are sent to. */
  email: string;
  /** Who added them: a user's email, or `cli` / `demo`. */
  invitedBy: string;
  lastSignInAt?: Date;
  createdAt: Date;
}

/** A signed-in browser. Only the hash of its cookie value is stored. */
export interface ConsoleSession {
  id: string;
  userId: string;
  merchantId: string;
  email: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** Ends the session whatever its activity. */
  expiresAt: Date;
  revokedAt?: Date;
  /** Settings changed in the console but not saved yet, which the preview shows. */
  draft?: SettingsDraft;
}

/** Unsaved settings: each part replaces the merchant's saved one while previewing. */
export interface SettingsDraft {
  preferences?: MerchantPreferences;
  branding?: Branding;
  senders?: SenderIdentities;
}

/** How long a console session may sit unused (configuration); its absolute end is `expiresAt`. */
export interface SessionPolicy {
  idleMs: number;
}

/** Whether a stored session may still be used at `now`. Pure, so every edge is a unit test. */
export function sessionIsLive(session: ConsoleSession, policy: SessionPolicy, now: Date): boolean {
  if (session.revokedAt) return false;
  if (now >= session.expiresAt) return false;
  return now.getTime() - session.lastSeenAt.getTime() < policy.idleMs;
}

/** Writing lastSeenAt on every request would cost a write per page; once a minute is enough. */
export const touchEveryMs = 60_000;

export function normalizeUserEmail(email: string): string {
  return email.trim().toLowerCase();
}
