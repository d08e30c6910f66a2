import { type Contest, type ContestRow, parseContestRow } from '@prizedraw/contests';
import type { RowDataPacket } from 'mysql2/promise';
import type { ComplianceDbPool } from './create-pool';

/** A contest row that cannot be used, and why (the reason names the column). */
export interface RejectedContest {
  contestId: number;
  reason: string;
}

/** What {@link ContestRepository.listContests} found: usable contests and the rows it had to skip. */
export interface ContestList {
  contests: Contest[];
  rejected: RejectedContest[];
}

/** Every column of `consumer_pathways_contests`, as the production table names them. */
export const CONTEST_COLUMNS =
  'consumer_pathways_contest_id, utm_content, human_readable_name, ruleset, frequency, start_date, ' +
  'dedupe_on_email, creation_date, end_date, status, timezone, site';

/** The contests of `aramis.consumer_pathways_contests` (read only: the table belongs to the contest system). */
export class ContestRepository {
  constructor(private readonly pool: ComplianceDbPool) {}

  /**
   * All contests, active or not, by id, each row checked by `parseContestRow`: a bad row lands in
   * `rejected` with its reason and the others are still returned.
   */
  async listContests(): Promise<ContestList> {
    const [rows] = await this.pool.query<RowDataPacket[]>(
      `SELECT ${CONTEST_COLUMNS} FROM consumer_pathways_contests ORDER BY consumer_pathways_contest_id`,
    );
    const list: ContestList = { contests: [], rejected: [] };
    for (const row of rows) {
      const parsed = parseContestRow(row as ContestRow & RowDataPacket);
      if (parsed.ok) list.contests.push(parsed.contest);
      else list.rejected.push({ contestId: parsed.contestId, reason: parsed.reason });
    }
    return list;
  }
}
