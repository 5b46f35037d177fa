import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { VersionAnnouncement } from '../src/index.js';

/**
 * Waiting on the event that decides a test's outcome, never on a state sampled in a loop: a
 * state read and the next assertion can straddle the change (the job completes in between),
 * and such tests fail only on a loaded machine. Every wait here is bounded and says what it
 * waited for when it gives up.
 */

/** `promise`, or an error naming `what` after `timeoutMs`. */
export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves with the job's return value once BullMQ reports it completed (rejects if it
 * failed for good). Safe when the job has already finished: BullMQ checks after subscribing.
 */
export async function jobFinished(
  queue: Queue,
  jobId: string,
  timeoutMs = 60_000,
): Promise<unknown> {
  const events = new QueueEvents(queue.name, {
    connection: queue.opts.connection,
    ...(queue.opts.prefix === undefined ? {} : { prefix: queue.opts.prefix }),
  });
  try {
    await events.waitUntilReady();
    const job = await Job.fromId(queue, jobId);
    if (!job) throw new Error(`no job "${jobId}" in queue ${queue.name}`);
    return await withTimeout(
      job.waitUntilFinished(events, timeoutMs),
      timeoutMs + 1_000,
      `job ${jobId} to finish`,
    );
  } finally {
    await events.close();
  }
}

/** {@link jobFinished} for a queue known by name and prefix (a test that holds no Queue). */
export async function jobFinishedIn(
  redisUrl: string,
  where: { queueName: string; prefix: string },
  jobId: string,
  timeoutMs = 60_000,
): Promise<unknown> {
  const queue = new Queue(where.queueName, { connection: { url: redisUrl }, prefix: where.prefix });
  try {
    return await jobFinished(queue, jobId, timeoutMs);
  } finally {
    await queue.close();
  }
}

/** Every version announcement on a channel from now on, and a way to wait for the next. */
export interface AnnouncementLog {
  /** What was announced so far, in order. */
  seen: VersionAnnouncement[];
  /** Resolves with the first announcement (already seen or still to come) matching `test`. */
  next(test: (a: VersionAnnouncement) => boolean, timeoutMs?: number): Promise<VersionAnnouncement>;
  close(): void;
}

/** Subscribes to `channel` (resolves once subscribed, so nothing after this call is missed). */
export async function recordAnnouncements(
  redisUrl: string,
  channel: string,
): Promise<AnnouncementLog> {
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const seen: VersionAnnouncement[] = [];
  const waiters: {
    test: (a: VersionAnnouncement) => boolean;
    resolve: (a: VersionAnnouncement) => void;
  }[] = [];
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const announcement = JSON.parse(text) as VersionAnnouncement;
    seen.push(announcement);
    for (const waiter of [...waiters]) {
      if (waiter.test(announcement)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(announcement);
      }
    }
  });
  await subscriber.subscribe(channel);
  return {
    seen,
    next(test, timeoutMs = 60_000) {
      const found = seen.find(test);
      if (found) return Promise.resolve(found);
      const arrived = new Promise<VersionAnnouncement>((resolve) =>
        waiters.push({ test, resolve }),
      );
      return withTimeout(arrived, timeoutMs, `a version announcement on ${channel}`);
    },
    close: () => {
      subscriber.disconnect();
    },
  };
}

/** A process whose output lines can be waited on (see `spawnNode` in queue/processes.ts). */
export interface LineSource {
  waitForLine(test: (line: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** The first of `sources` to print a line matching `test`, with that line. */
export function firstToPrint<S extends LineSource>(
  sources: readonly S[],
  test: (line: string) => boolean,
  timeoutMs = 60_000,
): Promise<{ source: S; line: string }> {
  return Promise.any(
    sources.map((source) => source.waitForLine(test, timeoutMs).then((line) => ({ source, line }))),
  ).catch((error: unknown) => {
    throw new Error(`none of ${sources.length} processes printed the line waited for`, {
      cause: error,
    });
  });
}
