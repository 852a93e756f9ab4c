// Every query on hotline_directory and hotline_classifier_models (migrations/0036__hotline__dispatch_directory.sql).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';

export interface DirectoryRow {
  id: string;
  categoryCode: string;
  divisionCode: string | null;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  assistingAgencyIds: string[];
  basis: string | null;
  version: number;
  updatedAt: Date;
}

export async function listDirectory(ex: Executor): Promise<DirectoryRow[]> {
  const r = await ex.execute<Record<string, unknown>>(sql`SELECT d.id, d.category_code, d.division_code, d.agency_id, a.code AS agency_code,
      a.name AS agency_name, d.assisting_agency_ids, d.basis, d.version, d.updated_at
    FROM hotline_directory d JOIN agencies a ON a.id = d.agency_id
    ORDER BY d.category_code, d.division_code NULLS FIRST`);
  return r.rows.map((row) => ({
    id: row.id as string,
    categoryCode: row.category_code as string,
    divisionCode: (row.division_code as string | null) ?? null,
    agencyId: row.agency_id as string,
    agencyCode: row.agency_code as string,
    agencyName: row.agency_name as string,
    assistingAgencyIds: (row.assisting_agency_ids as string[] | null) ?? [],
    basis: (row.basis as string | null) ?? null,
    version: Number(row.version),
    updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(String(row.updated_at)),
  }));
}

export interface DirectoryWrite {
  categoryCode: string;
  divisionCode: string | null;
  agencyId: string;
  assistingAgencyIds: string[];
  basis: string | null;
  userId: string | null;
}

/** Inserts or replaces the entry for category × district. Returns the id and whether it existed. */
export async function upsertEntry(ex: Executor, w: DirectoryWrite): Promise<{ id: string; before: DirectoryRow | null }> {
  const existing = await ex.execute<{ id: string }>(sql`SELECT id FROM hotline_directory
    WHERE category_code = ${w.categoryCode} AND coalesce(division_code, '000000') = ${w.divisionCode ?? '000000'} FOR UPDATE`);
  const id = existing.rows[0]?.id;
  if (id) {
    const before = (await listDirectory(ex)).find((r) => r.id === id) ?? null;
    await ex.execute(sql`UPDATE hotline_directory SET agency_id = ${w.agencyId}, assisting_agency_ids = ${sql.param(w.assistingAgencyIds)}::uuid[],
        basis = ${w.basis}, updated_by = ${w.userId}, updated_at = now(), version = version + 1 WHERE id = ${id}`);
    return { id, before };
  }
  const r = await ex.execute<{ id: string }>(sql`INSERT INTO hotline_directory (category_code, division_code, agency_id, assisting_agency_ids, basis, updated_by)
    VALUES (${w.categoryCode}, ${w.divisionCode}, ${w.agencyId}, ${sql.param(w.assistingAgencyIds)}::uuid[], ${w.basis}, ${w.userId}) RETURNING id`);
  return { id: (r.rows[0] as { id: string }).id, before: null };
}

export async function deleteEntry(ex: Executor, id: string, version: number): Promise<boolean> {
  const r = await ex.execute(sql`DELETE FROM hotline_directory WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) === 1;
}

export async function countEntries(ex: Executor): Promise<number> {
  const r = await ex.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_directory`);
  return Number(r.rows[0]?.n ?? 0);
}

// --- the classifier --------------------------------------------------------------------------------------------

export async function latestModel(ex: Executor): Promise<{ id: number; model: unknown; trainedAt: Date; sampleCount: number } | null> {
  const r = await ex.execute<Record<string, unknown>>(sql`SELECT id, model, trained_at, sample_count FROM hotline_classifier_models ORDER BY id DESC LIMIT 1`);
  const row = r.rows[0];
  if (!row) return null;
  return { id: Number(row.id), model: row.model, trainedAt: new Date(String(row.trained_at instanceof Date ? row.trained_at.toISOString() : row.trained_at)), sampleCount: Number(row.sample_count) };
}

export async function insertModel(ex: Executor, model: unknown, sampleCount: number): Promise<number> {
  const r = await ex.execute<{ id: number }>(sql`INSERT INTO hotline_classifier_models (model, sample_count) VALUES (${JSON.stringify(model)}::jsonb, ${sampleCount}) RETURNING id`);
  // keep the last few models only: older ones are never read
  const id = Number(r.rows[0]?.id);
  await ex.execute(sql`DELETE FROM hotline_classifier_models WHERE id < ${id - 4}`);
  return id;
}

/** Past tickets with their final lead agency, for training: dispatched at least once, not 重办-reassigned away. */
export async function trainingTickets(ex: Executor, limit: number): Promise<{ text: string; agencyCode: string; districtCode: string | null }[]> {
  const r = await ex.execute<Record<string, unknown>>(sql`SELECT t.content, t.title, t.district_code, a.code AS agency_code
    FROM tickets t JOIN agencies a ON a.id = t.lead_agency_id
    WHERE t.state IN ('replied', 'closed', 'visited') AND t.lead_agency_id IS NOT NULL
    ORDER BY t.created_at DESC LIMIT ${limit}`);
  return r.rows.map((row) => ({
    text: [row.title, row.content].filter((s) => typeof s === 'string' && s).join('\n'),
    agencyCode: row.agency_code as string,
    districtCode: (row.district_code as string | null) ?? null,
  }));
}

// --- keyword rules ---------------------------------------------------------------------------------------------

export interface KeywordRuleRow {
  id: string;
  keywords: string[];
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  divisionCode: string | null;
  weight: number;
  note: string | null;
}

export async function listKeywordRules(ex: Executor): Promise<KeywordRuleRow[]> {
  const r = await ex.execute<Record<string, unknown>>(sql`SELECT k.id, k.keywords, k.agency_id, a.code AS agency_code, a.name AS agency_name,
      k.division_code, k.weight, k.note
    FROM hotline_keyword_rules k JOIN agencies a ON a.id = k.agency_id ORDER BY k.created_at, k.id`);
  return r.rows.map((row) => ({
    id: row.id as string,
    keywords: (row.keywords as string[] | null) ?? [],
    agencyId: row.agency_id as string,
    agencyCode: row.agency_code as string,
    agencyName: row.agency_name as string,
    divisionCode: (row.division_code as string | null) ?? null,
    weight: Number(row.weight),
    note: (row.note as string | null) ?? null,
  }));
}

export async function insertKeywordRule(ex: Executor, w: { keywords: string[]; agencyId: string; divisionCode: string | null; weight: number; note: string | null; userId: string | null }): Promise<string> {
  const r = await ex.execute<{ id: string }>(sql`INSERT INTO hotline_keyword_rules (keywords, agency_id, division_code, weight, note, created_by)
    VALUES (${sql.param(w.keywords)}::text[], ${w.agencyId}, ${w.divisionCode}, ${w.weight}, ${w.note}, ${w.userId}) RETURNING id`);
  return (r.rows[0] as { id: string }).id;
}

export async function deleteKeywordRule(ex: Executor, id: string): Promise<boolean> {
  const r = await ex.execute(sql`DELETE FROM hotline_keyword_rules WHERE id = ${id}`);
  return (r.rowCount ?? 0) === 1;
}
