import { csvField, ENTRY_CSV_COLUMNS, entryCsvHeader, entryCsvRow } from './entries-csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['Smith, Jr.', '"Smith, Jr."'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
  ])('when the value is %j, then the field is %j (RFC 4180 quoting)', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1+1', "'=1+1"],
    ['-2+3', "'-2+3"],
    ['+1*2', "'+1*2"],
    ['-1e5', "'-1e5"],
    ['+A1', "'+A1"],
    ['-SUM(A1:A2)', "'-SUM(A1:A2)"],
    ["+cmd|'/c calc'!A1", "'+cmd|'/c calc'!A1"],
    ['-1,000.50', `"'-1,000.50"`],
    ['+', "'+"],
    ['- ', "'- "],
    ['+44 20 7946 0958\t', "'+44 20 7946 0958\t"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rnew', `"'\rnew"`],
  ])('when the value %j would run as a formula, then it gets a leading quote: %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    '+44 20 7946 0958',
    '+44 (0)20 7946 0958',
    '+1-555-0100',
    '+1 (555) 010-0100',
    '+33.1.23.45.67.89',
    '+447946095800',
    '-12.5',
    '-.5',
    '+7',
    '(020) 7946 0958',
    '555-0100',
  ])('when the value %j is a phone number or a number, then SCA gets it exactly as submitted', (value) => {
    expect(csvField(value)).toBe(value);
  });

  it('when the value is null or undefined, then the field is empty', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('entryCsvHeader and entryCsvRow', () => {
  it('the header names the columns in file order, CRLF-terminated', () => {
    expect(entryCsvHeader()).toBe(
      'entry_id,utm_content,email,first_name,last_name,phone,site,account_id,entered_at\r\n',
    );
    expect(ENTRY_CSV_COLUMNS).toHaveLength(9);
  });

  it('when an entry has every field, then its row follows the header order', () => {
    expect(
      entryCsvRow({
        entryId: 'e-1',
        utmContent: 'spring',
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: "O'Neil, PhD",
        phone: '555-0100',
        site: '2017',
        accountId: 'acc-9',
        createdAt: new Date('2026-03-08T14:03:07.123Z'),
      }),
    ).toBe('e-1,spring,ada@example.com,Ada,"O\'Neil, PhD",555-0100,2017,acc-9,2026-03-08T14:03:07.123Z\r\n');
  });

  it('when optional fields are missing, then they are empty fields and the row keeps 9 columns', () => {
    const row = entryCsvRow({
      entryId: 'e-2',
      utmContent: 'spring',
      email: 'b@example.com',
      createdAt: '2026-03-08T00:00:00.000Z',
    });
    expect(row).toBe('e-2,spring,b@example.com,,,,,,2026-03-08T00:00:00.000Z\r\n');
  });

  it('when a name holds a newline and a formula, then the row still parses as one record of 9 fields', () => {
    const row = entryCsvRow({
      entryId: 'e-3',
      utmContent: 'spring',
      email: 'c@example.com',
      firstName: '=cmd|"/c calc"!A1',
      lastName: 'line\r\nbreak',
      createdAt: '2026-03-08T00:00:00.000Z',
    });
    expect(row).toBe(
      'e-3,spring,c@example.com,"\'=cmd|""/c calc""!A1","line\r\nbreak",,,,2026-03-08T00:00:00.000Z\r\n',
    );
    expect(parseCsvRecord(row)).toHaveLength(9);
  });
});

/** A strict RFC 4180 reader for one record, to check that what we write reads back. */
function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else {
      while (text[i] !== ',' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        field += text[i];
        i += 1;
      }
    }
    fields.push(field);
    if (text[i] === ',') i += 1;
    else return fields;
  }
}
