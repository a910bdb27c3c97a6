import type { Migration } from './migration.ts';

/** The sync columns of SYNC.md, the same on every synced table. */
const SYNC_COLUMNS = `
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        merged_into TEXT,
        hlc TEXT NOT NULL,
        field_clocks TEXT NOT NULL DEFAULT '{}'`;

/**
 * Every other entity of ARCHITECTURE.md: team members, contacts, the history of dealings, follow-ups,
 * deals, payments, competitor offers, service requests, campaigns and tags, and the client's rollups.
 *
 * Rules kept by all of them:
 * - No foreign keys and no UNIQUE constraints between synced rows: devices create children and parents
 *   offline and in any order (SYNC.md); the API checks that a parent exists and is live.
 * - Coupled values (amount + currency, lists of emails or phones) are one JSON field so they win or lose a
 *   merge together; numbers the analytics sum (`*_minor`) are local columns derived from them.
 * - Every hot list has a partial index on live rows in the order it is read.
 */
export const m0004Entities: Migration = {
  version: 4,
  name: 'entities',
  up(sqlite) {
    sqlite.exec(`
      -- Local rollups of a client's dealings, kept by every write of an interaction or follow-up.
      ALTER TABLE client ADD COLUMN last_contact_at TEXT;
      ALTER TABLE client ADD COLUMN next_followup_at TEXT;
      CREATE INDEX client_live_by_last_contact ON client (last_contact_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX client_live_by_next_followup ON client (next_followup_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX client_live_by_created ON client (created_at, id) WHERE deleted_at IS NULL;

      CREATE TABLE team_member (${SYNC_COLUMNS},
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;
      CREATE INDEX team_member_live_by_name ON team_member (sort_name, id) WHERE deleted_at IS NULL;

      CREATE TABLE contact (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        role TEXT,
        -- JSON arrays [{"value": ..., "label": ...}]
        emails TEXT NOT NULL DEFAULT '[]',
        phones TEXT NOT NULL DEFAULT '[]',
        preferred_channel TEXT CHECK (preferred_channel IN ('phone', 'email', 'message', 'meeting', 'any')),
        -- YYYY-MM-DD
        birthday TEXT,
        notes TEXT,
        is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1))
      ) STRICT;
      CREATE INDEX contact_live_by_client ON contact (client_id, sort_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX contact_live_by_name ON contact (sort_name, id) WHERE deleted_at IS NULL;

      CREATE TABLE interaction (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        contact_id TEXT,
        user_id TEXT,
        deal_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'visit', 'email', 'message', 'note')),
        direction TEXT CHECK (direction IN ('inbound', 'outbound')),
        occurred_at TEXT NOT NULL,
        duration_s INTEGER CHECK (duration_s >= 0),
        outcome TEXT,
        summary TEXT,
        body TEXT
      ) STRICT;
      CREATE INDEX interaction_live_by_client ON interaction (client_id, occurred_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX interaction_live_by_time ON interaction (occurred_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX interaction_live_by_contact ON interaction (contact_id, occurred_at, id)
        WHERE deleted_at IS NULL AND contact_id IS NOT NULL;
      CREATE INDEX interaction_live_by_deal ON interaction (deal_id, occurred_at, id)
        WHERE deleted_at IS NULL AND deal_id IS NOT NULL;

      CREATE TABLE followup (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        contact_id TEXT,
        -- The interaction whose "next step" created it.
        interaction_id TEXT,
        deal_id TEXT,
        title TEXT NOT NULL,
        notes TEXT,
        due_at TEXT NOT NULL,
        -- 1: due on a day, no time of day (due_at is the start of that day in local time).
        all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
        assignee_id TEXT,
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        completed_at TEXT
      ) STRICT;
      CREATE INDEX followup_open_by_due ON followup (due_at, id) WHERE deleted_at IS NULL AND status = 'open';
      CREATE INDEX followup_open_by_assignee ON followup (assignee_id, due_at, id)
        WHERE deleted_at IS NULL AND status = 'open';
      CREATE INDEX followup_live_by_client ON followup (client_id, status, due_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX followup_by_interaction ON followup (interaction_id) WHERE interaction_id IS NOT NULL;

      -- Local only (each laptop reminds its own user; not synced): a reminder dismissed or snoozed for the
      -- due time it was shown for. Rescheduling the follow-up makes it remind again.
      CREATE TABLE reminder_state (
        followup_id TEXT PRIMARY KEY NOT NULL,
        due_at TEXT NOT NULL,
        dismissed_at TEXT,
        snoozed_until TEXT
      ) STRICT;
      CREATE INDEX reminder_state_by_snooze ON reminder_state (snoozed_until) WHERE snoozed_until IS NOT NULL;

      CREATE TABLE deal (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        title TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'qualification'
          CHECK (stage IN ('qualification', 'proposal', 'negotiation', 'won', 'lost')),
        -- JSON {"amount": number, "currency": "KZT"}
        value TEXT,
        value_minor INTEGER,
        currency TEXT,
        probability INTEGER CHECK (probability BETWEEN 0 AND 100),
        expected_close_on TEXT,
        closed_on TEXT,
        reason TEXT,
        competitor TEXT,
        owner_id TEXT,
        notes TEXT
      ) STRICT;
      CREATE INDEX deal_live_by_client ON deal (client_id, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX deal_live_by_stage ON deal (stage, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX deal_live_by_created ON deal (created_at, id) WHERE deleted_at IS NULL;

      CREATE TABLE payment (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        deal_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'payment', 'refund')),
        -- JSON {"amount": number, "cost": number | null, "currency": "KZT"}
        money TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        cost_minor INTEGER,
        currency TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        due_on TEXT,
        paid_on TEXT,
        reference TEXT,
        notes TEXT
      ) STRICT;
      CREATE INDEX payment_live_by_client ON payment (client_id, issued_on, id) WHERE deleted_at IS NULL;
      CREATE INDEX payment_live_by_issued ON payment (issued_on, id) WHERE deleted_at IS NULL;

      CREATE TABLE competitor_offer (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        deal_id TEXT,
        competitor TEXT NOT NULL,
        offer TEXT,
        -- JSON {"amount": number, "currency": "KZT"}
        price TEXT,
        offered_on TEXT NOT NULL,
        notes TEXT
      ) STRICT;
      CREATE INDEX competitor_offer_live_by_client ON competitor_offer (client_id, offered_on, id)
        WHERE deleted_at IS NULL;

      CREATE TABLE service_request (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        contact_id TEXT,
        assignee_id TEXT,
        title TEXT NOT NULL,
        description TEXT,
        status TEXT NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'in_progress', 'waiting', 'resolved', 'closed')),
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        opened_at TEXT NOT NULL,
        resolved_at TEXT
      ) STRICT;
      CREATE INDEX service_request_live_by_client ON service_request (client_id, opened_at, id)
        WHERE deleted_at IS NULL;
      CREATE INDEX service_request_live_by_status ON service_request (status, opened_at, id)
        WHERE deleted_at IS NULL;
      CREATE INDEX service_request_live_by_opened ON service_request (opened_at, id) WHERE deleted_at IS NULL;

      CREATE TABLE campaign (${SYNC_COLUMNS},
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        channel TEXT,
        starts_on TEXT,
        ends_on TEXT,
        -- JSON {"amount": number, "currency": "KZT"}
        cost TEXT,
        notes TEXT
      ) STRICT;
      CREATE INDEX campaign_live_by_name ON campaign (sort_name, id) WHERE deleted_at IS NULL;

      -- The id is derived from (campaign_id, client_id), so two devices adding the same client make one row.
      CREATE TABLE campaign_member (${SYNC_COLUMNS},
        campaign_id TEXT NOT NULL,
        client_id TEXT NOT NULL,
        contact_id TEXT,
        status TEXT NOT NULL DEFAULT 'targeted' CHECK (status IN ('targeted', 'responded', 'converted')),
        responded_on TEXT
      ) STRICT;
      CREATE INDEX campaign_member_live_by_campaign ON campaign_member (campaign_id, id) WHERE deleted_at IS NULL;
      CREATE INDEX campaign_member_live_by_client ON campaign_member (client_id, id) WHERE deleted_at IS NULL;

      CREATE TABLE tag (${SYNC_COLUMNS},
        name TEXT NOT NULL,
        sort_name TEXT NOT NULL,
        color TEXT
      ) STRICT;
      CREATE INDEX tag_live_by_name ON tag (sort_name, id) WHERE deleted_at IS NULL;

      -- A tag on a client; the id is derived from (client_id, tag_id). Removing a tag deletes the row softly.
      CREATE TABLE client_tag (${SYNC_COLUMNS},
        client_id TEXT NOT NULL,
        tag_id TEXT NOT NULL
      ) STRICT;
      CREATE INDEX client_tag_live_by_client ON client_tag (client_id, tag_id) WHERE deleted_at IS NULL;
      CREATE INDEX client_tag_live_by_tag ON client_tag (tag_id, client_id) WHERE deleted_at IS NULL;
    `);
  },
};
