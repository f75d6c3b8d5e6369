-- The bodies of the space (the plenary, the steering group, working groups), who sits in them
-- (mandates), how working groups grow (join requests) and report (follow-up reports), and the
-- recorded decisions of their lifecycle. PostgreSQL 15 subset.

-- Accent-free lower case for searching names ("Cooperatives" finds "Cooperatives",
-- "economia" finds "Economia"). translate() keeps it IMMUTABLE and available on PGlite, which
-- has no unaccent extension.
CREATE FUNCTION teixit_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT translate(lower(value),
    'àáâäãåèéêëìíîïòóôöõùúûüçñ·ýÿ',
    'aaaaaaeeeeiiiiooooouuuucn.yy') $$;

CREATE INDEX organisations_folded_name_idx ON organisations (teixit_fold(name));

CREATE TABLE bodies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  kind text NOT NULL CHECK (kind IN ('plenary', 'steering', 'working_group')),
  parent_id bigint REFERENCES bodies (id),
  name jsonb NOT NULL,                      -- translatable {ca, es, en}
  purpose jsonb,                            -- translatable
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('proposed', 'active', 'closing', 'closed', 'declined')),
  starts_on date,
  sunset_on date,
  -- Working groups' charter (proposta inicial de funcionament): each key is translatable.
  -- {"objectives": {...}, "method": {...}, "cadence": {...}, "deliverables": {...}}
  charter jsonb,
  open boolean NOT NULL DEFAULT false,      -- anyone eligible may ask to join
  -- Composition rules: seats per representative entity (null: no limit), the colleges and
  -- the organisation levels that may sit (empty: any).
  seats_per_entity smallint CHECK (seats_per_entity IS NULL OR seats_per_entity >= 1),
  allowed_colleges text[] NOT NULL DEFAULT '{}',
  allowed_levels smallint[] NOT NULL DEFAULT '{}',
  -- A working group reports to the steering group every so many days.
  report_interval_days smallint CHECK (report_interval_days IS NULL OR report_interval_days BETWEEN 7 AND 366),
  -- The sunset date for which the 30-day reminder went out (an extension re-arms it).
  sunset_reminded_for date,
  proposed_by bigint REFERENCES users (id),
  position smallint NOT NULL DEFAULT 0,     -- order among siblings in the tree
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT bodies_working_group_sunset CHECK (kind <> 'working_group' OR sunset_on IS NOT NULL),
  CONSTRAINT bodies_standing_active CHECK (kind = 'working_group' OR state = 'active'),
  CONSTRAINT bodies_sunset_after_start CHECK (sunset_on IS NULL OR starts_on IS NULL OR sunset_on > starts_on),
  CONSTRAINT bodies_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX bodies_parent_idx ON bodies (parent_id);
CREATE INDEX bodies_kind_state_idx ON bodies (kind, state);

-- A mandate: a person sits in a body, on behalf of an organisation or on their own, in a
-- college, with a role, from starts_on until the day before ends_on (null: open). Never deleted.
CREATE TABLE mandates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  person_id bigint NOT NULL REFERENCES users (id),
  organisation_id bigint REFERENCES organisations (id),
  college text NOT NULL CHECK (college IN ('council', 'entity', 'trajectory', 'non_articulated', 'expert')),
  role text NOT NULL CHECK (role IN ('chair', 'coordinator', 'secretary', 'member', 'alternate', 'observer', 'council_liaison')),
  starts_on date NOT NULL,
  ends_on date,
  end_reason text,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mandates_end_after_start CHECK (ends_on IS NULL OR ends_on > starts_on),
  CONSTRAINT mandates_entity_has_organisation CHECK (college <> 'entity' OR organisation_id IS NOT NULL)
);
CREATE INDEX mandates_body_idx ON mandates (body_id, starts_on);
CREATE INDEX mandates_person_idx ON mandates (person_id);
CREATE INDEX mandates_organisation_idx ON mandates (organisation_id) WHERE organisation_id IS NOT NULL;

-- Asking to join an open working group, as a member of an organisation or as an individual
-- with a short profile statement.
CREATE TABLE join_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  person_id bigint NOT NULL REFERENCES users (id),
  organisation_id bigint REFERENCES organisations (id),
  statement text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn')),
  decided_by bigint REFERENCES users (id),
  decided_at timestamptz,
  decision_reason text,
  mandate_id bigint REFERENCES mandates (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (body_id, person_id) WHERE state = 'pending';
CREATE INDEX join_requests_body_idx ON join_requests (body_id, state);

-- A working group's follow-up report for the steering group; `final` is the closing report.
CREATE TABLE body_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  kind text NOT NULL DEFAULT 'periodic' CHECK (kind IN ('periodic', 'final')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  progress text NOT NULL,
  next_steps text NOT NULL DEFAULT '',
  blockers text NOT NULL DEFAULT '',
  submitted_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT body_reports_period CHECK (period_end >= period_start)
);
CREATE INDEX body_reports_body_idx ON body_reports (body_id, period_end DESC);

-- The recorded decisions of a working group's life: approved, declined, extended (old and new
-- sunset), moved to closing, closed. Public: the space's record of why.
CREATE TABLE body_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES bodies (id),
  action text NOT NULL CHECK (action IN ('proposed', 'approved', 'declined', 'extended', 'closing', 'closed')),
  reason text NOT NULL DEFAULT '',
  sunset_before date,
  sunset_after date,
  decided_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX body_decisions_body_idx ON body_decisions (body_id, created_at);

-- The space's two standing bodies exist from the start: the plenary (Àmbit Participat), with
-- two delegates per representative entity, and the steering group (grup motor) within it.
INSERT INTO bodies (slug, kind, name, purpose, state, open, seats_per_entity, allowed_colleges, allowed_levels, position)
VALUES (
  'ambit-participat', 'plenary',
  '{"ca": "Àmbit Participat", "es": "Ámbito Participado", "en": "Participatory space (plenary)"}',
  '{"ca": "La trobada general de l''Ajuntament i el sector: contrasta estudis i polítiques públiques i aprova l''estratègia.", "es": "El encuentro general del Ayuntamiento y el sector: contrasta estudios y políticas públicas y aprueba la estrategia.", "en": "The general meeting of the council and the sector: it contrasts studies and public policies and approves the strategy."}',
  'active', false, 2, '{council,entity,trajectory,non_articulated,expert}', '{2,3,4}', 0
);
INSERT INTO bodies (slug, kind, parent_id, name, purpose, state, open, seats_per_entity, allowed_colleges, allowed_levels, position)
SELECT
  'grup-motor', 'steering', id,
  '{"ca": "Grup motor", "es": "Grupo motor", "en": "Steering group"}',
  '{"ca": "Prepara i dinamitza les trobades generals i fa el seguiment dels grups de treball.", "es": "Prepara y dinamiza los encuentros generales y hace el seguimiento de los grupos de trabajo.", "en": "Prepares and runs the general meetings and follows up the working groups."}',
  'active', false, 1, '{council,entity,trajectory,non_articulated,expert}', '{2,3,4}', 0
FROM bodies WHERE slug = 'ambit-participat';
