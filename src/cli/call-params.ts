// The `--Name value` pairs of `robotcall call`, each an API parameter kept as text. API parameters
// are PascalCase and robotcall's own options kebab-case, so the two never share a name: a token naming
// one of the command's own options (even after the parameters) is handed back as an option.
import { InvalidArgumentError } from 'commander';

/** Bounds on what one command line may send; the server bounds every value further. */
const MAX_PARAMS = 200;
const NAME = /^[A-Za-z][A-Za-z0-9_.]{0,99}$/;

export interface SplitArgs {
  params: Map<string, string>;
  /** The command's own options found among the tokens: name (camelCase) → value, or true for a switch. */
  options: Record<string, string | true>;
}

/**
 * `own` maps each own option's long name (`--json`) to whether it takes a value. Throws
 * InvalidArgumentError for a token that is neither, a parameter without a value or given twice.
 */
export function splitCallArgs(tokens: readonly string[], own: ReadonlyMap<string, boolean>): SplitArgs {
  const params = new Map<string, string>();
  const options: Record<string, string | true> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(token);
    if (!m) throw new InvalidArgumentError(`unexpected argument "${token.slice(0, 100)}": parameters are given as --Name value`);
    const [, name, inline] = m as unknown as [string, string, string | undefined];
    const takesValue = own.get(`--${name}`);
    if (takesValue !== undefined) {
      if (!takesValue) options[camel(name)] = true;
      else options[camel(name)] = inline ?? valueAfter(tokens, i++, `--${name}`);
      continue;
    }
    if (!NAME.test(name)) throw new InvalidArgumentError(`--${name.slice(0, 100)} is not an option of this command nor an API parameter name (letters, digits, _ and ., starting with a letter)`);
    // The value is the next token whatever it looks like (`--TaskName -x`), unless given as --Name=value.
    const value = inline ?? valueAfter(tokens, i++, `--${name}`);
    if (params.has(name)) throw new InvalidArgumentError(`--${name} is given twice`);
    if (params.size === MAX_PARAMS) throw new InvalidArgumentError(`at most ${MAX_PARAMS} parameters`);
    params.set(name, value);
  }
  return { params, options };
}

function valueAfter(tokens: readonly string[], at: number, name: string): string {
  if (at + 1 >= tokens.length) throw new InvalidArgumentError(`${name} needs a value (an empty one is --Name '')`);
  return tokens[at + 1]!;
}

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
