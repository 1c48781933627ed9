import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStatements } from './migrate.js';

test('statements split on the semicolons outside dollar-quoted bodies; comment lines dropped', () => {
  const sql = `
-- a comment; with a semicolon
create table a (x int);
create function f() returns trigger language plpgsql as $$
begin
  -- inside; too
  delete from a where x = old.x;
  return old;
end $$;
create trigger t after delete on b for each row execute function f();
`;
  const statements = splitStatements(sql);
  assert.equal(statements.length, 3);
  assert.equal(statements[0], 'create table a (x int)');
  assert.match(statements[1]!, /^create function f\(\)[\s\S]*delete from a where x = old\.x;\n {2}return old;\nend \$\$$/);
  assert.equal(statements[2], 'create trigger t after delete on b for each row execute function f()');
});
