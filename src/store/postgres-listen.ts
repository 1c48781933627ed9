// LISTEN on PostgreSQL (docs/decisions.md D14): a connection of its own (a pooled one may be handed
// to anyone between queries), dialled again after it is lost, so a database restart costs wake-ups
// only while it is down; listeners poll as well, and lose nothing but latency meanwhile.
import pg from 'pg';

/** Wait before dialling a lost listening connection again. */
const RECONNECT_MS = 1_000;

export async function listenPostgres(
  connectionString: string, channel: string, onPayload: (payload: string) => void, onLost: (err: Error) => void,
): Promise<() => Promise<void>> {
  /** The connection in use or being dialled; events of any other (an earlier, lost one) are ignored. */
  let current: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  /** A loss is reported once, not at every failed redial while the database stays away. */
  let reported = false;
  const lost = (err: Error) => {
    if (!reported) onLost(err);
    reported = true;
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    current = c;
    c.on('notification', (m) => { if (m.channel === channel) onPayload(m.payload ?? ''); });
    c.on('error', (err) => {
      if (c === current) lost(err);
      dropped(c);
    });
    c.on('end', () => dropped(c));
    await c.connect();
    // A channel is an identifier: quoted, so any name the caller picks is taken literally.
    await c.query(`listen "${channel.replace(/"/g, '""')}"`);
    reported = false;
  };

  const dropped = (c: pg.Client) => {
    c.end().catch(() => {});
    if (c !== current || stopped) return;
    current = null;
    retry = setTimeout(() => {
      retry = null;
      connect().catch((err: unknown) => {
        lost(err instanceof Error ? err : new Error(String(err)));
        if (current) dropped(current);
      });
    }, RECONNECT_MS);
    retry.unref();
  };

  try {
    await connect();
  } catch (err) {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = current as pg.Client | null;
    await c?.end().catch(() => {});
    throw err;
  }
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = current;
    current = null;
    await c?.end().catch(() => {});
  };
}
