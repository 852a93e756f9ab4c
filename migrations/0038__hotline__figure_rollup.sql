-- Daily rollup of the city-wide supervision figures for days older than the live window (supervision.rollup.ts), so a
-- dashboard over a year of a million tickets sums ~100 k small rows instead of scanning every ticket. Rebuilt by the
-- hotline.rollup job; days inside the live window are always counted from the tickets themselves.
CREATE TABLE hotline_figure_days (
  day date NOT NULL,
  -- type | channel | hotspot (key1 district, key2 category) | agency (key1 lead agency id, '' = none)
  dim text NOT NULL,
  key1 text NOT NULL,
  key2 text NOT NULL DEFAULT '',
  n integer NOT NULL,
  overdue integer NOT NULL,
  resp_num integer NOT NULL,
  resp_den integer NOT NULL,
  res_num integer NOT NULL,
  res_den integer NOT NULL,
  sat_num double precision NOT NULL,
  sat_den integer NOT NULL,
  clo_num integer NOT NULL,
  clo_den integer NOT NULL,
  CONSTRAINT hotline_figure_days_pk PRIMARY KEY (day, dim, key1, key2),
  CONSTRAINT hotline_figure_days_dim_check CHECK (dim IN ('type', 'channel', 'hotspot', 'agency'))
);

-- The rollup covers received days before `until`, as computed at `refreshed_at` (one row).
CREATE TABLE hotline_figure_rollup (
  id integer CONSTRAINT hotline_figure_rollup_pk PRIMARY KEY DEFAULT 1,
  until date NOT NULL,
  refreshed_at timestamptz NOT NULL,
  CONSTRAINT hotline_figure_rollup_one_check CHECK (id = 1)
);
