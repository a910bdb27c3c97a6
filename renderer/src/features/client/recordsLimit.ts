/** How many records of one kind a client tab shows (the newest first). */
export const RECORDS_LIMIT = 200;
