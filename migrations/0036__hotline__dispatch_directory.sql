-- 派单目录: category × district → the responsible (主办) agency, with 协办 agencies; kept by the 12345 center from each
-- agency's 权责清单 (2025 意见: 派单目录 动态更新, 依据三定/权责清单). division_code NULL = every district (全市).
CREATE TABLE hotline_directory (
  id uuid CONSTRAINT hotline_directory_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  category_code text NOT NULL,
  division_code char(6),
  agency_id uuid NOT NULL CONSTRAINT hotline_directory_agency_fk REFERENCES agencies (id),
  assisting_agency_ids uuid[] NOT NULL DEFAULT '{}',
  -- the 权责清单 item or other basis
  basis text,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid CONSTRAINT hotline_directory_updated_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT hotline_directory_category_check CHECK (category_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
  CONSTRAINT hotline_directory_division_check CHECK (division_code IS NULL OR division_code ~ '^[0-9]{6}$'),
  CONSTRAINT hotline_directory_assisting_check CHECK (NOT (agency_id = ANY (assisting_agency_ids)))
);
CREATE UNIQUE INDEX hotline_directory_key ON hotline_directory (category_code, coalesce(division_code, '000000'));

-- The dispatch classifier (classifier.ts), retrained by the hotline.retrain job from past tickets. One row per
-- training; the newest is used. Kept as JSON so a retraining never blocks suggestions.
CREATE TABLE hotline_classifier_models (
  id bigserial CONSTRAINT hotline_classifier_models_pk PRIMARY KEY,
  model jsonb NOT NULL,
  sample_count integer NOT NULL,
  trained_at timestamptz NOT NULL DEFAULT now()
);
