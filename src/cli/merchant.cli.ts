import { parseArgs } from 'node:util';
import { consoleEmailSchema } from '../console/auth/console-email';
import { buildContainer } from '../app/container';
import { ConfigError, loadConfig } from '../config/load-config';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import type { Config } from '../config/config';
import { NoDatabaseError, resolveDatabase } from '../db/database-ladder';
import { findRunningDatabase } from '../db/running-database';
import { integrationInputSchema } from '../api/schemas';
import { StoreConnectionService, subscribedTopics } from '../integrations/store-connection.service';
import { defaultMerchantPreferences } from '../merchants/merchant';
import { createLogger, type Logger } from '../shared/logger';

const usage = `Usage:
  npm run merchant -- create --name "Shop name" [--slug shop-name]
  npm run merchant -- key create --merchant <merchantId>
  npm run merchant -- key revoke --merchant <merchantId> --key <keyId>
  npm run merchant -- invite --merchant <merchantId> --email <address>
  npm run merchant -- connect shopify --merchant <merchantId> --shop <shop>.myshopify.com --secret <secret>
  npm run merchant -- connect woocommerce --merchant <merchantId> --store-url <https://store> --secret <secret>`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'merchant'
  );
}

/**
 * MONGODB_URI when set; else the database of a running `npm start` (it records where it
 * listens), since the embedded database file has one owner at a time; else the ladder.
 */
async function openDatabase(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> {
  const running = config.mongodb.uri ? undefined : findRunningDatabase(config.dataDir);
  if (running) {
    try {
      await connectDatabase(running.uri, 'porchlight');
    } catch (error) {
      throw new Error(
        `The running Porchlight (pid ${running.pid}) holds the embedded database but did not answer at ${running.uri} (${(error as Error).message}). Stop it and run this command again, or set MONGODB_URI.`,
        { cause: error },
      );
    }
    return { stop: async () => undefined };
  }
  let database;
  try {
    database = await resolveDatabase({
      uri: config.mongodb.uri,
      embedded: config.mongodb.embedded,
      dataDir: config.dataDir,
      logger,
    });
  } catch (error) {
    if (!(error instanceof NoDatabaseError) || !/in use by another process/.test(error.message))
      throw error;
    throw new Error(
      `The embedded database under ${config.dataDir} is in use by another process that did not record where it listens (an older Porchlight?). Stop it and run this command again, or set MONGODB_URI.`,
      { cause: error },
    );
  }
  await connectDatabase(database.uri, config.mongodb.uri ? undefined : 'porchlight');
  return database;
}

/** --email, checked as the console's invite form checks it. */
function inviteEmail(value: string | undefined): string {
  const parsed = consoleEmailSchema.safeParse(value ?? '');
  return parsed.success
    ? parsed.data
    : fail('--email must be an email address, e.g. --email ada@shop.example.');
}

/** The store connection the arguments describe, checked with the API's own schema. */
function connectInput(command: string, values: Record<string, string | boolean | undefined>) {
  const platform = command.split(' ')[1];
  const parsed = integrationInputSchema.safeParse(
    platform === 'shopify'
      ? { platform, shopDomain: values.shop, webhookSecret: values.secret }
      : { platform, storeUrl: values['store-url'], webhookSecret: values.secret },
  );
  if (parsed.success) return parsed.data;
  const flag: Record<string, string> = {
    shopDomain: '--shop',
    storeUrl: '--store-url',
    webhookSecret: '--secret',
  };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  return fail(`${flag[field] ?? field}: ${issue?.message ?? 'invalid'}.`);
}

/** Merchant and API key management against the configured database (MONGODB_URI or the ladder). */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      merchant: { type: 'string' },
      key: { type: 'string' },
      shop: { type: 'string' },
      'store-url': { type: 'string' },
      secret: { type: 'string' },
      email: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const command = positionals.join(' ');
  const commands = [
    'create',
    'key create',
    'key revoke',
    'invite',
    'connect shopify',
    'connect woocommerce',
  ];
  if (!commands.includes(command)) fail(`Unknown command "${command}".`);
  const connection = command.startsWith('connect ') ? connectInput(command, values) : null;
  if (command === 'create' && !values.name?.trim()) fail('--name is required.');
  if (command !== 'create' && !/^[0-9a-f]{24}$/.test(values.merchant ?? ''))
    fail('--merchant must be a merchant id (24 hex characters).');
  const invitee = command === 'invite' ? inviteEmail(values.email) : undefined;
  if (command === 'key revoke' && !/^[0-9a-f]{24}$/.test(values.key ?? ''))
    fail('--key must be an API key id (24 hex characters).');

  const config = loadConfig(process.env);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await openDatabase(config, logger);
  const container = buildContainer(config, logger);
  const { repositories, clock } = container;
  try {
    if (command === 'create') {
      const name = (values.name as string).trim();
      const slug = values.slug ?? `${slugify(name)}-${Date.now().toString(36)}`;
      const merchant = await repositories.merchants.create(slug, {
        name,
        branding: { displayName: name, primaryColor: '#1f6feb' },
        senders: { email: {}, sms: {} },
        preferences: defaultMerchantPreferences(),
      });
      const { apiKey, secret } = await repositories.apiKeys.issue(merchant.id);
      process.stdout.write(
        `merchant ${merchant.id} "${name}"\napi key ${apiKey.id}: ${secret}\n(the key is shown only now; store it safely)\n`,
      );
    } else if (command === 'key create') {
      if (!(await repositories.merchants.findById(values.merchant as string)))
        fail(`No merchant ${values.merchant}.`);
      const { apiKey, secret } = await repositories.apiKeys.issue(values.merchant as string);
      process.stdout.write(
        `api key ${apiKey.id}: ${secret}\n(the key is shown only now; store it safely)\n`,
      );
    } else if (invitee) {
      const merchantId = values.merchant as string;
      if (!(await repositories.merchants.findById(merchantId))) fail(`No merchant ${merchantId}.`);
      const { user, created } = await repositories.consoleUsers.invite(merchantId, invitee, 'cli');
      await container.console.signIn.sendLink(user, 'invitation');
      process.stdout.write(
        `${created ? 'invited' : 'already a user:'} ${user.email} (console user ${user.id}); a sign-in link was emailed through the ${config.email.transport} transport\n`,
      );
    } else if (connection) {
      if (!(await repositories.merchants.findById(values.merchant as string)))
        fail(`No merchant ${values.merchant}.`);
      const service = new StoreConnectionService({ config, clock, repositories });
      const { connection: c, created } = await service.connect(
        values.merchant as string,
        connection,
      );
      // The secret is never echoed back.
      process.stdout.write(
        `${created ? 'connected' : 'secret replaced for'} ${c.platform} ${c.shopDomain ?? c.storeUrl} (integration ${c.id})\nwebhook URL: ${service.webhookUrls(c).join(' ')}\ntopics: ${subscribedTopics[c.platform].join(', ')}\n`,
      );
    } else {
      const revoked = await repositories.apiKeys.revoke(
        values.merchant as string,
        values.key as string,
        clock.now(),
      );
      if (!revoked) fail(`No live key ${values.key} for merchant ${values.merchant}.`);
      process.stdout.write(`revoked api key ${values.key}\n`);
    }
  } finally {
    await disconnectDatabase();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
