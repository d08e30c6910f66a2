import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitSqlStatements } from './split-sql-statements';

describe('splitSqlStatements', () => {
  it('when statements end with semicolons, then each comes back trimmed', () => {
    expect(splitSqlStatements('CREATE TABLE a (x int);\n\n  INSERT INTO a VALUES (1) ;\n')).toEqual([
      'CREATE TABLE a (x int)',
      'INSERT INTO a VALUES (1)',
    ]);
  });

  it('when a semicolon is inside a string, an identifier or a comment, then it does not end the statement', () => {
    const sql = [
      "INSERT INTO a VALUES ('x;y', \"p;q\", 'it''s; fine', 'back\\'slash;');",
      'SELECT `odd;name` FROM a; -- trailing; comment',
      '# hash; comment',
      "/* block; comment */ UPDATE a SET x = 'z' COMMENT 'c;d'",
    ].join('\n');
    expect(splitSqlStatements(sql)).toEqual([
      "INSERT INTO a VALUES ('x;y', \"p;q\", 'it''s; fine', 'back\\'slash;')",
      'SELECT `odd;name` FROM a',
      "UPDATE a SET x = 'z' COMMENT 'c;d'",
    ]);
  });

  it('when a line comment holds a quote, then the quote does not open a string', () => {
    expect(splitSqlStatements("-- the contest's table\nSELECT 1;\nSELECT 2;")).toEqual([
      'SELECT 1',
      'SELECT 2',
    ]);
  });

  it('when two dashes are not followed by a blank, then they are an expression, not a comment', () => {
    expect(splitSqlStatements('SELECT 1--1;')).toEqual(['SELECT 1--1']);
  });

  it('splits the shipped migrations into CREATE TABLE statements', () => {
    const sql = readFileSync(join(__dirname, '..', 'migrations', '001_aramis.sql'), 'utf8');
    const statements = splitSqlStatements(sql);
    expect(statements.map((statement) => statement.split(/\s+/).slice(0, 6).join(' '))).toEqual([
      'CREATE TABLE IF NOT EXISTS consumer_pathways_contests',
      'CREATE TABLE IF NOT EXISTS user_details',
      'CREATE TABLE IF NOT EXISTS sca_submissions',
    ]);
  });
});
