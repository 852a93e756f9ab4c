import { inflateSync } from 'node:zlib';

/** Every stream of a PDF, inflated when it was deflated (test helper; good enough for what pdfkit writes). */
export function pdfStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const latin = pdf.toString('latin1');
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(latin))) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    const dict = m[1] ?? '';
    if (/\/FlateDecode/.test(dict)) {
      try {
        out.push(inflateSync(raw).toString('latin1'));
      } catch {
        out.push(raw.toString('latin1'));
      }
    } else out.push(raw.toString('latin1'));
    re.lastIndex = end;
  }
  return out;
}

/**
 * The text a pdfkit PDF shows, decoded through its ToUnicode CMap (one embedded font assumed).
 * Each TJ operation becomes one line.
 */
export function pdfText(pdf: Buffer): string {
  const streams = pdfStreams(pdf);
  const map = new Map<number, string>();
  for (const s of streams) {
    if (!s.includes('beginbfrange')) continue;
    for (const r of s.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      const start = parseInt(r[1] ?? '0', 16);
      const targets = [...(r[3] ?? '').matchAll(/<([0-9a-f ]+)>/gi)].map((t) =>
        String.fromCharCode(...(t[1] ?? '').split(' ').map((h) => parseInt(h, 16))),
      );
      targets.forEach((t, i) => map.set(start + i, t));
    }
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\] TJ/g)) {
      let line = '';
      for (const hex of (tj[1] ?? '').matchAll(/<([0-9a-f]+)>/gi)) {
        const h = hex[1] ?? '';
        for (let i = 0; i + 4 <= h.length; i += 4) line += map.get(parseInt(h.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** Whether the PDF embeds a font program (TrueType FontFile2 or CFF FontFile3). */
export function pdfEmbedsFont(pdf: Buffer): boolean {
  return /\/FontFile[23]\b/.test(pdf.toString('latin1'));
}
