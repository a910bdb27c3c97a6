import type { Generated } from 'kysely';

/** The sync server's tables (SYNC.md "Server"): teams, users, devices, the change log, field states. */
export interface ServerDatabase {
  server_meta: { key: string; value: string };
  team: { id: string; name: string; created_at: string };
  app_user: {
    id: string;
    team_id: string;
    email: string;
    password_hash: string;
    role: 'admin' | 'member';
    disabled_at: string | null;
    created_at: string;
  };
  device: {
    id: string;
    team_id: string;
    user_id: string;
    name: string;
    refresh_hash: string;
    created_at: string;
    last_seen_at: string;
    revoked_at: string | null;
    /** The device's last stored mutation counter: a push retried after a lost reply is skipped. */
    last_counter: number;
  };
  change: {
    seq: Generated<number>;
    team_id: string;
    table_name: string;
    row_id: string;
    field: string;
    value: string;
    hlc: string;
    device_id: string;
    counter: number;
    /** The pushing device's pull cursor when the change was made (see protocol Mutation.seen). */
    seen_seq: Generated<number>;
    received_at: string;
  };
  field_state: {
    team_id: string;
    table_name: string;
    row_id: string;
    field: string;
    value: string;
    hlc: string;
  };
  /**
   * Sign-in attempts under way or failed, one row per limit they count against (`address:…`, `email:…`,
   * `device:…`), so every process sharing the database applies the same limits, and a restart forgets none.
   */
  login_attempt: { attempt: string; bucket: string; at_ms: number };
}
