/** Composition root: load the configuration, start Rounds, say where it is, stop cleanly. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logging';
import { startRounds } from './rounds-service';
import { DatabaseUnreachableError } from './storage/connect-with-retry';

/** Where `npm run playground` (scripts/playground.mjs) finds the running service, in DATA_DIR. */
const SERVICE_URL_FILE = 'service-url';

function banner(config: Config): string {
  const { publicUrl } = config;
  const lines = [
    '',
    `Rounds is running at ${publicUrl}`,
    `  Channel tab (configure):  ${publicUrl}/tabs/patients-config.html?teamId=dev-team&channelId=dev-channel   (Patients or Visits)`,
    `  Patients tab:             ${publicUrl}/tabs/patients.html?teamId=dev-team&channelId=dev-channel`,
    `  Visits tab (the queue):   ${publicUrl}/tabs/visits-queue.html?teamId=dev-team&channelId=dev-channel   (&scope=team: every channel)`,
    `  My visits tab:            ${publicUrl}/tabs/my-visits.html`,
    `  On call tab:              ${publicUrl}/tabs/on-call.html`,
    `  Message templates:        ${publicUrl}/tabs/templates.html   (Rounds administrators)`,
    `  Dashboard tab:            ${publicUrl}/tabs/dashboard.html?teamId=dev-team`,
    ...(config.bot ? [] : [`  Outbox:                   ${publicUrl}/outbox   (every SMS and email a patient would get)`]),
    `  Health:                   ${publicUrl}/healthz`,
    `  Bot endpoint:             ${publicUrl}/api/messages`,
    `  Chat with the bot:        npm run playground   (Microsoft 365 Agents Playground, no Teams tenant needed)`,
  ];
  if (config.devUser) {
    lines.push(
      '',
      `The tab pages act as ${config.devUser.name} (${config.devUser.source}), the user the Agents Playground chats as.`,
      '!!! DEV MODE: no BOT_ID is set. /api/messages and the tab API accept UNAUTHENTICATED requests.',
      '!!! Listening on 127.0.0.1 only. Never use dev mode with real patient data.',
    );
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (!config.bot) logger.warn('DEV MODE: unauthenticated, bound to 127.0.0.1 only');
  const service = await startRounds(config, logger);
  logger.info({ url: service.url, database: service.db.backend }, 'Rounds started');
  process.stdout.write(banner(config));
  // Best effort: the playground launcher falls back to PORT without it.
  await fs.writeFile(path.join(config.dataDir, SERVICE_URL_FILE), `${service.url}\n`).catch(() => undefined);

  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** One line that says why, without an error's free text (a name, a code, or our own message). */
function startupFailure(error: unknown): string {
  if (error instanceof DatabaseUnreachableError) return error.message;
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}

main().catch((error: unknown) => {
  process.stderr.write(`Rounds failed to start: ${startupFailure(error)}\n`);
  createLogger('error').error({ err: error }, 'startup failed');
  process.exit(1);
});
