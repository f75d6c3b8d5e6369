/**
 * Runs the web server: services, the app, background jobs and the render cache, with a clean
 * shutdown on SIGINT/SIGTERM (in-flight requests finish, the database closes, the lock goes).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config.js';
import { buildApp, type BuiltApp } from './app.js';
import { startJobRunner } from './kernel/jobs/index.js';
import { startHousekeeping } from './kernel/housekeeping.js';
import type { Services } from './kernel/services.js';
import { authenticator } from './modules/identity/index.js';
import { modules } from './modules/index.js';
import { openServices } from './services.js';
import { prepareFirstStart } from './seed/first-start.js';

export interface RunningServer {
  url: string;
  services: Services;
  built: BuiltApp;
  close(): Promise<void>;
}

/** Builds the app for `services` with every module (tests use this without a socket). */
export function buildTeixit(services: Services): BuiltApp {
  return buildApp(services, modules, authenticator);
}

/** Opens the database, prepares a first start, and listens on HOST:PORT. */
export async function startServer(config: Config): Promise<RunningServer> {
  const services = await openServices(config);
  const built = buildTeixit(services);
  await built.renderCache.refresh();
  const stops: Array<() => void | Promise<void>> = [built.renderCache.start()];
  for (const module of modules) {
    const stop = module.start?.(services);
    if (stop) stops.push(stop);
  }
  await prepareFirstStart(services);
  if (config.jobs) stops.push(startJobRunner(services), startHousekeeping(services));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: built.app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  services.logger.info({ url, database: services.database.kind }, 'Teixit is listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stop of stops.reverse()) await stop();
      await services.database.close();
    })());
  return { url, services, built, close };
}
