// SQL for small named settings (the engine clock's anchor) and the carrier's scenarios.
import type { SqlExecutor } from '../executor.js';

export async function selectSetting<T>(db: SqlExecutor, key: string): Promise<T | null> {
  const [row] = await db.query<{ value: T }>('select value from settings where key = $1', [key]);
  return row ? row.value : null;
}

export async function upsertSetting(db: SqlExecutor, key: string, value: unknown): Promise<void> {
  await db.query('insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value',
    [key, JSON.stringify(value)]);
}

export async function selectScenarios(db: SqlExecutor): Promise<Array<[string, unknown]>> {
  const rows = await db.query<{ number: string; scenario: unknown }>('select number, scenario from carrier_scenarios order by number');
  return rows.map((r) => [r.number, r.scenario]);
}

export async function upsertScenario(db: SqlExecutor, number: string, scenario: unknown): Promise<void> {
  await db.query(
    'insert into carrier_scenarios (number, scenario) values ($1, $2::jsonb) on conflict (number) do update set scenario = excluded.scenario',
    [number, JSON.stringify(scenario)]);
}

export async function deleteScenario(db: SqlExecutor, number: string): Promise<boolean> {
  return (await db.query('delete from carrier_scenarios where number = $1 returning number', [number])).length > 0;
}

export async function deleteAllScenarios(db: SqlExecutor): Promise<void> {
  await db.query('delete from carrier_scenarios');
}
