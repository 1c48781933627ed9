// `robotcall serve`: start, print one ready line, stop gracefully on SIGTERM/SIGINT (DECISIONS D12).
import { loadConfig, type ConfigFlags } from '../config.js';
import { startRobotcall } from '../main.js';

const DRAIN_MS = 10_000;

export async function serve(flags: ConfigFlags): Promise<void> {
  const config = loadConfig(undefined, flags);
  const server = await startRobotcall(config);
  for (const notice of server.notices) console.error(`robotcall: ${notice}`);
  if (server.generatedKey) {
    const k = server.generatedKey;
    console.log(`robotcall: generated an access key (shown only now): AccessKeyId=${k.AccessKeyId} AccessKeySecret=${k.AccessKeySecret}`);
  }
  console.log(`robotcall ready on ${server.url} (AccessKeyId ${server.keyId ?? 'none active'}, ${server.storeDescription})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`robotcall: ${signal}, finishing requests in flight`);
    const timer = setTimeout(() => {
      console.error(`robotcall: requests still running after ${DRAIN_MS / 1000} s; exiting`);
      process.exit(1);
    }, DRAIN_MS);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
