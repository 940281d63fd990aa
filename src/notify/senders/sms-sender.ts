export interface OutgoingSms {
  to: string;
  body: string;
  /** Either a Messaging Service or a sender number. */
  messagingServiceSid?: string;
  from?: string;
  /** Where the provider reports delivery status for this message. */
  statusCallback?: string;
  notificationId?: string;
}

export interface SmsSender {
  readonly name: string;
  send(sms: OutgoingSms): Promise<{ providerMessageId: string }>;
}
