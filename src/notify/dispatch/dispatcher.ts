import type { Container } from '../../app/container';
import { SendError } from '../senders/send-error';
import { decideSend } from '../domain/send-policy';
import { retryDelayMs } from '../domain/retry';
import type { Merchant } from '../../merchants/merchant';
import type { Notification } from '../notification';
import type { EmailRenderer } from '../render/email-renderer';
import { smsInputFor, type SmsRenderer } from '../render/sms-renderer';
import { composeMessage, dayStart } from './compose-message';

export interface DispatchSummary {
  claimed: number;
  sent: number;
  skipped: number;
  deferred: number;
  retried: number;
  failed: number;
  unknown: number;
}

type Deps = Pick<
  Container,
  'config' | 'logger' | 'clock' | 'processId' | 'repositories' | 'senders' | 'carriers'
>;

/**
 * Turns due outbox entries into sent messages. The rule for crashes: `sending` is recorded
 * before the provider is called, because neither SendGrid nor Twilio accepts an idempotency key.
 * If the outcome cannot be observed (timeout after the request left, a crash between the call
 * and the write) the notification becomes `unknown` and waits for the provider's own events,
 * which carry its id; resending blindly would make duplicates the norm rather than the exception.
 */
export class Dispatcher {
  constructor(
    private readonly deps: Deps,
    private readonly renderers: Promise<{ email: EmailRenderer; sms: SmsRenderer }>,
    private readonly random: () => number = Math.random,
  ) {}

  async dispatchDue(): Promise<DispatchSummary> {
    const { repositories, clock, config, processId } = this.deps;
    const now = clock.now();
    const summary: DispatchSummary = {
      claimed: 0,
      sent: 0,
      skipped: 0,
      deferred: 0,
      retried: 0,
      failed: 0,
      unknown: 0,
    };
    summary.unknown += await repositories.notifications.markAbandonedSendsUnknown(now);
    const claims = await repositories.notifications.claimDue({
      owner: processId,
      now,
      leaseMs: config.worker.leaseMs,
      limit: config.notify.batchSize,
      dueBy: new Date(now.getTime() - config.notify.groupWindowMs),
    });
    summary.claimed = claims.length;
    for (const claim of claims) {
      const outcome = await this.dispatchOne(claim.id, claim.fence).catch((err: unknown) => {
        this.deps.logger.error({ err, notificationId: claim.id }, 'dispatch failed');
        return 'retried' as const;
      });
      summary[outcome]++;
    }
    return summary;
  }

  private async dispatchOne(
    id: string,
    fence: number,
  ): Promise<keyof Omit<DispatchSummary, 'claimed'>> {
    const { repositories, clock } = this.deps;
    const now = clock.now();
    const notification = await repositories.notifications.findById(id);
    // Merged into a sibling's message since it was claimed: nothing left to do.
    if (!notification || notification.state !== 'pending') return 'skipped';
    const order = await repositories.orders.findById(notification.orderId);
    const merchant = await repositories.merchants.findById(notification.merchantId);
    if (!order || !merchant) {
      await repositories.notifications.transition(id, fence, {
        state: 'skipped',
        reason: 'order_gone',
        at: now,
      });
      return 'skipped';
    }
    const allShipments = await repositories.shipments.findByOrder(order.id);
    const mine = allShipments.filter((s) => notification.shipmentIds.includes(s.id));
    const suppression = notification.recipient
      ? await repositories.suppressions.find(
          notification.channel,
          notification.recipient,
          merchant.id,
        )
      : null;
    const decision = decideSend({
      milestone: notification.milestone,
      channel: notification.channel,
      order,
      preferences: merchant.preferences,
      shipmentStatuses: mine.map((s) => s.status),
      suppression: suppression
        ? suppression.reason
        : notification.recipient
          ? null
          : 'no_recipient',
      sentToday: await repositories.notifications.countSentForShipments(
        notification.shipmentIds,
        dayStart(now),
        notification.channel,
      ),
      now,
    });
    if (decision.action === 'skip') {
      await repositories.notifications.transition(id, fence, {
        state: 'skipped',
        reason: decision.reason,
        detail: decision.detail,
        at: now,
      });
      return 'skipped';
    }
    if (decision.action === 'defer') {
      await repositories.notifications.transition(id, fence, {
        state: 'pending',
        reason: `deferred_${decision.reason}`,
        detail: [decision.until.toISOString(), decision.detail].filter(Boolean).join(' '),
        set: { notBefore: decision.until },
        at: now,
      });
      return 'deferred';
    }
    const sender = await this.senderScope(notification.channel, merchant);
    if (
      !(await repositories.rateWindows.take(
        sender,
        this.deps.config.notify.perSecond[notification.channel],
        now,
      ))
    ) {
      await repositories.notifications.transition(id, fence, {
        state: 'pending',
        reason: 'throughput_limit',
        detail: sender,
        set: { notBefore: new Date(now.getTime() + 1000) },
        at: now,
      });
      return 'deferred';
    }
    const merged = await repositories.notifications.mergeSiblings(
      notification,
      this.deps.processId,
      now,
    );
    const shipmentIds = [...new Set([...notification.shipmentIds, ...merged])];
    const covered = allShipments.filter((s) => shipmentIds.includes(s.id));
    const message = await composeMessage(
      this.deps,
      notification,
      order,
      merchant,
      covered,
      allShipments,
    );
    const started = await repositories.notifications.transition(id, fence, {
      state: 'sending',
      reason: 'handed_to_provider',
      set: { shipmentIds },
      incAttempts: true,
      keepLease: true,
      at: now,
    });
    if (!started) return 'skipped'; // another worker owns it now
    return this.send(
      { ...notification, shipmentIds, attempts: notification.attempts + 1 },
      fence,
      message,
    );
  }

  private async send(
    notification: Notification,
    fence: number,
    message: Awaited<ReturnType<typeof composeMessage>>,
  ): Promise<keyof Omit<DispatchSummary, 'claimed'>> {
    const { repositories, senders, clock, config } = this.deps;
    const renderers = await this.renderers;
    const merchant = message.merchant;
    try {
      let providerMessageId: string;
      if (notification.channel === 'email') {
        const email = renderers.email.render(message);
        const m = await repositories.merchants.findById(notification.merchantId);
        ({ providerMessageId } = await senders.email.send({
          to: notification.recipient,
          from: {
            email:
              m?.senders.email.from ??
              config.notify.defaultFromEmail ??
              'updates@porchlight.example',
            name: m?.senders.email.fromName ?? merchant.branding.displayName,
          },
          replyTo: m?.senders.email.replyTo ?? merchant.branding.supportEmail,
          ...email,
          headers: {
            'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
          customArgs: { notificationId: notification.id },
        }));
      } else {
        const m = await repositories.merchants.findById(notification.merchantId);
        const sms = renderers.sms.render(
          smsInputFor(
            message,
            !(await repositories.notifications.hasTexted(
              notification.merchantId,
              notification.recipient,
            )),
          ),
        );
        ({ providerMessageId } = await senders.sms.send({
          to: notification.recipient,
          body: sms.body,
          messagingServiceSid:
            m?.senders.sms.messagingServiceSid ?? config.sms.twilio.messagingServiceSid,
          from: m?.senders.sms.fromNumber ?? config.sms.twilio.fromNumber,
          // The notification id travels in the callback URL, so an unknown outcome can be reconciled.
          statusCallback: `${config.http.publicBaseUrl}/webhooks/twilio/status?n=${notification.id}`,
          notificationId: notification.id,
        }));
      }
      const now = clock.now();
      await repositories.notifications.transition(notification.id, fence, {
        state: 'sent',
        reason: 'provider_accepted',
        set: { providerMessageId, sentAt: now },
        at: now,
      });
      return 'sent';
    } catch (error) {
      return this.recordFailure(notification, fence, error);
    }
  }

  private async recordFailure(
    notification: Notification,
    fence: number,
    error: unknown,
  ): Promise<keyof Omit<DispatchSummary, 'claimed'>> {
    const { repositories, clock, config, logger } = this.deps;
    const now = clock.now();
    // Anything that is not a classified SendError failed before a provider saw the message.
    const sendError =
      error instanceof SendError
        ? error
        : new SendError('transient', (error as Error)?.message ?? 'error', { cause: error });
    const reason = sendError.options.providerCode
      ? `provider:${sendError.options.providerCode}`
      : sendError.kind;
    logger.warn(
      {
        notificationId: notification.id,
        kind: sendError.kind,
        code: sendError.options.providerCode,
      },
      'send failed',
    );
    if (sendError.kind === 'unknown_outcome') {
      await repositories.notifications.transition(notification.id, fence, {
        state: 'unknown',
        reason: 'outcome_unknown',
        detail: sendError.message,
        set: { lastError: sendError.message },
        at: now,
      });
      return 'unknown';
    }
    if (sendError.kind === 'permanent' || notification.attempts >= config.notify.maxAttempts) {
      if (sendError.kind === 'permanent' && sendError.options.suppress) {
        await repositories.suppressions.add({
          channel: notification.channel,
          address: notification.recipient,
          merchantId: '',
          reason,
          source: 'provider_error',
        });
      }
      await repositories.notifications.transition(notification.id, fence, {
        state: 'failed',
        reason: sendError.kind === 'permanent' ? reason : 'retries_exhausted',
        detail: sendError.message,
        set: { lastError: sendError.message },
        at: now,
      });
      return 'failed';
    }
    const delay = retryDelayMs(
      notification.attempts,
      config.notify.retryBaseMs,
      this.random(),
      sendError.options.retryAfterMs,
    );
    await repositories.notifications.transition(notification.id, fence, {
      state: 'pending',
      reason: 'retry_scheduled',
      detail: `${reason}: ${sendError.message}`,
      set: { notBefore: new Date(now.getTime() + delay), lastError: sendError.message },
      at: now,
    });
    return 'retried';
  }

  /** The provider's unit of throughput: one sending address, Messaging Service or number. */
  private async senderScope(channel: Notification['channel'], merchant: Merchant): Promise<string> {
    const { config } = this.deps;
    if (channel === 'email')
      return `email:${merchant.senders.email.from ?? config.notify.defaultFromEmail ?? 'default'}`;
    return `sms:${merchant.senders.sms.messagingServiceSid ?? merchant.senders.sms.fromNumber ?? config.sms.twilio.messagingServiceSid ?? config.sms.twilio.fromNumber ?? 'default'}`;
  }
}
