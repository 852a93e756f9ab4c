-- Keyword rules the 12345 center keeps beside the 派单目录: when a caller's words contain one of the keywords, the agency
-- gets a score (classifier.ts matchKeywordRules). Rules derived from the category tree's keywords are built on the fly;
-- these are the center's own (e.g. a place name or a company that only one unit handles).
CREATE TABLE hotline_keyword_rules (
  id uuid CONSTRAINT hotline_keyword_rules_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  keywords text[] NOT NULL,
  agency_id uuid NOT NULL CONSTRAINT hotline_keyword_rules_agency_fk REFERENCES agencies (id),
  -- only for tickets in this district; NULL = every district
  division_code char(6),
  weight double precision NOT NULL DEFAULT 1,
  note text,
  created_by uuid CONSTRAINT hotline_keyword_rules_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT hotline_keyword_rules_keywords_check CHECK (cardinality(keywords) BETWEEN 1 AND 20),
  CONSTRAINT hotline_keyword_rules_weight_check CHECK (weight > 0 AND weight <= 1),
  CONSTRAINT hotline_keyword_rules_division_check CHECK (division_code IS NULL OR division_code ~ '^[0-9]{6}$')
);
