/** Kysely types of the working groups' own table (migration 0008); bodies and their kin are the bodies module's. */

/** The organisation a proposer acts for, when they chose one; no row means they proposed as an individual. */
export interface WorkingGroupProposalsTable {
  body_id: number;
  organisation_id: number;
}

export interface WorkgroupsTables {
  working_group_proposals: WorkingGroupProposalsTable;
}
