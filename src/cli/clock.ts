// `robotcall clock [speed SPEC | advance --ms N | --to TIME]`: the engine clock of a running server
// (docs/decisions.md D6) over its admin API: `GET /_robotcall/clock`, `POST .../clock/speed`,
// `POST .../clock/advance`. Values are checked here first, so a bad one never reaches the server.
import { InvalidArgumentError, type Command } from 'commander';
import { SCALED_RATE, usableClockSpec } from '../clock.js';
import { LATEST_ENGINE_TIME } from '../domain/time-range.js';
import { okJson, type AdminAnswer, type AdminApi } from './admin-client.js';
import { adminCommandOptions, requireServer, type TargetFlags } from './admin-target.js';

interface ClockFlags extends TargetFlags { json?: boolean; ms?: number; to?: number | string }

interface ClockView { mode: string; rate: number; now: number; time: string; timezone: string; engine: string }

/** `yyyy-MM-dd HH:mm:ss` in the server's zone, which the server parses (README "Admin API"). */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function registerClockCommand(program: Command): void {
  // `clock` alone is `clock show`: options on `clock` itself would take those given after a subcommand.
  const clock = program.command('clock')
    .description('the engine clock of a running server: show it (the default), change its speed, advance it');
  adminCommandOptions(clock.command('show', { isDefault: true }).description('show the engine clock'))
    .action((flags: ClockFlags) => run(flags, (api) => api.call('GET', 'clock')));

  adminCommandOptions(clock.command('speed <clock>')
    .description('run the engine clock on from its current time at system, manual or scaled:N (N times faster)'))
    .action((spec: string, flags: ClockFlags) => {
      const parsed = spec.length <= 30 ? usableClockSpec(spec) : null;
      if (parsed === null) {
        throw new Error(`the clock is system, manual or scaled:N with N a number from ${SCALED_RATE.min} to ${SCALED_RATE.max.toLocaleString('en-US')} (got ${JSON.stringify(spec.slice(0, 40))})`);
      }
      return run(flags, (api) => api.call('POST', 'clock/speed', { clock: spec }));
    });

  adminCommandOptions(clock.command('advance')
    .description('move a manual or scaled engine clock forward; answers once the server\'s engine has caught up')
    .option('--ms <n>', 'by this many milliseconds (0 or more)', milliseconds)
    .option('--to <time>', 'to this time: epoch ms, or "yyyy-MM-dd HH:mm:ss" in the server\'s --timezone', targetTime))
    .action((flags: ClockFlags) => {
      if ((flags.ms === undefined) === (flags.to === undefined)) throw new Error('give one of --ms N or --to TIME');
      return run(flags, (api) => api.call('POST', 'clock/advance', flags.ms === undefined ? { to: flags.to } : { ms: flags.ms }));
    });
}

async function run(flags: ClockFlags, call: (api: AdminApi) => Promise<AdminAnswer>): Promise<void> {
  const api = await requireServer(flags);
  const view = okJson(await call(api)) as unknown as ClockView;
  console.log(flags.json ? JSON.stringify(view) : describeClock(view));
}

export function describeClock(c: ClockView): string {
  const spec = c.mode === 'scaled' ? `scaled:${c.rate}` : c.mode;
  return `engine clock ${spec}: ${c.time} ${c.timezone} (epoch ms ${c.now}); `
    + (c.engine === 'on' ? 'this server runs an engine' : 'this server runs no engine (--engine off): workers follow the clock within a second');
}

function milliseconds(value: string): number {
  const n = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n <= LATEST_ENGINE_TIME) return n;
  if (/^-\d/.test(value)) throw new InvalidArgumentError('the engine clock never goes back: give 0 or more milliseconds');
  throw new InvalidArgumentError(`give a whole number of milliseconds from 0 to ${LATEST_ENGINE_TIME}`);
}

function targetTime(value: string): number | string {
  if (/^\d{1,16}$/.test(value) && Number(value) <= LATEST_ENGINE_TIME) return Number(value);
  if (LOCAL_TIME.test(value)) return value;
  throw new InvalidArgumentError(`give epoch ms (0 to ${LATEST_ENGINE_TIME}) or "yyyy-MM-dd HH:mm:ss" in the server's time zone`);
}
