import nock from 'nock';
import { SendGridEmailSender } from '../../src/notify/senders/sendgrid/sendgrid-email.sender';
import { SendError } from '../../src/notify/senders/send-error';

const email = {
  to: 'guest@example.com',
  from: { email: 'orders@shop.example', name: 'Shop' },
  replyTo: 'help@shop.example',
  subject: 'Your order 1001 has shipped',
  html: '<p>Hi</p>',
  text: 'Hi',
  headers: {
    'List-Unsubscribe': '<https://t.example/u/x>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  customArgs: { notificationId: '0123456789abcdef01234567' },
  categories: ['porchlight', 'milestone:shipped'],
};

describe('SendGrid email sender (real @sendgrid/mail requests)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when an email is sent, then the SDK posts the documented v3 mail/send body with bearer auth and returns the message id', async () => {
    let body: Record<string, unknown> = {};
    const scope = nock('https://api.sendgrid.com', {
      reqheaders: { authorization: 'Bearer SG.test-key' },
    })
      .post('/v3/mail/send', (b: Record<string, unknown>) => ((body = b), true))
      .reply(202, '', { 'X-Message-Id': 'sg-message-1' });
    const result = await new SendGridEmailSender('SG.test-key').send(email);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ providerMessageId: 'sg-message-1' });
    expect(body).toMatchObject({
      from: { email: 'orders@shop.example', name: 'Shop' },
      reply_to: { email: 'help@shop.example' },
      subject: 'Your order 1001 has shipped',
      personalizations: [{ to: [{ email: 'guest@example.com' }] }],
      content: [
        { type: 'text/plain', value: 'Hi' },
        { type: 'text/html', value: '<p>Hi</p>' },
      ],
      headers: email.headers,
      custom_args: { notificationId: '0123456789abcdef01234567' },
      categories: ['porchlight', 'milestone:shipped'],
      tracking_settings: {
        click_tracking: { enable: false, enable_text: false },
        subscription_tracking: { enable: false },
      },
    });
  });

  it('when the EU data-residency host is configured, then the same request goes to api.eu.sendgrid.com', async () => {
    const scope = nock('https://api.eu.sendgrid.com', {
      reqheaders: { authorization: 'Bearer SG.eu-key' },
    })
      .post('/v3/mail/send')
      .reply(202, '', { 'X-Message-Id': 'sg-eu-1' });
    const sender = new SendGridEmailSender('SG.eu-key', 'https://api.eu.sendgrid.com/');
    expect(await sender.send(email)).toEqual({ providerMessageId: 'sg-eu-1' });
    expect(scope.isDone()).toBe(true);
  });

  it('when a plain http origin is configured (a local fake), then the SDK posts there', async () => {
    const scope = nock('http://127.0.0.1:4010').post('/v3/mail/send').reply(202, '', {
      'X-Message-Id': 'fake-1',
    });
    const sender = new SendGridEmailSender('SG.k', 'http://127.0.0.1:4010');
    expect(await sender.send(email)).toEqual({ providerMessageId: 'fake-1' });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [
      429,
      { errors: [{ message: 'Too many requests' }] },
      { 'Retry-After': '30' },
      'transient',
      { providerCode: '429', retryAfterMs: 30_000 },
    ],
    [
      503,
      { errors: [{ message: 'Service unavailable' }] },
      {},
      'transient',
      { providerCode: '503' },
    ],
    [
      400,
      {
        errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to' }],
      },
      {},
      'permanent',
      { providerCode: '400:to', suppress: true },
    ],
    [
      401,
      { errors: [{ message: 'Permission denied' }] },
      {},
      'permanent',
      { providerCode: '401', suppress: false },
    ],
  ])(
    'when SendGrid answers %i, then the failure is classified for retry logic',
    async (status, reply, headers, kind, options) => {
      nock('https://api.sendgrid.com').post('/v3/mail/send').reply(status, reply, headers);
      const error = (await new SendGridEmailSender('SG.k')
        .send(email)
        .catch((e: unknown) => e)) as SendError;
      expect(error).toBeInstanceOf(SendError);
      expect(error.kind).toBe(kind);
      expect(error.options).toMatchObject(options);
    },
  );

  it('when the connection is reset after the request went out, then the outcome is unknown, not retried', async () => {
    nock('https://api.sendgrid.com')
      .post('/v3/mail/send')
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = (await new SendGridEmailSender('SG.k')
      .send(email)
      .catch((e: unknown) => e)) as SendError;
    expect(error.kind).toBe('unknown_outcome');
  });
});
