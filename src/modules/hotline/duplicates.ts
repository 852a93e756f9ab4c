// 并单 candidates: tickets about the same thing at the same place within a window (2025 意见: 重复诉求原则上并单).
// Same category, same place (coordinates within a radius, or addresses sharing most tokens, within the same district),
// close in time, and similar text (cosine of jieba token counts). Pure; the service loads the pool (same category,
// recent) with one indexed query and calls findDuplicates.
import type { HotlineConfig } from './hotline.config.ts';
import { cosineSimilarity, jaccard, termCounts, ticketSearchTokens } from './ticket-text.ts';

export interface DuplicateSubject {
  id: string;
  categoryCode: string;
  /** 区县 division code */
  district: string | null;
  address: string | null;
  lat: number | null;
  long: number | null;
  createdAt: Date;
  text: string;
  /** when this ticket is itself merged into another */
  mergedIntoId?: string | null;
}

/** A subject with its tokens computed once. */
export interface PreparedSubject extends DuplicateSubject {
  terms: Map<string, number>;
  addressTokens: Set<string>;
  normalizedAddress: string | null;
}

// addresses: drop spaces, punctuation and the noise words callers add around a place
const ADDRESS_NOISE = /[\s\p{P}\p{S}]|附近|旁边|对面|门口|路口处|一带/gu;

export function normalizeAddress(address: string | null): string | null {
  if (!address) return null;
  const n = address.normalize('NFKC').replace(ADDRESS_NOISE, '');
  return n.length ? n : null;
}

export function prepareSubject(s: DuplicateSubject): PreparedSubject {
  const normalizedAddress = normalizeAddress(s.address);
  return {
    ...s,
    terms: termCounts(ticketSearchTokens(s.text)),
    addressTokens: new Set(normalizedAddress ? ticketSearchTokens(normalizedAddress) : []),
    normalizedAddress,
  };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface PlaceMatch {
  same: boolean;
  /** how it was decided */
  by: 'coordinates' | 'address' | 'none';
  distanceMeters: number | null;
  addressSimilarity: number | null;
}

/** Whether two tickets are at the same place. Different known districts never match; no location never matches. */
export function samePlace(a: PreparedSubject, b: PreparedSubject, config: HotlineConfig['duplicates']): PlaceMatch {
  if (a.district && b.district && a.district !== b.district) return { same: false, by: 'none', distanceMeters: null, addressSimilarity: null };
  if (a.lat !== null && a.long !== null && b.lat !== null && b.long !== null) {
    const d = haversineMeters({ lat: a.lat, long: a.long }, { lat: b.lat, long: b.long });
    return { same: d <= config.radiusMeters, by: 'coordinates', distanceMeters: d, addressSimilarity: null };
  }
  if (a.normalizedAddress && b.normalizedAddress) {
    const sim = a.normalizedAddress === b.normalizedAddress ? 1 : jaccard(a.addressTokens, b.addressTokens);
    return { same: sim >= config.minAddressSimilarity, by: 'address', distanceMeters: null, addressSimilarity: sim };
  }
  return { same: false, by: 'none', distanceMeters: null, addressSimilarity: null };
}

export interface DuplicateMatch {
  id: string;
  /** the ticket to merge into: the match itself, or the ticket it is already merged into */
  mergeIntoId: string;
  textSimilarity: number;
  hoursApart: number;
  place: PlaceMatch;
  /** why it matched, for the agent */
  reasons: string[];
}

/**
 * Tickets in `pool` that `subject` duplicates, most similar first. Every criterion must hold: same category,
 * within the window, same place, text similarity at or above the threshold.
 */
export function findDuplicates(
  subject: PreparedSubject,
  pool: Iterable<PreparedSubject>,
  config: HotlineConfig['duplicates'],
  mergedInto: ReadonlyMap<string, string> = new Map(),
): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  for (const other of pool) {
    if (other.id === subject.id || other.categoryCode !== subject.categoryCode) continue;
    const hoursApart = Math.abs(other.createdAt.getTime() - subject.createdAt.getTime()) / 3_600_000;
    if (hoursApart > config.windowHours) continue;
    const place = samePlace(subject, other, config);
    if (!place.same) continue;
    const textSimilarity = cosineSimilarity(subject.terms, other.terms);
    if (textSimilarity < config.minTextSimilarity) continue;
    const reasons = [
      '诉求类别相同',
      place.by === 'coordinates' ? `位置相距 ${Math.round(place.distanceMeters ?? 0)} 米` : `地址相近（相似度 ${(place.addressSimilarity ?? 0).toFixed(2)}）`,
      `相隔 ${hoursApart < 1 ? '不到 1' : Math.round(hoursApart)} 小时`,
      `内容相似度 ${textSimilarity.toFixed(2)}`,
    ];
    const mergeIntoId = resolveMergeRoot(other.mergedIntoId ?? other.id, mergedInto);
    out.push({ id: other.id, mergeIntoId, textSimilarity, hoursApart, place, reasons });
  }
  return out.sort((a, b) => b.textSimilarity - a.textSimilarity || a.hoursApart - b.hoursApart || a.id.localeCompare(b.id));
}

/** Follows merged-into links to the ticket that is answered for all (stops on a cycle). */
export function resolveMergeRoot(id: string, mergedInto: ReadonlyMap<string, string>): string {
  const seen = new Set<string>([id]);
  let cur = id;
  for (let next = mergedInto.get(cur); next !== undefined && !seen.has(next); next = mergedInto.get(cur)) {
    seen.add(next);
    cur = next;
  }
  return cur;
}
