-- Issue 22: the lifecycle face answers a branch's location in the Accept-Language the branch has texts for.
-- language: the language of the branch's own address fields; translations: {"fr": {"city": "Gand", ...}}.
ALTER TABLE branch ADD COLUMN language text NOT NULL DEFAULT 'en';
ALTER TABLE branch ADD COLUMN translations jsonb NOT NULL DEFAULT '{}';
