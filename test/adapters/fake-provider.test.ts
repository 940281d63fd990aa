import { spawn } from 'node:child_process';
import path from 'node:path';
import { FakeProvider } from '../fakes/fake-provider';
import { SendGridEmailSender } from '../../src/notify/senders/sendgrid/sendgrid-email.sender';
import { TwilioSmsSender } from '../../src/notify/senders/twilio/twilio-sms.sender';
import { SendError } from '../../src/notify/senders/send-error';

const sid = 'AC00000000000000000000000000000000';
const email = (notificationId: string) => ({
  to: 'guest@example.com',
  from: { email: 'orders@shop.example' },
  subject: 'Your order has shipped',
  html: '<p>Hi</p>',
  text: 'Hi',
  customArgs: { notificationId },
});
const sms = (notificationId: string) => ({
  to: '+12025550143',
  body: 'Shop: out for delivery',
  from: '+15005550006',
  statusCallback: `http://127.0.0.1:1/webhooks/twilio/status?n=${notificationId}`,
});

describe('fake provider (real SDKs over loopback HTTP)', () => {
  const provider = new FakeProvider({
    sendgridApiKey: 'SG.fake',
    twilio: { accountSid: sid, authToken: 'token' },
  });
  let url = '';
  beforeAll(async () => {
    url = await provider.start();
  });
  afterAll(() => provider.stop());
  beforeEach(() => {
    provider.accepted.length = 0;
    provider.queue.length = 0;
  });

  it('when the SendGrid SDK sends twice for one notification, then both are recorded under its id', async () => {
    const sender = new SendGridEmailSender('SG.fake', url);
    const first = await sender.send(email('n1'));
    await sender.send(email('n1'));
    expect(first.providerMessageId).toBe(provider.accepted[0]!.id);
    expect(provider.countsByNotification().get('n1')).toBe(2);
  });

  it('when the Twilio SDK sends, then the status-callback id is recorded and the SID returned', async () => {
    const sender = new TwilioSmsSender(sid, 'token', { apiBaseUrl: url });
    const { providerMessageId } = await sender.send(sms('n2'));
    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(provider.accepted).toEqual([
      expect.objectContaining({ provider: 'twilio', notificationId: 'n2', to: '+12025550143' }),
    ]);
  });

  it('when told to fail, then the SDK error is classified and nothing is recorded', async () => {
    provider.queue.push({ kind: 'fail', status: 503 }, { kind: 'fail', status: 400, code: 21211 });
    const email503 = await new SendGridEmailSender('SG.fake', url)
      .send(email('n3'))
      .catch((e: unknown) => e as SendError);
    const sms400 = await new TwilioSmsSender(sid, 'token', { apiBaseUrl: url })
      .send(sms('n3'))
      .catch((e: unknown) => e as SendError);
    expect([(email503 as SendError).kind, (sms400 as SendError).kind]).toEqual([
      'transient',
      'permanent',
    ]);
    expect(provider.accepted).toHaveLength(0);
  });

  it('when told to hang after taking the message, then the sender times out with an unknown outcome yet the message counts', async () => {
    provider.queue.push({ kind: 'hang' });
    const error = await new SendGridEmailSender('SG.fake', url, 300)
      .send(email('n4'))
      .catch((e: unknown) => e as SendError);
    expect((error as SendError).kind).toBe('unknown_outcome');
    expect(provider.countsByNotification().get('n4')).toBe(1);
  });

  it('when told to delay, then the answer comes late but the message is taken', async () => {
    provider.queue.push({ kind: 'delay', ms: 200 });
    const started = Date.now();
    await new TwilioSmsSender(sid, 'token', { apiBaseUrl: url }).send(sms('n5'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(provider.countsByNotification().get('n5')).toBe(1);
  });

  it('when credentials are wrong, then SendGrid answers 401 and Twilio 401', async () => {
    const e1 = await new SendGridEmailSender('SG.wrong', url)
      .send(email('n6'))
      .catch((e: unknown) => e as SendError);
    const e2 = await new TwilioSmsSender(sid, 'wrong', { apiBaseUrl: url })
      .send(sms('n6'))
      .catch((e: unknown) => e as SendError);
    expect((e1 as SendError).options.providerCode).toBe('401');
    expect((e2 as SendError).options.providerCode).toBe('20003');
  });

  it('when run as a process, then it prints its URL and serves what it took on /_fake/messages', async () => {
    const root = path.resolve(__dirname, '../..');
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/tsx/dist/cli.mjs'),
        'test/fakes/fake-provider.main.ts',
        '--port',
        '0',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const childUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no URL printed')), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          const match = /FAKE_PROVIDER_URL=(\S+)/.exec(chunk.toString());
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      await new SendGridEmailSender('SG.any', childUrl).send(email('n7'));
      const taken = (await (await fetch(`${childUrl}/_fake/messages`)).json()) as Array<{
        notificationId: string;
      }>;
      expect(taken.map((m) => m.notificationId)).toEqual(['n7']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
