// What the container runs, read from the Dockerfile (ENV, ENTRYPOINT, CMD, HEALTHCHECK) and compose.yaml
// (each service's command and environment), so installed-check.ts runs those very commands without
// Docker. compose.yaml is read in the one shape it is written in (its header says so); anything else
// is an error here, never a silent guess.
import { readFileSync } from 'node:fs';

export interface ImageSpec {
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[];
}

export interface ServiceSpec { command: string[]; env: Record<string, string> }

export function readDockerfile(file: string): ImageSpec {
  // Instructions, with their continuation lines joined and comments dropped.
  const lines = readFileSync(file, 'utf8').replace(/\\\n\s*/g, ' ').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const froms = lines.flatMap((l, i) => (l.startsWith('FROM ') ? [i] : []));
  const runtime = lines.slice(froms.at(-1));
  const json = (instruction: string, pattern: RegExp): string[] => {
    const m = runtime.map((l) => pattern.exec(l)).find(Boolean);
    if (!m) throw new Error(`${file}: no ${instruction} in the runtime stage`);
    return JSON.parse(m[1]!) as string[];
  };
  const env: Record<string, string> = {};
  for (const line of runtime.filter((l) => l.startsWith('ENV '))) {
    for (const [, key, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[key!] = value!;
  }
  return {
    env,
    entrypoint: json('ENTRYPOINT', /^ENTRYPOINT (\[.*\])$/),
    cmd: json('CMD', /^CMD (\[.*\])$/),
    healthcheck: json('HEALTHCHECK', /^HEALTHCHECK .*?CMD (\[.*\])$/),
  };
}

/** A service's command and environment, the anchors merged and `${VAR:-default}` filled from `vars`. */
export function readComposeService(file: string, service: string, vars: Record<string, string>): ServiceSpec {
  const text = readFileSync(file, 'utf8');
  const anchorEnv = mapping(block(text, /^x-robotcall-env: &robotcall-env$/m, 2, file), file);
  const body = block(text, new RegExp(`^  ${service}:$`, 'm'), 4, file);
  const command = /^ {4}command: (\[.*\])$/m.exec(body);
  if (!command) throw new Error(`${file}: service ${service} has no command: [...] line`);
  let env: Record<string, string>;
  if (/^ {4}environment: \*robotcall-env$/m.test(body)) env = { ...anchorEnv };
  else {
    const own = block(body, /^ {4}environment:$/m, 6, file);
    if (!/^ {6}<<: \*robotcall-env$/m.test(own)) throw new Error(`${file}: service ${service}'s environment does not merge *robotcall-env`);
    env = { ...anchorEnv, ...mapping(own, file) };
  }
  for (const key of Object.keys(env)) env[key] = interpolate(env[key]!, vars, `${file}: ${service}.${key}`);
  return { command: JSON.parse(command[1]!) as string[], env };
}

/** The lines indented `indent` or more under the line `start` matches, up to the next shallower one. */
function block(text: string, start: RegExp, indent: number, file: string): string {
  const m = start.exec(text);
  if (!m) throw new Error(`${file}: no ${start.source}`);
  const out: string[] = [];
  for (const line of text.slice(m.index + m[0].length + 1).split('\n')) {
    if (line.trim() !== '' && !line.startsWith(' '.repeat(indent))) break;
    out.push(line);
  }
  return out.join('\n');
}

/** `KEY: value` lines of a block (comments and the merge key left out); quotes around a value removed. */
function mapping(body: string, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const indent = /^( +)\S/m.exec(body)?.[1]?.length ?? 0;
  for (const line of body.split('\n')) {
    if (!line.startsWith(' '.repeat(indent)) || line[indent] === ' ' || line.trim().startsWith('#') || line.trim().startsWith('<<:')) continue;
    const m = /^\s+([A-Z][A-Z0-9_]*): (.*)$/.exec(line);
    if (!m) throw new Error(`${file}: cannot read the environment line ${JSON.stringify(line)}`);
    out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** Compose's `${VAR}`, `${VAR:-default}` and `${VAR:?message}`: `vars` wins; a required one must be in it. */
function interpolate(value: string, vars: Record<string, string>, where: string): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    if (vars[name] !== undefined) return vars[name]!;
    if (kind === '-') return rest ?? '';
    throw new Error(`${where}: \${${name}} is required (${rest ?? 'no default'}) and the check gives no value`);
  });
}
