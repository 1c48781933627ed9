// Migration 5: money, counts and times in ranges every reader can hold (README "Limits"). Earlier
// releases let the admin API add 2^53-1 fen twice: the int8 parser throws past 2^53, so every read
// of that account failed and the embedded server no longer started; a ScheduleTime or clock advance
// of 2^53-1 ms stored times no date can render. Values out of range are clamped before anything
// reads them, then CHECK constraints refuse them from now on.
//
// Figures, kept literal so this migration's text never changes: 10^12 fen is the admin API's bound
// for a balance (domain/billing.ts), 10^15 the store's (room for charges of calls in flight, far
// below 2^53 = 9.007e15); 253402128000000 is 9999-12-30 00:00 UTC, still 9999 in every zone;
// 253339228800000 is 9998-01-01 00:00 UTC, the engine clock's bound (domain/time-range.ts).
export const sql = `
update accounts set balance_fen = greatest(least(balance_fen, 1000000000000), -1000000000000)
  where balance_fen not between -1000000000000 and 1000000000000;
alter table accounts add constraint accounts_balance_fen_range check (balance_fen between -1000000000000000 and 1000000000000000);

update calls set cost_fen = greatest(least(cost_fen, 1000000000000000), 0) where cost_fen not between 0 and 1000000000000000;
alter table calls add constraint calls_cost_fen_range check (cost_fen between 0 and 1000000000000000);

update tasks set dial_count = greatest(least(dial_count, 1000000000000000), 0) where dial_count not between 0 and 1000000000000000;
alter table tasks add constraint tasks_dial_count_range check (dial_count between 0 and 1000000000000000);

update tasks set schedule_time = least(schedule_time, 253402128000000), fire_time = least(fire_time, 253402128000000)
  where schedule_time > 253402128000000 or fire_time > 253402128000000;
update settings set value = jsonb_set(value, '{engineAt}', '253339228800000')
  where key = 'engine_clock' and (value->>'engineAt')::numeric > 253339228800000;
`;
