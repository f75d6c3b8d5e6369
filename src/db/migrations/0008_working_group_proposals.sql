-- The organisation on whose behalf a person proposed a working group, when they chose one
-- (bodies.proposed_by holds the person). When the steering group approves the group, the
-- proposer becomes its first coordinator: for that organisation (college `entity`), or as an
-- individual (college `trajectory`) when there is no row here.
CREATE TABLE working_group_proposals (
  body_id bigint PRIMARY KEY REFERENCES bodies (id),
  organisation_id bigint NOT NULL REFERENCES organisations (id)
);
