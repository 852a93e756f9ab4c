-- 政府信息 (items): one identity and public URL per item, its revisions carrying the state
-- (Whitehall's Document/Edition). Nothing published is ever deleted.

-- 主动公开基本目录: a tree of catalog nodes per agency.
CREATE TABLE catalog_nodes (
  id uuid CONSTRAINT catalog_nodes_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL CONSTRAINT catalog_nodes_agency_fk REFERENCES agencies (id),
  parent_id uuid CONSTRAINT catalog_nodes_parent_fk REFERENCES catalog_nodes (id),
  template_key text,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  is_key_area boolean NOT NULL DEFAULT false,
  retired_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT catalog_nodes_name_check CHECK (char_length(name) BETWEEN 1 AND 60),
  CONSTRAINT catalog_nodes_not_own_parent_check CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX catalog_nodes_agency_idx ON catalog_nodes (agency_id, parent_id, sort_order);
CREATE UNIQUE INDEX catalog_nodes_agency_template_key ON catalog_nodes (agency_id, template_key) WHERE template_key IS NOT NULL;

-- 动态调整: every change to a catalog, with who, when and why; shown publicly.
CREATE TABLE catalog_changes (
  id bigserial CONSTRAINT catalog_changes_pk PRIMARY KEY,
  agency_id uuid NOT NULL CONSTRAINT catalog_changes_agency_fk REFERENCES agencies (id),
  node_id uuid NOT NULL CONSTRAINT catalog_changes_node_fk REFERENCES catalog_nodes (id),
  change text NOT NULL,
  before jsonb,
  after jsonb,
  reason text NOT NULL,
  actor_id uuid CONSTRAINT catalog_changes_actor_fk REFERENCES users (id),
  actor_label text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT catalog_changes_change_check CHECK (change IN ('create', 'rename', 'move', 'reorder', 'retire', 'restore')),
  CONSTRAINT catalog_changes_reason_check CHECK (char_length(reason) BETWEEN 2 AND 500)
);
CREATE INDEX catalog_changes_agency_idx ON catalog_changes (agency_id, at DESC);

-- 索引号 sequences: {credit code}/{year}-{5-digit sequence}, never reused.
CREATE TABLE index_number_counters (
  agency_id uuid NOT NULL CONSTRAINT index_number_counters_agency_fk REFERENCES agencies (id),
  year integer NOT NULL,
  last_seq integer NOT NULL DEFAULT 0,
  CONSTRAINT index_number_counters_pk PRIMARY KEY (agency_id, year),
  CONSTRAINT index_number_counters_seq_check CHECK (last_seq BETWEEN 0 AND 99999)
);

CREATE TABLE items (
  id uuid CONSTRAINT items_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL CONSTRAINT items_agency_fk REFERENCES agencies (id),
  -- 索引号, assigned on first publication
  index_number text CONSTRAINT items_index_number_key UNIQUE,
  -- never_published | published | withdrawn | unpublished (an error: the URL answers 410)
  status text NOT NULL DEFAULT 'never_published',
  published_revision_id uuid,
  first_published_at timestamptz,
  -- working days from 成文日期 to first publication (条例 第二十六条)
  working_days_taken integer,
  -- 有效性
  validity text NOT NULL DEFAULT 'valid',
  validity_date date,
  validity_reason text,
  replaced_by_item_id uuid CONSTRAINT items_replaced_by_fk REFERENCES items (id),
  withdrawn_at timestamptz,
  withdrawal_notice text,
  unpublished_at timestamptz,
  unpublish_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT items_status_check CHECK (status IN ('never_published', 'published', 'withdrawn', 'unpublished')),
  CONSTRAINT items_validity_check CHECK (validity IN ('valid', 'expired', 'repealed')),
  CONSTRAINT items_validity_reason_check CHECK (validity = 'valid' OR (validity_date IS NOT NULL AND validity_reason IS NOT NULL)),
  CONSTRAINT items_index_number_check CHECK (index_number IS NULL OR index_number ~ '^[0-9A-HJ-NPQRTUWXY]{18}/[0-9]{4}-[0-9]{5}$'),
  CONSTRAINT items_published_check CHECK (status = 'never_published' OR (index_number IS NOT NULL AND first_published_at IS NOT NULL)),
  CONSTRAINT items_unpublish_reason_check CHECK (status <> 'unpublished' OR unpublish_reason IS NOT NULL),
  CONSTRAINT items_withdrawal_notice_check CHECK (status <> 'withdrawn' OR withdrawal_notice IS NOT NULL)
);
CREATE INDEX items_agency_idx ON items (agency_id, status);

CREATE TABLE item_revisions (
  id uuid CONSTRAINT item_revisions_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL CONSTRAINT item_revisions_item_fk REFERENCES items (id),
  revision_no integer NOT NULL,
  -- draft | submitted (待审核) | published | superseded
  state text NOT NULL DEFAULT 'draft',
  title text NOT NULL,
  document_number text,
  doc_prefix text,
  doc_year integer,
  doc_serial integer,
  doc_key text,
  written_date date NOT NULL,
  published_date date,
  subject text NOT NULL,
  genre text NOT NULL,
  policy_tags text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  summary text,
  body_html text NOT NULL DEFAULT '',
  disclosure_mode text NOT NULL DEFAULT 'proactive',
  withhold_reason text,
  is_major_policy boolean NOT NULL DEFAULT false,
  interpretation_form text,
  recipients text,
  change_note text,
  is_minor_change boolean NOT NULL DEFAULT false,
  return_comment text,
  created_by uuid CONSTRAINT item_revisions_created_by_fk REFERENCES users (id),
  submitted_by uuid CONSTRAINT item_revisions_submitted_by_fk REFERENCES users (id),
  submitted_at timestamptz,
  -- 保密审查: who confirmed, when
  secrecy_checked_by uuid CONSTRAINT item_revisions_secrecy_by_fk REFERENCES users (id),
  secrecy_checked_at timestamptz,
  published_by uuid CONSTRAINT item_revisions_published_by_fk REFERENCES users (id),
  published_at timestamptz,
  interpretation_exception text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT item_revisions_item_no_key UNIQUE (item_id, revision_no),
  CONSTRAINT item_revisions_state_check CHECK (state IN ('draft', 'submitted', 'published', 'superseded')),
  CONSTRAINT item_revisions_title_check CHECK (char_length(title) BETWEEN 2 AND 300),
  CONSTRAINT item_revisions_disclosure_mode_check CHECK (disclosure_mode IN ('proactive', 'on_request', 'withheld')),
  -- 不予公开 needs its legal reason (条例 第十四、十五、十六条)
  CONSTRAINT item_revisions_withhold_reason_check CHECK (disclosure_mode <> 'withheld' OR withhold_reason IS NOT NULL),
  CONSTRAINT item_revisions_dates_check CHECK (published_date IS NULL OR published_date >= written_date),
  CONSTRAINT item_revisions_published_check CHECK (state NOT IN ('published', 'superseded') OR (published_at IS NOT NULL AND secrecy_checked_at IS NOT NULL AND published_date IS NOT NULL)),
  CONSTRAINT item_revisions_change_note_check CHECK (revision_no = 1 OR is_minor_change OR change_note IS NOT NULL)
);
-- at most one unpublished revision per item
CREATE UNIQUE INDEX item_revisions_one_open_key ON item_revisions (item_id) WHERE state IN ('draft', 'submitted');
CREATE INDEX item_revisions_doc_key_idx ON item_revisions (doc_key) WHERE doc_key IS NOT NULL;
CREATE INDEX item_revisions_state_idx ON item_revisions (state, written_date);

ALTER TABLE items ADD CONSTRAINT items_published_revision_fk FOREIGN KEY (published_revision_id) REFERENCES item_revisions (id);

-- 联合发文: every issuing agency of an item; the owning agency is the lead.
CREATE TABLE item_agencies (
  item_id uuid NOT NULL CONSTRAINT item_agencies_item_fk REFERENCES items (id),
  agency_id uuid NOT NULL CONSTRAINT item_agencies_agency_fk REFERENCES agencies (id),
  is_lead boolean NOT NULL DEFAULT false,
  CONSTRAINT item_agencies_pk PRIMARY KEY (item_id, agency_id)
);
CREATE INDEX item_agencies_agency_idx ON item_agencies (agency_id);

CREATE TABLE item_catalog_nodes (
  item_id uuid NOT NULL CONSTRAINT item_catalog_nodes_item_fk REFERENCES items (id),
  node_id uuid NOT NULL CONSTRAINT item_catalog_nodes_node_fk REFERENCES catalog_nodes (id),
  CONSTRAINT item_catalog_nodes_pk PRIMARY KEY (item_id, node_id)
);
CREATE INDEX item_catalog_nodes_node_idx ON item_catalog_nodes (node_id);

CREATE TABLE attachments (
  id uuid CONSTRAINT attachments_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL CONSTRAINT attachments_item_fk REFERENCES items (id),
  revision_id uuid NOT NULL CONSTRAINT attachments_revision_fk REFERENCES item_revisions (id),
  filename text NOT NULL,
  mime text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 char(64) NOT NULL,
  storage_key text NOT NULL,
  text_extracted boolean,
  privacy_confirmed_by uuid CONSTRAINT attachments_privacy_by_fk REFERENCES users (id),
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT attachments_mime_check CHECK (mime IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/ofd', 'image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  CONSTRAINT attachments_size_check CHECK (size_bytes > 0),
  CONSTRAINT attachments_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT attachments_filename_check CHECK (char_length(filename) BETWEEN 1 AND 200)
);
CREATE INDEX attachments_revision_idx ON attachments (revision_id);

-- 政策解读 ↔ policy: both pages link to each other.
CREATE TABLE interpretation_links (
  interpretation_item_id uuid NOT NULL CONSTRAINT interpretation_links_interp_fk REFERENCES items (id),
  policy_item_id uuid NOT NULL CONSTRAINT interpretation_links_policy_fk REFERENCES items (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT interpretation_links_pk PRIMARY KEY (interpretation_item_id, policy_item_id),
  CONSTRAINT interpretation_links_distinct_check CHECK (interpretation_item_id <> policy_item_id)
);
CREATE INDEX interpretation_links_policy_idx ON interpretation_links (policy_item_id);

-- Search: one row per published item, jieba tokens in a stored tsvector ('simple' config).
CREATE TABLE item_search (
  item_id uuid CONSTRAINT item_search_pk PRIMARY KEY CONSTRAINT item_search_item_fk REFERENCES items (id),
  agency_id uuid NOT NULL,
  agency_ids uuid[] NOT NULL,
  agency_scope uuid[] NOT NULL,
  node_ids uuid[] NOT NULL DEFAULT '{}',
  subject text NOT NULL,
  genre text NOT NULL,
  policy_tags text[] NOT NULL DEFAULT '{}',
  validity text NOT NULL,
  written_date date NOT NULL,
  published_date date NOT NULL,
  doc_key text,
  title text NOT NULL,
  title_tsv tsvector NOT NULL,
  tsv tsvector NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX item_search_tsv_idx ON item_search USING gin (tsv);
CREATE INDEX item_search_title_tsv_idx ON item_search USING gin (title_tsv);
CREATE INDEX item_search_published_idx ON item_search (published_date DESC, item_id);
CREATE INDEX item_search_scope_idx ON item_search USING gin (agency_scope);
CREATE INDEX item_search_nodes_idx ON item_search USING gin (node_ids);
CREATE INDEX item_search_doc_key_idx ON item_search (doc_key) WHERE doc_key IS NOT NULL;
