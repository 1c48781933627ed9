// `robotcall scenarios list|put NUMBER FILE|delete NUMBER`: the simulated carrier's per-number
// scenarios (docs/decisions.md D8) on a running server, over `/_robotcall/carrier/scenarios`. The
// server validates a scenario (README "Limits"); the file is read here, bounded.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { okJson } from './admin-client.js';
import { adminCommandOptions, requireServer, type TargetFlags } from './admin-target.js';

interface ScenarioFlags extends TargetFlags { json?: boolean }
type Listed = { number: string } & Record<string, unknown>;

/** A scenario at its largest (100 utterances of 500 characters, 3 bytes each) is about 150 KB. */
const MAX_FILE_BYTES = 1024 * 1024;
/** The callee filters take at most 32 characters (README "Limits"); no valid number is longer. */
const MAX_NUMBER = 32;

export function registerScenariosCommands(program: Command): void {
  const scenarios = program.command('scenarios')
    .description('per-number outcomes of the simulated carrier (README "Simulated carrier"), on a running server');

  adminCommandOptions(scenarios.command('list').description('list the scenarios in force'))
    .action(async (flags: ScenarioFlags) => {
      const api = await requireServer(flags);
      const list = okJson(await api.call('GET', 'carrier/scenarios')).scenarios as Listed[];
      if (flags.json) console.log(JSON.stringify(list));
      else if (list.length === 0) console.error('robotcall: no scenarios');
      else for (const s of list) console.log(describeScenario(s));
    });

  adminCommandOptions(scenarios.command('put')
    .description('set the scenario of a number from a JSON file {outcomes, utterances, ringMs, hangup}')
    .argument('<number>', 'the callee number (mainland mobile or landline)', calleeNumber)
    .argument('<file>', 'JSON file holding the scenario'))
    .action(async (number: string, file: string, flags: ScenarioFlags) => {
      const scenario = readScenarioFile(file);
      const api = await requireServer(flags);
      const saved = okJson(await api.call('PUT', `carrier/scenarios/${encodeURIComponent(number)}`, scenario)) as Listed;
      console.log(flags.json ? JSON.stringify(saved) : describeScenario(saved));
    });

  adminCommandOptions(scenarios.command('delete')
    .description('remove the scenario of a number (an error if it has none)')
    .argument('<number>', 'the callee number', calleeNumber))
    .action(async (number: string, flags: ScenarioFlags) => {
      const api = await requireServer(flags);
      const deleted = okJson(await api.call('DELETE', `carrier/scenarios/${encodeURIComponent(number)}`));
      console.log(flags.json ? JSON.stringify(deleted) : `${String(deleted.number)}: scenario deleted`);
    });
}

/** One line: the number, then each field the scenario sets. */
export function describeScenario(s: Listed): string {
  const parts = [s.number];
  if (Array.isArray(s.outcomes)) parts.push(`outcomes ${s.outcomes.join(',')}`);
  if (Array.isArray(s.utterances)) parts.push(`utterances ${JSON.stringify(s.utterances)}`);
  if (s.ringMs !== undefined) parts.push(`ringMs ${String(s.ringMs)}`);
  if (s.hangup !== undefined) parts.push(`hangup ${String(s.hangup)}`);
  return parts.join('\t');
}

function calleeNumber(value: string): string {
  if (value.trim() === '' || value.length > MAX_NUMBER) throw new InvalidArgumentError(`a number is 1 to ${MAX_NUMBER} characters`);
  return value;
}

function readScenarioFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > MAX_FILE_BYTES) throw new Error(`over ${MAX_FILE_BYTES / 1024} KiB`);
      const bytes = Buffer.alloc(size);
      readSync(fd, bytes, 0, size, 0);
      text = bytes.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new Error(`${file}: not a readable scenario file (${(err as Error).message})`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message})`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: must hold a JSON object {outcomes, utterances, ringMs, hangup}`);
  return parsed as Record<string, unknown>;
}
