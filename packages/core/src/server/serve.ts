import { createServer } from 'node:http';
import { getRequestListener, type ServerType } from '@hono/node-server';
import { configFromEnv } from '../config/index.js';
import type { Backend } from '../contract/backend.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { startOrExit } from '../runtime/startup.js';
import { answerClientErrors, unreadableRequest } from './client-errors.js';
import { createService, type LsmlService } from './create-app.js';
import type { ServiceOptions } from './service-options.js';

export interface ServeOptions extends ServiceOptions {
  /** The environment the config is read from (the CLI lays its flags over it). Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /**
   * Own the process (default true): SIGINT/SIGTERM shut down gracefully, and a failure to start
   * (a bad variable, the port in use, `init` failing) prints one line and exits 1. With
   * `false` (tests, embedding) the returned promise rejects instead.
   */
  handleSignals?: boolean;
}

export interface RunningServer<M> extends LsmlService<M> {
  server: ServerType;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then stops training. */
  shutdown(): Promise<void>;
}

/**
 * Serves `backend` over HTTP until SIGINT/SIGTERM: reads the config from the environment
 * (`options` win), runs the backend's `init`, then listens on `PORT` (default 9090).
 *
 * @example
 * // src/server.ts of a backend
 * await serve(myBackend);
 */
export async function serve<M>(
  backend: Backend<M>,
  options: ServeOptions = {},
): Promise<RunningServer<M>> {
  const ownsProcess = options.handleSignals !== false;
  let log: Logger | undefined = options.logger;
  return startOrExit(
    ownsProcess,
    () => log,
    async () => {
      const config = configFromEnv(options.env ?? process.env, options);
      log ??= createLogger(config.logLevel);
      const service = createService(backend, { ...options, ...config, logger: log });
      try {
        await service.runtime.init();
        const server = await listenOn(service, config.port, config.host);
        return running(service, server, log, ownsProcess);
      } catch (error) {
        await service.close();
        throw error;
      }
    },
  );
}

async function listenOn<M>(
  service: LsmlService<M>,
  port: number,
  hostname: string,
): Promise<ServerType> {
  const log = service.runtime.log;
  // Node's listener from @hono/node-server, with lsml's answers for what never reaches a route:
  // a request target or Host that is no URL, and requests Node's parser refuses.
  const listener = getRequestListener(service.app.fetch, {
    hostname,
    errorHandler: (error) => Promise.resolve(unreadableRequest(error, log)),
  });
  const server = createServer((req, res) => {
    void listener(req, res);
  });
  answerClientErrors(server, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  service.runtime.log.info(
    { port: boundPort, host: hostname, model_class: service.runtime.backend.name },
    `lsml backend "${service.runtime.backend.name}" listening on http://${hostname}:${boundPort} (${service.trainer.mode} training)`,
  );
  return server;
}

function running<M>(
  service: LsmlService<M>,
  server: ServerType,
  log: Logger,
  ownsProcess: boolean,
): RunningServer<M> {
  let closing: Promise<void> | undefined;
  const inFlight = new Set<unknown>();
  server.on(
    'request',
    (request: unknown, response: { once(event: 'close', f: () => void): void }) => {
      inFlight.add(request);
      response.once('close', () => inFlight.delete(request));
    },
  );
  const shutdown = () => {
    closing ??= (async () => {
      log.info('shutting down: finishing in-flight requests');
      await new Promise<void>((resolve) => {
        // Keep-alive sockets hold close() open until they time out: close each one as soon as
        // it has no request in flight. A browser also opens sockets it has sent nothing on yet
        // (preconnects), which Node never counts as idle: once no request is in flight at all,
        // every connection goes.
        const closeIdle = () => {
          if (inFlight.size === 0 && 'closeAllConnections' in server) server.closeAllConnections();
          else if ('closeIdleConnections' in server) server.closeIdleConnections();
        };
        const sweep = setInterval(closeIdle, 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        closeIdle();
      });
      await service.close();
      log.info('stopped');
    })();
    return closing;
  };
  if (ownsProcess) {
    const onSignal = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'signal received');
      void shutdown().then(() => process.exit(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...service, server, port, shutdown };
}
