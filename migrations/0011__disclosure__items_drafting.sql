-- Items service: what a revision proposes beyond its own columns, who edited it, and the privacy gate's
-- per-finding overrides (issue 4: the one gate every publishing module uses).

-- A draft of a published item must not change the public page before it is published, so the revision keeps
-- the co-issuers (联合发文), catalog nodes and interpreted policies it proposes; publishing copies them to
-- item_agencies, item_catalog_nodes and interpretation_links (which show the public state).
ALTER TABLE item_revisions ADD COLUMN co_issuer_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE item_revisions ADD COLUMN catalog_node_ids uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE item_revisions ADD COLUMN interprets_item_ids uuid[] NOT NULL DEFAULT '{}';
-- everyone who wrote this revision: four-eyes compares the publisher with them
ALTER TABLE item_revisions ADD COLUMN edited_by uuid[] NOT NULL DEFAULT '{}';
ALTER TABLE item_revisions ADD CONSTRAINT item_revisions_catalog_nodes_check CHECK (cardinality(catalog_node_ids) <= 20);
ALTER TABLE item_revisions ADD CONSTRAINT item_revisions_co_issuers_check CHECK (cardinality(co_issuer_ids) <= 20);
ALTER TABLE item_revisions ADD CONSTRAINT item_revisions_interprets_check CHECK (cardinality(interprets_item_ids) <= 20);
CREATE INDEX item_revisions_interprets_idx ON item_revisions USING gin (interprets_item_ids);

-- when the reviewer confirmed an attachment whose text could not be extracted
ALTER TABLE attachments ADD COLUMN privacy_confirmed_at timestamptz;
ALTER TABLE attachments ADD CONSTRAINT attachments_privacy_confirmed_check CHECK (privacy_confirmed_at IS NOT NULL OR privacy_confirmed_by IS NULL);

-- A finding kept as it is, with the reason (渝府办发〔2018〕76号: 公开时要去标识化处理, except where the law wants it
-- public). The value itself is not stored: only its SHA-256, matched against the scanner's findings at the gate.
CREATE TABLE privacy_overrides (
  id bigserial CONSTRAINT privacy_overrides_pk PRIMARY KEY,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  finding_type text NOT NULL,
  text_hash char(64) NOT NULL,
  -- the conventional mask of the value, so the console can show what was kept without the value
  masked text NOT NULL,
  reason text NOT NULL,
  actor_id uuid CONSTRAINT privacy_overrides_actor_fk REFERENCES users (id),
  actor_label text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT privacy_overrides_finding_key UNIQUE (entity_type, entity_id, finding_type, text_hash),
  CONSTRAINT privacy_overrides_text_hash_check CHECK (text_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT privacy_overrides_reason_check CHECK (char_length(btrim(reason)) BETWEEN 2 AND 500),
  CONSTRAINT privacy_overrides_entity_type_check CHECK (char_length(entity_type) BETWEEN 1 AND 40),
  CONSTRAINT privacy_overrides_finding_type_check CHECK (char_length(finding_type) BETWEEN 1 AND 40)
);
