-- Working-day calendar (工作日历). A date is a working day by the Monday–Friday rule unless a row here
-- says otherwise: 法定节假日 falling on weekdays ('holiday') and 调休 make-up days on weekends ('workday').
-- The State Council publishes each year's schedule; calendar_years records which years have been entered,
-- so a year with no data is detectable rather than silently treated as "no holidays".

CREATE TABLE calendar_years (
  year integer CONSTRAINT calendar_years_pk PRIMARY KEY,
  source text NOT NULL,
  -- e.g. 国办发明电〔2025〕7号 — the notice the schedule was entered from
  published_note text,
  updated_by uuid CONSTRAINT calendar_years_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT calendar_years_year_check CHECK (year BETWEEN 2000 AND 2100),
  CONSTRAINT calendar_years_source_check CHECK (source IN ('chinese-days', 'admin')),
  CONSTRAINT calendar_years_published_note_check CHECK (published_note IS NULL OR char_length(published_note) <= 200)
);

CREATE TABLE calendar_days (
  day date CONSTRAINT calendar_days_pk PRIMARY KEY,
  kind text NOT NULL,
  -- 国庆节, 春节调休上班 …
  name text NOT NULL,
  source text NOT NULL,
  -- the staff member who last changed the row (NULL when seeded from the package); the audit log has the history
  updated_by uuid CONSTRAINT calendar_days_updated_by_fk REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT calendar_days_kind_check CHECK (kind IN ('holiday', 'workday')),
  CONSTRAINT calendar_days_source_check CHECK (source IN ('chinese-days', 'admin')),
  CONSTRAINT calendar_days_name_check CHECK (char_length(name) BETWEEN 1 AND 30),
  -- only dates that differ from the Monday–Friday rule are kept (ISODOW 6 = Saturday, 7 = Sunday)
  CONSTRAINT calendar_days_differs_check CHECK ((kind = 'holiday') = (extract(isodow FROM day) < 6))
);
