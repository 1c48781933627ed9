// `robotcall call <Action> [--Name value ...]`: signs any action (v1 or V3) and sends it to any
// endpoint, printing the answer's body as it came (README "CLI: API commands").
import { InvalidArgumentError, Option, type Command } from 'commander';
import { apiClient, withApiOptions, type ApiFlags } from './api-options.js';
import { EXIT, isOk } from './api-command.js';
import { splitCallArgs } from './call-params.js';
import type { HttpMethod } from './rpc-client.js';

interface CallFlags extends ApiFlags { method?: HttpMethod; json?: boolean }

const ACTION = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

export function registerCallCommand(program: Command): void {
  const command = program.command('call')
    .description('sign an API action (v1 or V3) and send it; prints the answer\'s body')
    .usage('<Action> [--Name value ...] [options]')
    .argument('<Action>', 'the action, e.g. QueryRobotTaskList')
    .allowUnknownOption()
    .allowExcessArguments()
    .addOption(new Option('--method <method>', 'GET or POST (parameters in the query, or a form body)').choices(['GET', 'POST']).default('POST'))
    .option('--json', 'print the body as one line of JSON (the default off a terminal)')
    .addHelpText('after', `
Parameters are --Name value pairs, each sent as the text given (JSON stays text):
  robotcall call QueryRobotTaskDetail --Id 1045001
  robotcall call UploadRobotTaskCalledFile --Id 1045001 --CalledNumber 13800138000 \\
    --TtsParamHead '["name"]' --TtsParam '[{"number":"13800138000","params":["Li"]}]'
Exit codes: 0 the API answered Code OK; 2 it answered another Code (the body is printed);
1 a usage error, or no answer of the API (the server cannot be reached, or answered other than JSON).`);
  withApiOptions(command);
  command.action(async (action: string, _flags: CallFlags, cmd: Command) => {
    const own = new Map(cmd.options.map((o) => [o.long!, o.required || o.optional]));
    const { params, options } = splitCallArgs(cmd.args.slice(1), own);
    const flags = { ...cmd.opts<CallFlags>(), ...lateOptions(cmd, options) } as CallFlags;
    if (!ACTION.test(action)) throw new InvalidArgumentError(`"${action.slice(0, 100)}" is not an action name`);
    const client = apiClient(flags, flags.method ?? 'POST');
    const reply = await client.call(action, params);
    const compact = flags.json === true || !process.stdout.isTTY;
    if (reply.body === null) {
      // Not the API's answer (a proxy's error page, a wrong port): shown as it came, on stderr.
      console.error(`robotcall: ${client.endpoint.origin} answered HTTP ${reply.status} with a body that is not JSON:`);
      console.error(reply.text.slice(0, 4000));
      process.exitCode = EXIT.failure;
      return;
    }
    console.log(compact ? JSON.stringify(reply.body) : JSON.stringify(reply.body, null, 2));
    process.exitCode = isOk(reply) ? EXIT.ok : EXIT.apiError;
  });
}

/** Own options given after the first parameter, checked as commander checks them before it. */
function lateOptions(cmd: Command, found: Record<string, string | true>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(found)) {
    const option = cmd.options.find((o) => o.attributeName() === key)!;
    if (value === true) {
      out[key] = true;
      continue;
    }
    if (option.argChoices && !option.argChoices.includes(value)) {
      throw new InvalidArgumentError(`${option.long} must be one of ${option.argChoices.join(', ')}`);
    }
    out[key] = option.parseArg ? option.parseArg(value, undefined) : value;
  }
  return out;
}
