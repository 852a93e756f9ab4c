-- 政府信息公开工作年度报告 (issue 6). The tables are computed from the platform's records at read time; these
-- tables keep what is not: figures from outside systems, the editable text, explanations of violations,
-- the published snapshot, and the reminders sent before the deadlines of 条例 第四十九条.

-- 行政许可 / 行政处罚 / 行政强制 counts and 行政事业性收费 (万元) from other systems (第二十条第（五）（六）（八）项).
CREATE TABLE report_outside_figures (
  agency_id uuid NOT NULL CONSTRAINT report_outside_figures_agency_fk REFERENCES agencies (id),
  year integer NOT NULL,
  licensing integer,
  penalty integer,
  enforcement integer,
  fees_wan_yuan numeric(14, 4),
  source text NOT NULL,
  updated_by uuid CONSTRAINT report_outside_figures_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT report_outside_figures_pk PRIMARY KEY (agency_id, year),
  CONSTRAINT report_outside_figures_year_check CHECK (year BETWEEN 2000 AND 2100),
  CONSTRAINT report_outside_figures_counts_check CHECK (coalesce(licensing, 0) >= 0 AND coalesce(penalty, 0) >= 0 AND coalesce(enforcement, 0) >= 0),
  CONSTRAINT report_outside_figures_fees_check CHECK (coalesce(fees_wan_yuan, 0) >= 0),
  CONSTRAINT report_outside_figures_source_check CHECK (source IN ('form', 'import'))
);

-- One report per agency and year: the draft text, then the published snapshot. Never deleted.
CREATE TABLE annual_reports (
  id uuid CONSTRAINT annual_reports_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL CONSTRAINT annual_reports_agency_fk REFERENCES agencies (id),
  year integer NOT NULL,
  subtree boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'draft',
  overview text NOT NULL DEFAULT '',
  problems text NOT NULL DEFAULT '',
  -- 条例 第五十条第（四）项: 各级人民政府 add 工作考核、社会评议和责任追究结果情况
  assessment text NOT NULL DEFAULT '',
  other_matters text NOT NULL DEFAULT '',
  -- violation key (V1@requests.r7.0) → why the figure stands
  explanations jsonb NOT NULL DEFAULT '{}'::jsonb,
  snapshot jsonb,
  item_id uuid CONSTRAINT annual_reports_item_fk REFERENCES items (id),
  published_at timestamptz,
  published_by uuid CONSTRAINT annual_reports_published_by_fk REFERENCES users (id),
  updated_by uuid CONSTRAINT annual_reports_updated_by_fk REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT annual_reports_agency_year_key UNIQUE (agency_id, year),
  CONSTRAINT annual_reports_year_check CHECK (year BETWEEN 2000 AND 2100),
  CONSTRAINT annual_reports_state_check CHECK (state IN ('draft', 'published')),
  CONSTRAINT annual_reports_text_check CHECK (char_length(overview) <= 20000 AND char_length(problems) <= 20000 AND char_length(assessment) <= 20000 AND char_length(other_matters) <= 20000),
  CONSTRAINT annual_reports_published_check CHECK ((state = 'published') = (published_at IS NOT NULL AND snapshot IS NOT NULL))
);

-- Reminders sent before the 1月31日 / 3月31日 deadlines; the key makes the job safe to run twice.
CREATE TABLE report_reminders (
  agency_id uuid NOT NULL CONSTRAINT report_reminders_agency_fk REFERENCES agencies (id),
  year integer NOT NULL,
  due_on date NOT NULL,
  days_before integer NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT report_reminders_pk PRIMARY KEY (agency_id, year, days_before)
);

