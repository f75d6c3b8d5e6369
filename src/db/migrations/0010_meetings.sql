-- Meetings of every body (issue 4): the notice and its answers, the agenda and the dossier,
-- attendance, the minutes (acta) and their approval, agreements and their action items.
-- PostgreSQL 15 subset (PGlite and a PostgreSQL server run the same script).

-- Each body's meeting rules. Null means the default for its kind (see meetings/rules.ts):
-- notice 10 days for the plenary, 5 for the steering group, 3 for working groups; the dossier
-- complete 5 days before the plenary's, 2 before the steering group's, 1 before a working group's; quorum half of the members; the plenary's and the steering group's
-- meetings public, a working group's seen by its members.
ALTER TABLE bodies
  ADD COLUMN notice_days smallint CHECK (notice_days IS NULL OR notice_days BETWEEN 0 AND 90),
  ADD COLUMN dossier_days smallint CHECK (dossier_days IS NULL OR dossier_days BETWEEN 0 AND 90),
  -- quorum counted over the members ('members') or over the represented organisations ('organisations')
  ADD COLUMN quorum_basis text NOT NULL DEFAULT 'members' CHECK (quorum_basis IN ('members', 'organisations')),
  -- share needed, in percent (50: half)
  ADD COLUMN quorum_percent smallint NOT NULL DEFAULT 50 CHECK (quorum_percent BETWEEN 1 AND 100),
  ADD COLUMN meetings_public boolean,
  -- votes recorded with each voter's name (true) or as counts only (false)
  ADD COLUMN named_votes boolean NOT NULL DEFAULT false;

-- Uploaded files (a meeting's dossier). Kept in the database so a backup holds them and a
-- crash loses none; the type comes from the bytes (kernel/files/sniff.ts), never the name.
CREATE TABLE stored_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256 text NOT NULL,
  media_type text NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  content bytea NOT NULL,
  uploaded_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  kind text NOT NULL DEFAULT 'ordinary' CHECK (kind IN ('ordinary', 'extraordinary')),
  format text NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'online', 'hybrid')),
  title jsonb NOT NULL,                      -- translatable {ca, es, en}
  description text NOT NULL DEFAULT '',      -- markdown
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text,
  online_url text,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'convened', 'held', 'cancelled')),
  -- why it was convened with less notice than the body's rules ask (shown on the notice)
  urgency_reason text,
  cancel_reason text,
  convened_at timestamptz,
  cancelled_at timestamptz,
  -- iCalendar SEQUENCE: raised on every change a calendar must see (time, place, cancellation)
  sequence integer NOT NULL DEFAULT 0,
  -- the day-before reminder went out for this start (a new time re-arms it)
  reminded_for timestamptz,
  minutes_state text NOT NULL DEFAULT 'none' CHECK (minutes_state IN ('none', 'draft', 'circulated', 'approved')),
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT meetings_end_after_start CHECK (ends_at > starts_at),
  CONSTRAINT meetings_place_or_link CHECK (
    (format = 'in_person' AND place IS NOT NULL) OR
    (format = 'online' AND online_url IS NOT NULL) OR
    (format = 'hybrid' AND place IS NOT NULL AND online_url IS NOT NULL)),
  CONSTRAINT meetings_cancel_reason CHECK (state <> 'cancelled' OR cancel_reason IS NOT NULL)
);
CREATE INDEX meetings_body_starts_idx ON meetings (body_id, starts_at);
CREATE INDEX meetings_starts_idx ON meetings (starts_at);

CREATE TABLE agenda_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  position integer NOT NULL,
  kind text NOT NULL DEFAULT 'information' CHECK (kind IN ('information', 'deliberation', 'decision')),
  title jsonb NOT NULL,                      -- translatable
  description text NOT NULL DEFAULT '',      -- markdown
  presenter text NOT NULL DEFAULT '',
  duration_minutes smallint CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 600),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- deferrable so a reorder can swap two positions in one statement
  CONSTRAINT agenda_items_position_key UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED
);

-- An agenda item points at records of other modules: target_type names a kind registered in
-- the link registry (meetings/links.ts: 'body', 'body_report', 'organisation', later documents
-- and plan measures), target_id its id there.
CREATE TABLE agenda_item_links (
  agenda_item_id bigint NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  target_type text NOT NULL CHECK (target_type ~ '^[a-z_]{1,40}$'),
  target_id bigint NOT NULL,
  position smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (agenda_item_id, target_type, target_id)
);
CREATE INDEX agenda_item_links_target_idx ON agenda_item_links (target_type, target_id);

-- The dossier: files and links, for the meeting or one of its items.
CREATE TABLE dossier_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  agenda_item_id bigint REFERENCES agenda_items (id) ON DELETE SET NULL,
  title text NOT NULL,
  file_id bigint REFERENCES stored_files (id),
  file_name text,
  url text,
  added_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dossier_entries_file_or_url CHECK ((file_id IS NULL) <> (url IS NULL))
);
CREATE INDEX dossier_entries_meeting_idx ON dossier_entries (meeting_id);

-- A member's answer to the notice. 'alternate': their alternate goes in their place.
CREATE TABLE meeting_answers (
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  person_id bigint NOT NULL REFERENCES users (id),
  answer text NOT NULL CHECK (answer IN ('attending', 'excused', 'alternate')),
  alternate_id bigint REFERENCES users (id),
  via text NOT NULL DEFAULT 'site' CHECK (via IN ('site', 'link', 'api')),
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, person_id)
);

-- Who attended, as recorded by the secretary: each person once, with the organisation they
-- represented and the college they sat in; an alternate names the member they stood in for.
CREATE TABLE meeting_attendance (
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  person_id bigint NOT NULL REFERENCES users (id),
  organisation_id bigint REFERENCES organisations (id),
  college text NOT NULL CHECK (college IN ('council', 'entity', 'trajectory', 'non_articulated', 'expert')),
  on_behalf_of bigint REFERENCES users (id),
  -- a guest (not a member, not an alternate) does not count for quorum
  guest boolean NOT NULL DEFAULT false,
  recorded_by bigint REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, person_id)
);

-- The minutes (acta) of a meeting. One at a time per meeting is open (draft or circulated);
-- approved minutes are frozen (content + content_hash); a correction is a new row that
-- names the approved minutes it corrects.
CREATE TABLE minutes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  corrects_id bigint REFERENCES minutes (id),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'circulated', 'approved')),
  place text,
  started_at timestamptz,
  ended_at timestamptz,
  summary text NOT NULL DEFAULT '',          -- markdown: opening, anything outside the items
  -- per agenda item: {"<agenda_item_id>": "markdown summary of the deliberation"}
  deliberations jsonb NOT NULL DEFAULT '{}',
  objections_until date,
  circulated_at timestamptz,
  approved_at timestamptz,
  approved_in bigint REFERENCES meetings (id),
  -- what was approved, frozen: attendees, agenda, deliberations, agreements (stable JSON)
  content jsonb,
  content_hash text,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT minutes_times CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at > started_at),
  CONSTRAINT minutes_approved_frozen CHECK (state <> 'approved' OR (content IS NOT NULL AND content_hash IS NOT NULL AND approved_at IS NOT NULL))
);
CREATE UNIQUE INDEX minutes_one_open_idx ON minutes (meeting_id) WHERE state <> 'approved';
CREATE INDEX minutes_meeting_idx ON minutes (meeting_id, id);

CREATE TABLE minutes_objections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  minutes_id bigint NOT NULL REFERENCES minutes (id),
  person_id bigint REFERENCES users (id),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX minutes_objections_minutes_idx ON minutes_objections (minutes_id);

-- An agreement (acord): a public record of what a body decided on an agenda item.
CREATE TABLE agreements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  meeting_id bigint NOT NULL REFERENCES meetings (id),
  agenda_item_id bigint NOT NULL REFERENCES agenda_items (id),
  -- its number within the body and year: "2026/7"
  year smallint NOT NULL,
  number integer NOT NULL,
  text jsonb NOT NULL,                       -- translatable
  -- accent-free text of every language, for the register's search
  search_text text NOT NULL DEFAULT '',
  method text NOT NULL CHECK (method IN ('consensus', 'vote')),
  -- {"options": [{"label": "a favor", "count": 12, "by_college": {"entity": 8, ...}}],
  --  "named": [{"person_id": 1, "name": "…", "option": 0}]}  (named only when the body says so)
  result jsonb,
  adopted_on date NOT NULL,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT agreements_number_key UNIQUE (body_id, year, number),
  CONSTRAINT agreements_vote_has_result CHECK (method <> 'vote' OR result IS NOT NULL)
);
CREATE INDEX agreements_register_idx ON agreements (adopted_on DESC, id DESC);
CREATE INDEX agreements_body_register_idx ON agreements (body_id, adopted_on DESC, id DESC);
CREATE INDEX agreements_meeting_idx ON agreements (meeting_id);

CREATE TABLE action_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agreement_id bigint NOT NULL REFERENCES agreements (id),
  body_id bigint NOT NULL REFERENCES bodies (id),
  title text NOT NULL,
  owner_person_id bigint REFERENCES users (id),
  owner_organisation_id bigint REFERENCES organisations (id),
  due_on date NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'in_progress', 'done', 'dropped')),
  done_on date,
  -- reminders already sent: a week before ('week'), on the due date ('due')
  reminded text[] NOT NULL DEFAULT '{}',
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT action_items_owner CHECK (owner_person_id IS NOT NULL OR owner_organisation_id IS NOT NULL)
);
CREATE INDEX action_items_agreement_idx ON action_items (agreement_id);
CREATE INDEX action_items_owner_person_idx ON action_items (owner_person_id, due_on) WHERE state IN ('open', 'in_progress');
CREATE INDEX action_items_owner_org_idx ON action_items (owner_organisation_id, due_on) WHERE state IN ('open', 'in_progress');
CREATE INDEX action_items_open_due_idx ON action_items (due_on) WHERE state IN ('open', 'in_progress');
