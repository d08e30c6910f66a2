/**
 * Splits a migration file into its statements on the `;` that end them, so each runs as one query and the
 * pool never needs `multipleStatements` (which would let any injected `;` run a second statement).
 *
 * Knows the MariaDB lexemes that may hold a `;` without ending a statement: '…' and "…" strings (with
 * backslash and doubled-quote escapes), `…` identifiers, `-- ` and `#` line comments and `/* … *\/` block
 * comments. Comments are dropped; statements come back trimmed, empty ones skipped. No `DELIMITER` support:
 * migrations hold no stored procedures.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === "'" || char === '"' || char === '`') {
      const end = endOfQuoted(sql, i);
      current += sql.slice(i, end);
      i = end;
    } else if ((char === '-' && next === '-' && /[\s]|^$/.test(sql[i + 2] ?? '')) || char === '#') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      current += ' ';
    } else if (char === ';') {
      pushStatement(statements, current);
      current = '';
      i += 1;
    } else {
      current += char;
      i += 1;
    }
  }
  pushStatement(statements, current);
  return statements;
}

function pushStatement(statements: string[], text: string): void {
  const statement = text.trim();
  if (statement !== '') statements.push(statement);
}

/** Index just past the quoted lexeme starting at `start` (its closing quote), or the end of the text. */
function endOfQuoted(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    const char = sql[i];
    if (char === '\\' && quote !== '`') {
      i += 2;
    } else if (char === quote) {
      // A doubled quote is an escaped quote, not the end.
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return sql.length;
}
