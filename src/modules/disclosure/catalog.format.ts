// How the public pages write dates, instants and file sizes. Pure; every instant is shown in Asia/Shanghai
// (UTC+8 all year: China has kept no daylight saving since 1991).

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The instant as Shanghai wall-clock parts. */
function shanghaiParts(d: Date) {
  const s = new Date(d.getTime() + SHANGHAI_OFFSET_MS);
  return { y: s.getUTCFullYear(), m: s.getUTCMonth() + 1, d: s.getUTCDate(), h: s.getUTCHours(), min: s.getUTCMinutes(), sec: s.getUTCSeconds(), dow: s.getUTCDay() };
}

/** 'YYYY-MM-DD' of an instant in Shanghai. */
export function shanghaiDateOf(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** '2018年06月13日' from 'YYYY-MM-DD', as gov.cn writes dates in the 信息索引. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : iso;
}

/** '2024年03月05日 10:00' for an instant. */
export function chineseDateTime(d: Date): string {
  const p = shanghaiParts(d);
  return `${chineseDate(shanghaiDateOf(d))} ${pad(p.h)}:${pad(p.min)}`;
}

/** '2024-03-05T10:00:00+08:00' (Atom, sitemap). */
export function shanghaiIso(d: Date): string {
  const p = shanghaiParts(d);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.min)}:${pad(p.sec)}+08:00`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Tue, 05 Mar 2024 10:00:00 +0800' (RSS 2.0 uses RFC 822 dates with a four-digit year). */
export function shanghaiRfc822(d: Date): string {
  const p = shanghaiParts(d);
  return `${DAYS[p.dow]}, ${pad(p.d)} ${MONTHS[p.m - 1]} ${p.y} ${pad(p.h)}:${pad(p.min)}:${pad(p.sec)} +0800`;
}

/**
 * The moment an item was published: its 发布日期 with the time it went out when that happened the same day in
 * Shanghai, else the start of that day (an imported page whose 发布日期 predates the platform).
 */
export function publishedMoment(publishedDate: string, publishedAt: Date | null): Date {
  if (publishedAt && shanghaiDateOf(publishedAt) === publishedDate) return publishedAt;
  return new Date(`${publishedDate}T00:00:00+08:00`);
}

/** '356 KB', '1.2 MB', '800 字节' — sizes as people read them (1 KB = 1024 bytes). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

const MIME_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/ofd': 'OFD',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/gif': 'GIF 图片',
  'image/webp': 'WebP 图片',
};

export function fileTypeLabel(mime: string): string {
  return MIME_LABELS[mime] ?? '文件';
}
