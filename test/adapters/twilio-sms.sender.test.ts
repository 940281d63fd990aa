import nock from 'nock';
import { SendError } from '../../src/notify/senders/send-error';
import { TwilioSmsSender } from '../../src/notify/senders/twilio/twilio-sms.sender';

const sid = 'AC00000000000000000000000000000000';
const basic = `Basic ${Buffer.from(`${sid}:auth-token`).toString('base64')}`;
const sms = {
  to: '+12025550143',
  body: 'Shop: order 1 is out for delivery',
  messagingServiceSid: 'MG123',
  statusCallback: 'https://t.example/webhooks/twilio/status',
};

describe('Twilio SMS sender (real twilio SDK requests)', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('when a text is sent, then the SDK posts the form fields to the Messages resource with basic auth', async () => {
    let form = '';
    const scope = nock('https://api.twilio.com', { reqheaders: { authorization: basic } })
      .post(
        `/2010-04-01/Accounts/${sid}/Messages.json`,
        (b: string | Record<string, string>) => (
          (form = typeof b === 'string' ? b : new URLSearchParams(b).toString()),
          true
        ),
      )
      .reply(201, { sid: 'SM123', status: 'queued' });
    const result = await new TwilioSmsSender(sid, 'auth-token').send(sms);
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({ providerMessageId: 'SM123' });
    const fields = Object.fromEntries(new URLSearchParams(form));
    expect(fields).toEqual({
      To: sms.to,
      Body: sms.body,
      MessagingServiceSid: 'MG123',
      StatusCallback: sms.statusCallback,
    });
  });

  it('when no Messaging Service is configured, then the from number is used', async () => {
    let form = '';
    nock('https://api.twilio.com')
      .post(
        `/2010-04-01/Accounts/${sid}/Messages.json`,
        (b: string | Record<string, string>) => (
          (form = typeof b === 'string' ? b : new URLSearchParams(b).toString()),
          true
        ),
      )
      .reply(201, { sid: 'SM124' });
    await new TwilioSmsSender(sid, 'auth-token').send({
      to: sms.to,
      body: 'x',
      from: '+15005550006',
    });
    expect(Object.fromEntries(new URLSearchParams(form))).toEqual({
      To: sms.to,
      Body: 'x',
      From: '+15005550006',
    });
  });

  it('when a region and edge are configured, then the SDK sends to that regional host', async () => {
    const scope = nock('https://api.dublin.ie1.twilio.com', {
      reqheaders: { authorization: basic },
    })
      .post(`/2010-04-01/Accounts/${sid}/Messages.json`)
      .reply(201, { sid: 'SM-ie1' });
    const sender = new TwilioSmsSender(sid, 'auth-token', { region: 'ie1', edge: 'dublin' });
    expect(await sender.send(sms)).toEqual({ providerMessageId: 'SM-ie1' });
    expect(scope.isDone()).toBe(true);
  });

  it('when an API base URL is configured, then every request goes to that origin over plain http', async () => {
    const scope = nock('http://127.0.0.1:4010', { reqheaders: { authorization: basic } })
      .post(`/2010-04-01/Accounts/${sid}/Messages.json`)
      .reply(201, { sid: 'SM-fake' });
    const sender = new TwilioSmsSender(sid, 'auth-token', {
      region: 'ie1',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(await sender.send(sms)).toEqual({ providerMessageId: 'SM-fake' });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [400, 21211, 'permanent', true],
    [400, 21610, 'permanent', true],
    [400, 21614, 'permanent', true],
    [429, 20429, 'transient', undefined],
    [503, 20500, 'transient', undefined],
  ])('when Twilio answers %i with code %i, then it is %s', async (status, code, kind, suppress) => {
    nock('https://api.twilio.com')
      .post(`/2010-04-01/Accounts/${sid}/Messages.json`)
      .reply(status, { code, message: 'error', status });
    const error = (await new TwilioSmsSender(sid, 'auth-token')
      .send(sms)
      .catch((e: unknown) => e)) as SendError;
    expect(error).toBeInstanceOf(SendError);
    expect(error.kind).toBe(kind);
    expect(error.options.suppress).toBe(suppress);
  });
});
