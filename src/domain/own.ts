// Lookups by a name a client chose. `record[name]` also finds Object.prototype's members
// (`constructor`, `toString`, `__proto__`...), so a name like that reached code as a function or an
// object and answered 500; `in` has the same flaw. Only a record's own properties count.

/** record[key] if the record itself has it, else undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A record to fill with client-chosen names: no prototype, so `__proto__` is a key like any other. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
