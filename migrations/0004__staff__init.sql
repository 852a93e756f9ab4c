-- 工作人员账号、角色授权与服务端会话。
CREATE TABLE users (
  id uuid CONSTRAINT users_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL CONSTRAINT users_username_key UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_sign_in_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_username_check CHECK (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
  CONSTRAINT users_name_check CHECK (char_length(name) BETWEEN 1 AND 50),
  CONSTRAINT users_password_hash_check CHECK (password_hash LIKE '$argon2id$%'),
  CONSTRAINT users_failed_attempts_check CHECK (failed_attempts >= 0)
);

-- A role held within one agency, optionally over its whole subtree.
CREATE TABLE role_grants (
  id uuid CONSTRAINT role_grants_pk PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL CONSTRAINT role_grants_user_fk REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL,
  agency_id uuid NOT NULL CONSTRAINT role_grants_agency_fk REFERENCES agencies (id),
  include_subtree boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT role_grants_user_role_agency_key UNIQUE (user_id, role, agency_id),
  CONSTRAINT role_grants_role_check CHECK (role IN ('admin', 'office', 'editor', 'reviewer', 'agent', 'handler'))
);
CREATE INDEX role_grants_agency_idx ON role_grants (agency_id);

-- Server-side sessions. Only the SHA-256 of the session id is stored, so a leaked table signs no one in.
CREATE TABLE sessions (
  id_hash char(64) CONSTRAINT sessions_pk PRIMARY KEY,
  user_id uuid NOT NULL CONSTRAINT sessions_user_fk REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  CONSTRAINT sessions_id_hash_check CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT sessions_expiry_check CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
