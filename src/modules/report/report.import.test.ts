import { describe, expect, it } from 'vitest';
import { checkImportRows, parseCsv } from './report.import.ts';

const known = { agencyCodes: new Set(['cq-fgw', 'cq-gaj']), minYear: 2008, maxYear: 2025 };

describe('outside figures import', () => {
  it('reads a CSV with a BOM, quotes and Chinese headers', () => {
    const table = parseCsv('\uFEFF机关代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\r\ncq-fgw,2024,"1,200",3,0,12.5\ncq-gaj,2024,,,,\n');
    const { rows, errors } = checkImportRows(table, known);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { agencyCode: 'cq-fgw', year: 2024, licensing: 1200, penalty: 3, enforcement: 0, feesWanYuan: 12.5 },
      { agencyCode: 'cq-gaj', year: 2024, licensing: null, penalty: null, enforcement: null, feesWanYuan: null },
    ]);
  });

  it('names the row and column of every problem and returns no rows', () => {
    const table = parseCsv('agency,year,licensing,penalty,enforcement,fees\ncq-fgw,2024,-1,abc,2.5,1\nnope,1999,1,1,1,-3\ncq-fgw,2024,1,1,1,1\n');
    const { rows, errors } = checkImportRows(table, known);
    expect(rows).toEqual([]);
    const messages = errors.map((e) => e.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        '第 2 行“行政许可”：不能为负数',
        '第 2 行“行政处罚”：应为非负整数',
        '第 2 行“行政强制”：应为非负整数',
        '第 3 行“机关代码”：没有代码为“nope”的机关',
        '第 3 行“年度”：应在 2008 至 2025 年之间',
        '第 3 行“行政事业性收费（万元）”：不能为负数',
        '第 4 行“机关代码”：与前面的行重复（cq-fgw 2024 年）',
      ]),
    );
  });

  it('refuses a file without the key columns', () => {
    expect(checkImportRows(parseCsv('名称,数量\na,1\n'), known).errors.map((e) => e.message)).toEqual(['第 1 行缺少“机关代码”列', '第 1 行缺少“年度”列', '第 1 行没有任何数据列（行政许可、行政处罚、行政强制、行政事业性收费（万元））']);
  });
});
