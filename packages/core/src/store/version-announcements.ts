import type { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import type { ProjectId } from '../contract/types.js';

/** Published by a worker when a project's new version is current. */
export interface VersionAnnouncement {
  project: ProjectId;
  version: string;
}

/**
 * Tells every API replica that `project` has a new current version (workers call it after a
 * commit; a rollback tool would too).
 *
 * @example
 * await announceVersion(redis, queueKeys('dummy').versionsChannel, { project: '12', version: 'dummy-v3' });
 */
export async function announceVersion(
  redis: Redis,
  channel: string,
  announcement: VersionAnnouncement,
): Promise<void> {
  await redis.publish(channel, JSON.stringify(announcement));
}

/**
 * Calls `onVersion` for every announcement on `channel`, and `onReconnect` whenever the
 * subscription (re)connects: announcements sent while disconnected are lost, so the caller
 * re-reads what it holds. (`/setup` re-reads too, so a missed message heals either way.)
 * Returns a function that stops listening and closes `subscriber`.
 */
export function listenForVersions(
  subscriber: Redis,
  channel: string,
  handlers: { onVersion(a: VersionAnnouncement): void; onReconnect(): void },
  log: Logger,
): () => void {
  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    try {
      handlers.onVersion(JSON.parse(text) as VersionAnnouncement);
    } catch (error) {
      log.warn({ err: error, text }, 'ignored a malformed version announcement');
    }
  });
  let connectedBefore = false;
  subscriber.on('ready', () => {
    if (connectedBefore) handlers.onReconnect();
    connectedBefore = true;
  });
  subscriber.subscribe(channel).catch((error: unknown) => {
    log.warn({ err: error, channel }, 'could not subscribe to version announcements');
  });
  return () => {
    subscriber.disconnect();
  };
}
