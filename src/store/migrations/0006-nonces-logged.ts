// Migration 6: the nonces table (replay protection, docs/decisions.md D2) becomes an ordinary,
// WAL-logged table. It was UNLOGGED, which PostgreSQL empties when it recovers from a crash: every
// request signed in the last 15 minutes could then be replayed. The rewrite copies at most one
// window's worth of rows. The embedded store keeps its nonces elsewhere (a journal in the data dir)
// and never uses this table.
export const sql = `
alter table nonces set logged;
`;
