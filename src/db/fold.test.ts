/** teixit_fold: how names are compared and searched — without accents, capitals or the middle dot. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const fold = async (value: string) => (await sql<{ f: string }>`SELECT teixit_fold(${value}) AS f`.execute(database.db)).rows[0]?.f;

describe('teixit_fold', () => {
  it('reads accented capitals and small letters alike', async () => {
    expect(await fold('ÀMBIT Participat')).toBe('ambit participat');
    expect(await fold('Coòpolis')).toBe(await fold('COOPOLIS'));
    expect(await fold('Ñandú Çà')).toBe('nandu ca');
  });

  it("drops the middle dot of l·l, so 'collaborativa' finds 'col·laborativa'", async () => {
    expect(await fold('Economia col·laborativa')).toBe('economia collaborativa');
    expect(await fold('coŀlaborativa')).toBe('collaborativa');
  });
});
