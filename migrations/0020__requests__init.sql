-- 依申请公开 (issue 5): applications, their applicants (private), every event of the clock, fees, service
-- records, 行政复议/诉讼 cases. Rules: src/modules/requests/README.md; shared/law/disclosure-rules.md §1.3–1.5.

-- 工作机构负责人 approves extensions (条例 第三十三条).
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN ('admin', 'office', 'editor', 'reviewer', 'agent', 'handler', 'head'));

-- Application numbers: one counter per year, taken inside the creating transaction.
CREATE TABLE request_counters (
  year integer CONSTRAINT request_counters_pk PRIMARY KEY,
  last_value integer NOT NULL DEFAULT 0
);

CREATE TABLE requests (
  id uuid CONSTRAINT requests_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL CONSTRAINT requests_agency_fk REFERENCES agencies (id),
  number text NOT NULL CONSTRAINT requests_number_key UNIQUE,
  -- sha256 of the query code: the code itself is shown once, on the receipt
  query_code_hash char(64) NOT NULL,
  applicant_category text NOT NULL,
  channel text NOT NULL,
  state text NOT NULL,
  -- the channel's own dates (条例 第三十一条; 207号); received_on is the legal receipt date they give
  submitted_on date,
  signed_on date,
  confirmed_on date,
  system_received_on date,
  received_on date,
  description text NOT NULL,
  document_number text,
  provision_form text NOT NULL,
  outcome_code text,
  withhold_reasons text[] NOT NULL DEFAULT '{}',
  reply_content jsonb,
  replied_on date,
  concluded_on date,
  -- the current due date (cache of the clock, kept by every transition) for queues and counts
  due_on date,
  is_flagged_excessive boolean NOT NULL DEFAULT false,
  fee_collected_yuan numeric(12, 2) NOT NULL DEFAULT 0,
  disclosure_item_id uuid,
  idempotency_key text CONSTRAINT requests_idempotency_key UNIQUE,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT requests_category_check CHECK (applicant_category IN ('natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other')),
  CONSTRAINT requests_channel_check CHECK (channel IN ('in_person', 'post', 'ordinary_letter', 'online', 'fax', 'email')),
  CONSTRAINT requests_state_check CHECK (state IN ('submitted', 'registered', 'awaiting_correction', 'processing', 'consulting', 'awaiting_reasons', 'awaiting_fee', 'replied', 'served', 'closed', 'archived')),
  CONSTRAINT requests_provision_form_check CHECK (provision_form IN ('paper', 'email', 'electronic_data', 'post', 'pickup')),
  CONSTRAINT requests_description_check CHECK (char_length(description) BETWEEN 1 AND 4000),
  CONSTRAINT requests_fee_check CHECK (fee_collected_yuan >= 0)
);
CREATE INDEX requests_agency_state_idx ON requests (agency_id, state, due_on);
CREATE INDEX requests_received_idx ON requests (received_on);
CREATE INDEX requests_concluded_idx ON requests (concluded_on);

-- The applicant's personal data: never on the status page, in the public API or in any list outside the console.
CREATE TABLE request_applicants (
  request_id uuid CONSTRAINT request_applicants_pk PRIMARY KEY CONSTRAINT request_applicants_request_fk REFERENCES requests (id),
  kind text NOT NULL,
  name text NOT NULL,
  organization_name text,
  id_type text NOT NULL,
  id_number text NOT NULL,
  -- sha256 of id type + number: counts applications per applicant (条例 第三十五条; 109号) without reading the number
  applicant_key char(64) NOT NULL,
  phone text NOT NULL,
  address text NOT NULL,
  email text,
  postal_code text,
  identity_file_key char(64),
  identity_file_name text,
  CONSTRAINT request_applicants_kind_check CHECK (kind IN ('natural_person', 'organization'))
);
CREATE INDEX request_applicants_key_idx ON request_applicants (applicant_key);

-- Every transition: the verb, the dates, the clock event it adds (computeClock's ClockEvent), who.
CREATE TABLE request_events (
  id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT request_events_pk PRIMARY KEY,
  request_id uuid NOT NULL CONSTRAINT request_events_request_fk REFERENCES requests (id),
  verb text NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  on_date date NOT NULL,
  clock_event jsonb,
  payload jsonb NOT NULL DEFAULT '{}',
  actor_id uuid,
  actor_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

-- 信息处理费 (国办函〔2020〕109号)
CREATE TABLE request_fees (
  id uuid CONSTRAINT request_fees_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL CONSTRAINT request_fees_request_fk REFERENCES requests (id),
  basis text NOT NULL,
  amount_yuan numeric(12, 2) NOT NULL,
  notice_on date NOT NULL,
  notice_received_on date NOT NULL,
  pay_by date NOT NULL,
  paid_on date,
  expired_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT request_fees_basis_check CHECK (basis IN ('per_item', 'per_page')),
  CONSTRAINT request_fees_amount_check CHECK (amount_yuan > 0)
);
CREATE INDEX request_fees_request_idx ON request_fees (request_id);

-- 送达 (国办公开办函〔2016〕235号)
CREATE TABLE request_services (
  id uuid CONSTRAINT request_services_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL CONSTRAINT request_services_request_fk REFERENCES requests (id),
  mode text NOT NULL,
  served_on date NOT NULL,
  due_on date,
  is_in_time boolean NOT NULL,
  working_days_late integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT request_services_mode_check CHECK (mode IN ('direct', 'entrusted', 'post', 'electronic'))
);
CREATE INDEX request_services_request_idx ON request_services (request_id);

-- 行政复议 / 行政诉讼 against replies (annual report section 四). agency_id: the agency the case counts for
-- (国办公开办函〔2016〕201号: the 原行为主体 when the 复议机关 is a co-defendant).
CREATE TABLE request_review_cases (
  id uuid CONSTRAINT request_review_cases_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL CONSTRAINT request_review_cases_agency_fk REFERENCES agencies (id),
  request_id uuid CONSTRAINT request_review_cases_request_fk REFERENCES requests (id),
  kind text NOT NULL,
  result text NOT NULL,
  case_number text,
  filed_on date NOT NULL,
  concluded_on date,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT request_review_cases_kind_check CHECK (kind IN ('reconsideration', 'litigation_direct', 'litigation_after_reconsideration')),
  CONSTRAINT request_review_cases_result_check CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
  CONSTRAINT request_review_cases_concluded_check CHECK ((result = 'pending') = (concluded_on IS NULL)),
  CONSTRAINT request_review_cases_dates_check CHECK (concluded_on IS NULL OR concluded_on >= filed_on)
);
CREATE INDEX request_review_cases_agency_idx ON request_review_cases (agency_id, filed_on);

-- Reminders recorded by the daily job (requests.reminders): one row per request, kind and day, so reruns add nothing.
CREATE TABLE request_reminders (
  request_id uuid NOT NULL CONSTRAINT request_reminders_request_fk REFERENCES requests (id),
  kind text NOT NULL,
  on_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT request_reminders_pk PRIMARY KEY (request_id, kind, on_date)
);
