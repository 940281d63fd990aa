import { Schema, model } from 'mongoose';

/** What the log transports "sent", for /dev/outbox. Never used in production. */
const devMessageSchema = new Schema(
  {
    channel: { type: String, enum: ['email', 'sms'], required: true },
    to: { type: String, required: true },
    from: String,
    subject: String,
    html: String,
    text: { type: String, required: true },
    /** Email headers as the provider would receive them (From, Reply-To, List-Unsubscribe, ...). */
    headers: Schema.Types.Mixed,
    notificationId: String,
    providerMessageId: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);
devMessageSchema.index({ createdAt: -1 });

export const DevMessageModel = model('DevMessage', devMessageSchema);
