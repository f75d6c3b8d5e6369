-- teixit_fold maps accented capitals itself instead of trusting lower() to: on a server whose
-- database uses the plain C locale, lower('À') is 'À', and "ÀMBIT" would not find "àmbit" nor
-- clash with it in the unique name indexes. The middle dot of "l·l" is dropped (and the
-- one-character ŀ read as l), so "collaborativa" finds "col·laborativa". The indexes built on
-- the function are rebuilt.
CREATE OR REPLACE FUNCTION teixit_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(translate(value,
    'ÀÁÂÄÃÅÈÉÊËÌÍÎÏÒÓÔÖÕÙÚÛÜÇÑÝĿàáâäãåèéêëìíîïòóôöõùúûüçñýÿŀ·',
    'AAAAAAEEEEIIIIOOOOOUUUUCNYLaaaaaaeeeeiiiiooooouuuucnyyl')) $$;

REINDEX INDEX organisations_folded_name_key;
REINDEX INDEX organisations_folded_short_name_key;
