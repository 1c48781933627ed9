// The `robotcall` command line: `serve`, `worker`, the store commands (`keys`, `robots`, `callers`, `reset`)
// and the admin commands (`clock`, `balance`, `scenarios`). Options map 1:1 onto Config (see config.ts).
import { Command } from 'commander';
import { DEFAULT_LIMITS, DEFAULT_MAX_NONCES, type ConfigFlags } from '../config.js';
import { VERSION } from '../version.js';
import { registerBalanceCommand } from './balance.js';
import { registerCallCommand } from './call-command.js';
import { registerCallersCommands } from './callers.js';
import { registerClockCommand } from './clock.js';
import { registerExportCommand } from './export-command.js';
import { registerImportCommand } from './import-command.js';
import { registerKeysCommands } from './keys.js';
import { registerReceiptsCommands } from './receipts.js';
import { registerResetCommand } from './reset.js';
import { registerRobotsCommands } from './robots.js';
import { registerScenariosCommands } from './scenarios.js';
import { registerTasksCommand } from './tasks-command.js';

export async function main(argv: string[]): Promise<void> {
  const program = new Command('robotcall')
    .description('Self-hosted Alibaba Cloud Dyvmsapi robot outbound call tasks')
    .version(VERSION);

  const serveCommand = program.command('serve')
    .description('serve the API, the web console (/console) and the engine')
    .option('--port <n>', 'port to listen on (default 8080)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--data-dir <dir>', 'embedded PGlite data directory (default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string instead of the embedded store')
    .option('--auth <mode>', 'strict or any-key (default strict)')
    .option('--any-key-secret <secret>', 'in any-key mode, the secret every signature is checked with')
    .option('--public-url <url>', 'base URL of called-file links (default: the server\'s address)')
    .option('--rate-limit <n>', 'requests per second per account (default unlimited)')
    .option('--admin-token <token>', 'token for /_robotcall/ (default: open on loopback only)')
    .option('--engine <state>', 'on or off (off keeps started tasks READY; workers may run the engine)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (default info)')
    .option('--log-format <format>', 'pretty or json (default: pretty on a terminal, json otherwise)')
    .option('--heap-growing-percent <n>', 'how far the heap may grow past what a full collection kept, percent; 0: V8\'s own rule (default 50)')
    .option('--clock <clock>', 'engine clock: system, scaled:N (N times faster) or manual (default system)');
  engineOptions(serveCommand)
    .option('--max-nonces <n>', `embedded store: requests remembered for replay protection before Throttling (default ${DEFAULT_MAX_NONCES})`)
    // Loaded when run: the server's modules take a second or two, which the other commands need not pay.
    .action(async (flags: ConfigFlags) => (await import('./serve.js')).serve(flags));

  const workerCommand = program.command('worker')
    .description('run the engine only, beside serve processes on one PostgreSQL (README "Scaling out")')
    .option('--database-url <url>', 'PostgreSQL connection string (or DATABASE_URL); required')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (default info)')
    .option('--log-format <format>', 'pretty or json (default: pretty on a terminal, json otherwise)')
    .option('--heap-growing-percent <n>', 'how far the heap may grow past what a full collection kept, percent; 0: V8\'s own rule (default 50)')
    .option('--clock <clock>', 'engine clock: system, scaled:N or manual (default: the one serve stored)')
    .option('--metrics-port <n>', 'serve /metrics (and /_robotcall/health) on this port (default: none; 0: any free port)')
    .option('--metrics-host <host>', 'address the metrics port is bound to (default 127.0.0.1)')
    .option('--admin-token <token>', 'token /metrics asks for (default: open on a loopback --metrics-host only)');
  engineOptions(workerCommand).action(async (flags: ConfigFlags) => (await import('./worker.js')).worker(flags));

  registerKeysCommands(program);
  registerRobotsCommands(program);
  registerCallersCommands(program);
  registerResetCommand(program);
  registerCallCommand(program);
  registerTasksCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerClockCommand(program);
  registerBalanceCommand(program);
  registerScenariosCommands(program);
  registerReceiptsCommands(program);
  await program.parseAsync(argv);
}

/** The engine's options, the same for serve and worker. */
function engineOptions(command: Command): Command {
  return command
    .option('--timezone <zone>', 'zone API times and calling hours are in (default Asia/Shanghai)')
    .option('--calling-hours <HH:MM-HH:MM>', 'daily calling window in --timezone, may wrap midnight (default any time)')
    .option('--price-per-minute <fen>', 'charge per started minute of an answered call, fen (default 0)')
    .option('--carrier-seed <n>', 'seed of the simulated carrier\'s outcome distribution (default 1)')
    .option('--carrier-timing <timing>', 'realistic call durations or zero (default realistic)')
    .option('--carrier-ledger <file>', 'append one JSON line per dial to this file, before the dial')
    .option('--carrier-latency <ms>', 'wall-clock ms the simulated carrier takes to answer a dial (default 0)')
    .option('--task-concurrency <n>', `calls in progress at once per task (default ${DEFAULT_LIMITS.taskConcurrency})`)
    .option('--account-concurrency <n>', `calls in progress at once per account (default ${DEFAULT_LIMITS.accountConcurrency})`)
    .option('--calls-per-second <n>', `calls started per engine-clock second per account (default ${DEFAULT_LIMITS.callsPerSecond})`)
    .option('--grace <seconds>', 'on SIGTERM, how long calls in flight may take to end (default 10)')
    .option('--engine-lease <seconds>', 'how long an unanswered attempt stays its process\'s without renewal (default 30)')
    .option('--engine-poll <seconds>', 'longest idle wait between engine passes when no NOTIFY comes (default 1)')
    .option('--carrier <carrier>', 'simulated or sip: real calls through --sip-trunk (default simulated)')
    .option('--sip-trunk <uri>', 'the SIP trunk to dial through: sip:HOST[:PORT] (port 5060 by default)')
    .option('--sip-transport <transport>', 'udp or tcp (default udp)')
    .option('--sip-username <name>', 'digest credentials for the trunk\'s 401/407 challenges (with --sip-password)')
    .option('--sip-password <secret>', 'better ROBOTCALL_SIP_PASSWORD: a flag shows in the process list')
    .option('--sip-local-address <ip>', 'this host\'s address as the trunk reaches it, for SIP and RTP (default 127.0.0.1)')
    .option('--sip-port <n>', 'local SIP port (default 5060; 0: any)')
    .option('--rtp-ports <from-to>', 'local RTP ports, two per call (default 20000-20999)')
    .option('--ring-timeout <seconds>', 'how long a call may ring before robotcall gives up: no answer (default 60)')
    .option('--input-timeout <seconds>', 'how long the robot waits for a reply (a key) after it asks; then no input (default 5)')
    .option('--recordings-dir <dir>', 'where answered SIP calls are recorded (default: recordings in the data dir)')
    .option('--recording-retention-days <n>', 'days a recording is kept; 0 keeps it until its task is deleted (default 0)')
    .option('--asr-url <url>', 'speech recognition: each utterance of the callee POSTed as WAV, answered {"text"} (default off: keys only)')
    .option('--receipt-max-backoff <seconds>', 'longest wait between tries of a call-receipt batch (default 600)')
    .option('--receipt-retry-hours <hours>', 'how long a call-receipt batch is retried after its first try (default 24)');
}
