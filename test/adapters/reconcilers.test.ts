import nock from 'nock';
import type { Notification } from '../../src/notify/notification';
import { SendGridReconciler } from '../../src/notify/reconcile/sendgrid-reconciler';
import { TwilioReconciler } from '../../src/notify/reconcile/twilio-reconciler';

const sid = 'AC00000000000000000000000000000000';
const handedOver = new Date('2026-06-10T16:00:00Z');
const notification = (channel: 'email' | 'sms'): Notification =>
  ({
    id: '0123456789abcdef01234567',
    channel,
    recipient: channel === 'email' ? 'guest@example.com' : '+12025550143',
    history: [{ at: handedOver, state: 'sending', reason: 'handed_to_provider' }],
    createdAt: handedOver,
  }) as Notification;
const listPath = `/2010-04-01/Accounts/${sid}/Messages.json`;
const listed = (extra: Record<string, unknown>) => ({
  sid: 'SMaaa',
  to: '+12025550143',
  date_created: new Date(handedOver.getTime() + 1000).toUTCString(),
  date_sent: null,
  ...extra,
});

describe('provider reconcilers (real SDK requests)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when SendGrid is asked, then Email Activity is searched on the notification id with bearer auth', async () => {
    let query: Record<string, string> = {};
    nock('https://api.eu.sendgrid.com', { reqheaders: { authorization: 'Bearer SG.k' } })
      .get('/v3/messages')
      .query((q) => ((query = q as Record<string, string>), true))
      .reply(200, {
        messages: [{ msg_id: 'abc123.filter1.2.3', last_event_time: '2026-06-10T16:00:05Z' }],
      });
    const result = await new SendGridReconciler('SG.k', 'https://api.eu.sendgrid.com').reconcile(
      notification('email'),
    );
    expect(query).toEqual({
      query: `unique_args['notificationId']="0123456789abcdef01234567"`,
      limit: '10',
    });
    expect(result).toEqual({
      outcome: 'sent',
      providerMessageId: 'abc123',
      at: new Date('2026-06-10T16:00:05Z'),
    });
  });

  it('when Twilio is asked, then the Messages list is read for the recipient and matched on the callback id, even while queued', async () => {
    let query: Record<string, string> = {};
    nock('https://api.twilio.com')
      .get(listPath)
      .query((q) => ((query = q as Record<string, string>), true))
      .reply(200, {
        messages: [
          listed({
            sid: 'SMother',
            status_callback: 'https://t.example/s?n=ffffffffffffffffffffffff',
          }),
          listed({
            sid: 'SMours',
            status_callback: 'https://t.example/s?n=0123456789abcdef01234567',
          }),
        ],
      });
    const result = await new TwilioReconciler(sid, 'token').reconcile(notification('sms'));
    expect(query).toEqual({ To: '+12025550143', PageSize: '100' });
    expect(result).toMatchObject({ outcome: 'sent', providerMessageId: 'SMours' });
  });

  it('when Twilio lists messages in the window without callback URLs, then it cannot tell and says so', async () => {
    nock('https://api.twilio.com')
      .get(listPath)
      .query(true)
      .reply(200, { messages: [listed({})] });
    expect(await new TwilioReconciler(sid, 'token').reconcile(notification('sms'))).toEqual({
      outcome: 'cannot_ask',
      reason: 'twilio_list_without_callback_url',
    });
  });

  it('when Twilio lists only older messages, then the notification was not sent', async () => {
    nock('https://api.twilio.com')
      .get(listPath)
      .query(true)
      .reply(200, {
        messages: [listed({ date_created: new Date('2026-06-01T00:00:00Z').toUTCString() })],
      });
    expect(await new TwilioReconciler(sid, 'token').reconcile(notification('sms'))).toEqual({
      outcome: 'not_sent',
    });
  });

  it('when Twilio refuses the credentials, then it cannot ask', async () => {
    nock('https://api.twilio.com')
      .get(listPath)
      .query(true)
      .reply(401, { code: 20003, message: 'Authenticate', status: 401 });
    expect(await new TwilioReconciler(sid, 'token').reconcile(notification('sms'))).toEqual({
      outcome: 'cannot_ask',
      reason: 'twilio_list_401',
    });
  });
});
