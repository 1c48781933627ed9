// The `--account` value of keys, robots and callers commands. An empty one (`--account ''`, or a
// variable that expanded to nothing) named nothing, differently per command: keys create made a new
// account as if it were left out, callers answered "no account" or an unknown admin route. Every
// command now refuses it the same way, as commander reports any bad option value.
import { InvalidArgumentError } from 'commander';

export function accountOption(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('an account cannot be empty: give an account id, one of its AccessKeyIds, or its name');
  // Ids, AccessKeyIds and names are all at most 64 characters (README "Limits"): a longer one names nothing.
  if ([...value].length > 64) throw new InvalidArgumentError('an account is an id, one of its AccessKeyIds, or a name of at most 64 characters');
  return value;
}
