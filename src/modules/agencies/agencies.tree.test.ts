import { describe, expect, it } from 'vitest';
import { groupByGovernment, inTreeOrder, wouldCycle, type TreeRow } from './agencies.tree.ts';

function row(id: string, parent: string | null, ancestors: string[], over: Partial<TreeRow> = {}): TreeRow {
  return { id, parentId: parent, ancestors, sortOrder: 0, name: id, kind: 'department', ...over };
}

const city = row('city', null, [], { kind: 'government', name: '市政府' });
const bgt = row('bgt', 'city', ['city'], { sortOrder: 1, name: '办公厅' });
const fgw = row('fgw', 'city', ['city'], { sortOrder: 10, name: '发展改革委' });
const czj = row('czj', 'city', ['city'], { sortOrder: 10, name: '财政局' });
const xxgk = row('xxgk', 'bgt', ['city', 'bgt'], { name: '信息公开办' });
const yz = row('yz', 'city', ['city'], { kind: 'government', sortOrder: 100, name: '渝中区政府' });
const yzCzj = row('yz-czj', 'yz', ['city', 'yz'], { name: '渝中区财政局' });

describe('inTreeOrder', () => {
  it('puts each agency before its children, siblings by sort order then pinyin', () => {
    const ordered = inTreeOrder([yzCzj, czj, yz, xxgk, fgw, bgt, city]).map((r) => r.id);
    // 财政局 (cái) before 发展改革委 (fā) at the same sort order
    expect(ordered).toEqual(['city', 'bgt', 'xxgk', 'czj', 'fgw', 'yz', 'yz-czj']);
  });

  it('starts a branch for a row whose parent was filtered out', () => {
    expect(inTreeOrder([fgw, yzCzj]).map((r) => r.id)).toEqual(['yz-czj', 'fgw']);
  });
});

describe('wouldCycle', () => {
  it('is true for the agency itself and any descendant, false elsewhere', () => {
    expect(wouldCycle('bgt', bgt)).toBe(true);
    expect(wouldCycle('bgt', xxgk)).toBe(true);
    expect(wouldCycle('city', yzCzj)).toBe(true);
    expect(wouldCycle('bgt', fgw)).toBe(false);
    expect(wouldCycle('yz', city)).toBe(false);
  });
});

describe('groupByGovernment', () => {
  it('groups departments under their nearest 人民政府, government first', () => {
    const groups = groupByGovernment([yzCzj, czj, yz, xxgk, fgw, bgt, city]);
    expect(groups.map((g) => [g.government?.id, g.members.map((m) => m.id)])).toEqual([
      ['city', ['city', 'bgt', 'xxgk', 'czj', 'fgw']],
      ['yz', ['yz', 'yz-czj']],
    ]);
  });

  it('collects agencies with no government above them in a group of their own', () => {
    const lone = row('lone', null, [], { kind: 'authorized' });
    expect(groupByGovernment([lone]).map((g) => [g.government, g.members.length])).toEqual([[null, 1]]);
  });
});
