// Migration 4: the engine time from which the engine may act on a task that was started or resumed
// through the API. On a scaled clock the engine sees such a change a pass later; without this it
// could record a dial, or a fireTime, from before the request.
export const sql = `
alter table tasks add column run_from bigint;
`;
