import type { Container, Renderers } from '../../app/container';
import { resolveLocale, type Locale } from '../../i18n/locale';
import type { Merchant } from '../../merchants/merchant';
import { AppError } from '../../shared/app-error';
import type { Channel } from '../../tracking/domain/taxonomy';
import { buildMessageInput } from './build-message-input';
import type { MessageInput } from './message-input';
import { sampleMessage } from './sample-message';
import { smsInputFor } from './sms-renderer';

export type PreviewDeps = Pick<Container, 'repositories' | 'config' | 'carriers' | 'clock'>;

/**
 * The message a preview shows: sample data, or one of the merchant's own orders. The merchant
 * passed in may carry unsaved settings (the console's draft). Links are placeholders: nothing
 * is stored.
 */
export async function previewMessage(
  deps: PreviewDeps,
  merchant: Merchant,
  template: MessageInput['template'],
  options: { locale?: Locale; orderId?: string },
): Promise<MessageInput> {
  const { repositories, config, carriers, clock } = deps;
  const base = config.http.publicBaseUrl;
  if (!options.orderId) {
    const locale = resolveLocale(options.locale, merchant.preferences.defaultLocale);
    return sampleMessage(merchant, template, locale, base, clock.now());
  }
  const order = await repositories.orders.findForMerchant(merchant.id, options.orderId);
  if (!order) throw new AppError('not_found', 'No such order.');
  const shipments = await repositories.shipments.findByOrder(order.id);
  return buildMessageInput(
    { template, locale: options.locale },
    order,
    merchant,
    shipments.slice(0, 1),
    shipments,
    (code) => carriers.get(code),
    { statusUrl: `${base}/t/preview`, unsubscribeUrl: `${base}/u/preview` },
  );
}

export type RenderedPreview =
  | {
      channel: 'email';
      locale: string;
      subject: string;
      preheader: string;
      html: string;
      text: string;
    }
  | {
      channel: 'sms';
      locale: string;
      body: string;
      encoding: string;
      segments: number;
      units: number;
    };

/** Renders the preview exactly as the dispatcher would (the first text carries the opt-out). */
export function renderPreview(
  renderers: Renderers,
  channel: Channel,
  message: MessageInput,
): RenderedPreview {
  if (channel === 'email') {
    const email = renderers.email.render(message);
    return {
      channel,
      locale: message.locale,
      subject: email.subject,
      preheader: email.preheader,
      html: email.html,
      text: email.text,
    };
  }
  const sms = renderers.sms.render(smsInputFor(message, true));
  return { channel, locale: message.locale, body: sms.body, ...sms.segments };
}
