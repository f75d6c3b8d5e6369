-- The directory: two organisations may not share a name or a short name, whatever the accents
-- and capitals ("Coòpolis" and "coopolis" are one organisation to a reader, and to the CSV
-- import, which finds organisations by name). PostgreSQL 15 subset.

CREATE UNIQUE INDEX organisations_folded_name_key ON organisations (teixit_fold(name));
CREATE UNIQUE INDEX organisations_folded_short_name_key ON organisations (teixit_fold(short_name));
-- The unique index above serves every lookup the plain one of 0003 did.
DROP INDEX organisations_folded_name_idx;
