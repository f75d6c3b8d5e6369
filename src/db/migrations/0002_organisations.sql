-- The directory: organisations of the space (council units and entities) and which federation
-- or confederation each belongs to. PostgreSQL 15 subset.

CREATE TABLE organisations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (btrim(name) <> ''),
  short_name text NOT NULL UNIQUE CHECK (btrim(short_name) <> ''),   -- how the sector names it: "XES", "FCTC"
  kind text NOT NULL CHECK (kind IN ('administration', 'entity')),
  -- 1 an organisation, 2 a federation, 3 a confederation, 4 a platform; council units have none.
  level smallint CHECK (level BETWEEN 1 AND 4),
  families text[] NOT NULL DEFAULT '{}',   -- sector families: cooperative, mutual, ethical_finance…
  representative_since date,               -- recognised as representative in the space since
  district text,
  website text,
  description jsonb,                       -- translatable {ca, es, en}
  external_id text UNIQUE,                 -- the id in another registry this one was imported from
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisations_level_by_kind CHECK ((kind = 'entity') = (level IS NOT NULL)),
  CONSTRAINT organisations_website_http CHECK (website IS NULL OR website ~ '^https?://')
);
CREATE INDEX organisations_name_idx ON organisations (lower(name));
CREATE INDEX organisations_level_idx ON organisations (level);

-- member_of: a child organisation belongs to a parent of a higher level (checked by the
-- directory's commands, which know both levels), possibly to several.
CREATE TABLE organisation_links (
  child_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  parent_id bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (child_id, parent_id),
  CHECK (child_id <> parent_id)
);
CREATE INDEX organisation_links_parent_idx ON organisation_links (parent_id);
