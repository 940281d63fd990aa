import { channels, milestones, type Channel, type Milestone } from '../tracking/domain/taxonomy';

export interface QuietHours {
  /** Local wall-clock times, HH:MM; start after end means the window spans midnight. */
  start: string;
  end: string;
}

export interface MerchantPreferences {
  /** Milestone x channel on/off. */
  matrix: Record<Milestone, Record<Channel, boolean>>;
  quietHours: Record<Channel, QuietHours | null>;
  timezone: string;
  defaultLocale: string;
  smsRequiresConsent: boolean;
  /** Several milestones in one poll become one message for the most significant. */
  collapseMilestones: boolean;
  statusLinkTtlDays: number;
  maxMessagesPerShipmentPerDay: number;
  sendOrderConfirmation: boolean;
}

export interface Branding {
  displayName: string;
  logoUrl?: string;
  primaryColor: string;
  supportEmail?: string;
  supportUrl?: string;
  /** E.164, shown to guests who would rather call. */
  supportPhone?: string;
}

export interface SenderIdentities {
  email: { from?: string; fromName?: string; replyTo?: string };
  sms: { messagingServiceSid?: string; fromNumber?: string };
}

export interface ApiKey {
  id: string;
  merchantId: string;
  /** First characters of the key, shown so people can tell keys apart. */
  prefix: string;
  hash: string;
  label?: string;
  createdAt: Date;
  revokedAt?: Date;
}

export interface Merchant {
  id: string;
  name: string;
  branding: Branding;
  senders: SenderIdentities;
  preferences: MerchantPreferences;
  createdAt: Date;
  updatedAt: Date;
}

function matrix(enabled: (m: Milestone, c: Channel) => boolean): MerchantPreferences['matrix'] {
  return Object.fromEntries(
    milestones.map((m) => [m, Object.fromEntries(channels.map((c) => [c, enabled(m, c)]))]),
  ) as MerchantPreferences['matrix'];
}

const smsByDefault: readonly Milestone[] = [
  'out_for_delivery',
  'delivered',
  'failed_attempt',
  'available_for_pickup',
];

export function defaultMerchantPreferences(): MerchantPreferences {
  return {
    matrix: matrix((m, c) => c === 'email' || smsByDefault.includes(m)),
    quietHours: { sms: { start: '21:00', end: '08:00' }, email: null },
    timezone: 'UTC',
    defaultLocale: 'en',
    smsRequiresConsent: true,
    collapseMilestones: true,
    statusLinkTtlDays: 90,
    maxMessagesPerShipmentPerDay: 4,
    sendOrderConfirmation: false,
  };
}
