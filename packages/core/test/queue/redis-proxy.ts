import { connect, createServer, type Socket } from 'node:net';

/** One command a client sent, as its arguments (`['hset', 'key', 'field', 'value']`). */
export type RedisCommand = string[];

/**
 * What the proxy does to the client's connection:
 * - `cutAt`: before forwarding the command it matches, close both sides, and refuse every later
 *   connection (Redis is gone for this client);
 * - `holdRepliesAfter`: forward the command it matches (and, inside MULTI, the rest up to EXEC),
 *   then hold Redis's replies until the client sends another command: the reply to the
 *   matched command arrives only after the client gave up waiting and asked something else;
 *   with `thenCut`, instead close both sides once Redis has answered and refuse reconnections.
 */
export interface ProxyRules {
  cutAt?: (command: RedisCommand) => boolean;
  holdRepliesAfter?: (command: RedisCommand) => boolean;
  thenCut?: boolean;
}

export interface RedisProxy {
  url: string;
  /** Whether a rule fired. */
  fired(): boolean;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of Redis that parses the commands a client sends, so a test can drop a
 * connection, or lose a reply, at an exact command. Rules fire once.
 */
export async function redisProxy(target: string, rules: ProxyRules): Promise<RedisProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let fired = false;
  let refusing = false;
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port || 6379), hostname);
    sockets.add(client).add(upstream);
    const cut = () => {
      refusing = true;
      server.close();
      client.destroy();
      upstream.destroy();
    };
    const held: Buffer[] = [];
    let holding: 'no' | 'until-exec' | 'until-next' = 'no';
    const commands = commandParser();
    client.on('data', (chunk: Buffer) => {
      let release = false;
      for (const { command, inMulti } of commands(chunk)) {
        const name = command[0]?.toLowerCase();
        if (!fired && rules.cutAt?.(command)) {
          fired = true;
          cut();
          return;
        }
        if (holding === 'until-next') release = true;
        else if (holding === 'until-exec' && (name === 'exec' || name === 'discard'))
          holding = 'until-next';
        else if (!fired && rules.holdRepliesAfter?.(command)) {
          fired = true;
          holding = inMulti ? 'until-exec' : 'until-next';
        }
      }
      upstream.write(chunk);
      if (release && !rules.thenCut) {
        holding = 'no';
        for (const reply of held.splice(0)) client.write(reply);
      }
    });
    upstream.on('data', (reply: Buffer) => {
      if (holding === 'no') client.write(reply);
      else if (rules.thenCut) cut();
      else held.push(reply);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const listening = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${String(listening)}`,
    fired: () => fired,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => {
        if (!server.listening) resolve();
        else
          server.close(() => {
            resolve();
          });
      });
    },
  };
}

/**
 * Splits the client's byte stream into commands (RESP arrays of bulk strings, which is all
 * ioredis sends), across chunk boundaries, each marked when it is queued inside a MULTI.
 */
function commandParser() {
  let buffer: Buffer = Buffer.alloc(0);
  let multi = false;
  return (chunk: Buffer): { command: RedisCommand; inMulti: boolean }[] => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    const out: { command: RedisCommand; inMulti: boolean }[] = [];
    let offset = 0;
    for (;;) {
      const parsed = parseCommand(buffer, offset);
      if (!parsed) break;
      offset = parsed.next;
      const name = parsed.command[0]?.toLowerCase();
      if (name === 'exec' || name === 'discard') multi = false;
      out.push({ command: parsed.command, inMulti: multi });
      if (name === 'multi') multi = true;
    }
    buffer = buffer.subarray(offset);
    return out;
  };
}

function parseCommand(
  buffer: Buffer,
  start: number,
): { command: RedisCommand; next: number } | undefined {
  const line = (from: number) => {
    const end = buffer.indexOf('\r\n', from);
    return end < 0 ? undefined : { text: buffer.toString('latin1', from + 1, end), next: end + 2 };
  };
  const header = line(start);
  if (!header) return undefined;
  const command: RedisCommand = [];
  let offset = header.next;
  for (let i = 0; i < Number(header.text); i += 1) {
    const size = line(offset);
    if (!size) return undefined;
    const end = size.next + Number(size.text);
    if (buffer.length < end + 2) return undefined;
    command.push(buffer.toString('utf8', size.next, end));
    offset = end + 2;
  }
  return { command, next: offset };
}
