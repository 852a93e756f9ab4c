-- 12345一号通 (issue 7): tickets (工单), their event log, attachments, and the Open311 API clients.
-- The citizen's contact lives in contact_* columns that public queries never select (GB/T 33358-2016).

-- 工单编号 = YYYYMMDD + 6 digits from this sequence: unique, not consecutive within a day. nextval takes no row lock
-- and waits for no commit, so concurrent intakes never queue behind each other (bench/hotline.bench.ts).
CREATE SEQUENCE ticket_number_seq MINVALUE 1 MAXVALUE 999999 CYCLE;

-- Open311 API clients: the key is shown once at issue and stored only as its SHA-256.
CREATE TABLE hotline_api_clients (
  id uuid CONSTRAINT hotline_api_clients_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  key_hash char(64) NOT NULL CONSTRAINT hotline_api_clients_key_hash_key UNIQUE,
  -- the key's last 4 characters, so staff can tell keys apart
  key_hint text NOT NULL,
  -- the channel its tickets carry: app | miniprogram | open311
  channel text NOT NULL DEFAULT 'open311',
  contact text,
  created_by uuid CONSTRAINT hotline_api_clients_created_by_fk REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoke_reason text,
  CONSTRAINT hotline_api_clients_name_check CHECK (char_length(name) BETWEEN 2 AND 100),
  CONSTRAINT hotline_api_clients_channel_check CHECK (channel IN ('app', 'miniprogram', 'open311')),
  CONSTRAINT hotline_api_clients_revoke_check CHECK (revoked_at IS NULL OR char_length(revoke_reason) >= 2)
);

CREATE TABLE tickets (
  id uuid CONSTRAINT tickets_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL CONSTRAINT tickets_number_key UNIQUE,
  -- 查询码: 'salt:sha256(salt:code)' in hex; the code itself is shown once to the citizen
  query_code_hash text NOT NULL,
  channel text NOT NULL,
  type text NOT NULL,
  urgency text NOT NULL DEFAULT 'normal',
  -- a leaf of the category tree (taxonomy.ts), the Open311 service_code; null until the agent classifies it
  category_code text,
  -- 行政区划代码 of the district (区县) the matter is in
  district_code char(6),
  title text,
  content text NOT NULL,
  address text,
  address_id text,
  zipcode text,
  lat double precision,
  long double precision,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  confidentiality text NOT NULL DEFAULT 'standard',
  -- 市长信箱: the citizen agrees that the letter and reply may be published (after the privacy gate)
  publish_consent boolean NOT NULL DEFAULT false,
  -- the citizen's contact: never selected by public queries, never returned by public APIs
  contact_name text,
  contact_phone text,
  contact_email text,
  contact_device_id text,
  contact_account_id text,
  state text NOT NULL DEFAULT 'submitted',
  lead_agency_id uuid CONSTRAINT tickets_lead_agency_fk REFERENCES agencies (id),
  assisting_agency_ids uuid[] NOT NULL DEFAULT '{}',
  -- clocks (deadlines.ts): each *_due_at is the last on-time instant
  received_at timestamptz NOT NULL DEFAULT now(),
  dispatch_due_at timestamptz NOT NULL,
  accepted_at timestamptz,
  dispatched_at timestamptz,
  sign_due_at timestamptz,
  signed_at timestamptz,
  contact_due_at timestamptz,
  contacted_at timestamptz,
  handle_due_at timestamptz,
  handle_last_day date,
  extended_workdays integer NOT NULL DEFAULT 0,
  extension_count integer NOT NULL DEFAULT 0,
  pending_extension_workdays integer,
  replied_at timestamptz,
  review_due_at timestamptz,
  closed_at timestamptz,
  callback_due_at timestamptz,
  visited_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  urge_count integer NOT NULL DEFAULT 0,
  supervised_at timestamptz,
  -- outcomes
  reply_text text,
  -- the reply as released by the privacy gate (masked at 办结), the only reply text public pages read
  public_reply text,
  decline_reason text,
  transfer_line text,
  satisfaction text,
  resolution text,
  merged_into uuid CONSTRAINT tickets_merged_into_fk REFERENCES tickets (id),
  -- who brought it in; client_token: an Open311 client's idempotency token, or (api_client_id NULL) the web form's
  api_client_id uuid CONSTRAINT tickets_api_client_fk REFERENCES hotline_api_clients (id),
  client_token text,
  received_by uuid CONSTRAINT tickets_received_by_fk REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tickets_channel_check CHECK (channel IN ('phone', 'web', 'mailbox', 'app', 'miniprogram', 'open311')),
  CONSTRAINT tickets_type_check CHECK (type IN ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise')),
  CONSTRAINT tickets_urgency_check CHECK (urgency IN ('urgent', 'normal')),
  CONSTRAINT tickets_confidentiality_check CHECK (confidentiality IN ('standard', 'full')),
  CONSTRAINT tickets_state_check CHECK (state IN ('submitted', 'accepted', 'dispatched', 'signed', 'handling', 'extension_requested',
    'return_requested', 'replied', 'closed', 'visited', 'merged', 'declined', 'transferred', 'withdrawn')),
  CONSTRAINT tickets_category_check CHECK (category_code IS NULL OR category_code ~ '^[0-9]{6}$'),
  CONSTRAINT tickets_content_check CHECK (char_length(content) BETWEEN 1 AND 4000),
  CONSTRAINT tickets_title_check CHECK (title IS NULL OR char_length(title) BETWEEN 1 AND 100),
  CONSTRAINT tickets_lat_check CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  CONSTRAINT tickets_long_check CHECK (long IS NULL OR long BETWEEN -180 AND 180),
  CONSTRAINT tickets_coordinates_check CHECK ((lat IS NULL) = (long IS NULL)),
  CONSTRAINT tickets_satisfaction_check CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  CONSTRAINT tickets_resolution_check CHECK (resolution IS NULL OR resolution IN ('resolved', 'unresolved')),
  CONSTRAINT tickets_not_own_merge_check CHECK (merged_into IS NULL OR merged_into <> id)
);
-- idempotent intake: one ticket per (Open311 client, token); the portal's forms share the NULL client (a double click)
CREATE UNIQUE INDEX tickets_client_token_key ON tickets (api_client_id, client_token) NULLS NOT DISTINCT WHERE client_token IS NOT NULL;
CREATE INDEX tickets_created_idx ON tickets (created_at DESC);
CREATE INDEX tickets_state_idx ON tickets (state, dispatch_due_at);
CREATE INDEX tickets_lead_agency_idx ON tickets (lead_agency_id, state, handle_due_at) WHERE lead_agency_id IS NOT NULL;
CREATE INDEX tickets_category_idx ON tickets (category_code, created_at DESC);
CREATE INDEX tickets_channel_idx ON tickets (channel, created_at DESC);
CREATE INDEX tickets_merged_into_idx ON tickets (merged_into) WHERE merged_into IS NOT NULL;

-- Every transition (and the intake) with who, when and what was given.
CREATE TABLE ticket_events (
  id bigserial CONSTRAINT ticket_events_pk PRIMARY KEY,
  ticket_id uuid NOT NULL CONSTRAINT ticket_events_ticket_fk REFERENCES tickets (id),
  verb text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_id uuid CONSTRAINT ticket_events_actor_fk REFERENCES users (id),
  actor_label text NOT NULL,
  -- the agency the event concerns (the lead agency on 派单, the agency acting on 签收 …)
  agency_id uuid CONSTRAINT ticket_events_agency_fk REFERENCES agencies (id),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);
CREATE INDEX ticket_events_verb_idx ON ticket_events (verb, at);

-- Pictures and files: a link given by an Open311 client (media_url) or a stored file (platform/storage).
CREATE TABLE ticket_attachments (
  id uuid CONSTRAINT ticket_attachments_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL CONSTRAINT ticket_attachments_ticket_fk REFERENCES tickets (id),
  media_url text,
  storage_key text,
  filename text,
  mime text,
  size_bytes integer,
  sha256 char(64),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ticket_attachments_source_check CHECK ((media_url IS NULL) <> (storage_key IS NULL)),
  CONSTRAINT ticket_attachments_media_url_check CHECK (media_url IS NULL OR char_length(media_url) <= 2000)
);
CREATE INDEX ticket_attachments_ticket_idx ON ticket_attachments (ticket_id);
