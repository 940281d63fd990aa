import { FakeProvider } from './fake-provider';

/**
 * Runs the fake SendGrid + Twilio as a process: `tsx test/fakes/fake-provider.main.ts --port 0`
 * prints `FAKE_PROVIDER_URL=http://127.0.0.1:<port>`; steer it through /_fake/behaviour and read
 * what it took from /_fake/messages. Stops on SIGTERM or SIGINT.
 */
const at = process.argv.indexOf('--port');
const port = at >= 0 ? Number(process.argv[at + 1]) : 0;
const provider = new FakeProvider();
void provider.start(port).then((url) => process.stdout.write(`FAKE_PROVIDER_URL=${url}\n`));
const stop = () => void provider.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
