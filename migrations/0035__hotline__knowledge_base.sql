-- 12345 知识库 (knowledge base): entries by category, each with its owner agency and review date
-- ("谁提供、谁维护、谁更新", 重庆市12345热线运行管理办法; GB/T 44191-2024 知识库建设指南). Agents answer 咨询 from it
-- (国办发〔2020〕53号: 一般性咨询 由12345直接答复). An entry used in an answer is never deleted: it is retired with a reason.
CREATE TABLE hotline_kb_entries (
  id uuid CONSTRAINT hotline_kb_entries_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code text NOT NULL,
  owner_agency_id uuid NOT NULL CONSTRAINT hotline_kb_entries_owner_fk REFERENCES agencies (id),
  title text NOT NULL,
  answer text NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  legal_basis text,
  -- 审核: when it was last confirmed correct, and when it must be confirmed again
  reviewed_on date NOT NULL,
  review_due_on date NOT NULL,
  status text NOT NULL DEFAULT 'active',
  retired_at timestamptz,
  retired_reason text,
  -- jieba tokens (title weight A, the rest B), written by the service; 'simple' lexemes
  tsv tsvector NOT NULL,
  used_count integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_by uuid CONSTRAINT hotline_kb_entries_created_by_fk REFERENCES users (id),
  updated_by uuid CONSTRAINT hotline_kb_entries_updated_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT hotline_kb_entries_category_check CHECK (category_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  CONSTRAINT hotline_kb_entries_title_check CHECK (char_length(title) BETWEEN 2 AND 200),
  CONSTRAINT hotline_kb_entries_answer_check CHECK (char_length(answer) BETWEEN 10 AND 10000),
  CONSTRAINT hotline_kb_entries_status_check CHECK (status IN ('active', 'retired')),
  CONSTRAINT hotline_kb_entries_retired_check CHECK ((status = 'retired') = (retired_at IS NOT NULL AND retired_reason IS NOT NULL)),
  CONSTRAINT hotline_kb_entries_review_check CHECK (review_due_on >= reviewed_on)
);
CREATE INDEX hotline_kb_entries_tsv_idx ON hotline_kb_entries USING gin (tsv);
CREATE INDEX hotline_kb_entries_category_idx ON hotline_kb_entries (category_code) WHERE status = 'active';
CREATE INDEX hotline_kb_entries_review_idx ON hotline_kb_entries (review_due_on) WHERE status = 'active';
CREATE INDEX hotline_kb_entries_owner_idx ON hotline_kb_entries (owner_agency_id);
