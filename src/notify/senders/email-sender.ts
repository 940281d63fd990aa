/** A rendered email ready for a provider; senders add no content of their own. */
export interface OutgoingEmail {
  to: string;
  from: { email: string; name?: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Provider categories for reporting, e.g. the milestone; never personal data. */
  categories?: string[];
  /** Travels with the message and comes back in provider events (notification id). */
  customArgs?: Record<string, string>;
}

export interface EmailSender {
  readonly name: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
}
