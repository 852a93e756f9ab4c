import { describe, expect, it } from 'vitest';
import { scanText } from './scanner.ts';

function addresses(text: string): string[] {
  return scanText(text, { types: ['address'] }).map((f) => f.text);
}

describe('详细住址', () => {
  it.each([
    ['其家住渝中区民族路188号3栋2单元502室，', '渝中区民族路188号3栋2单元502室'],
    ['住址：重庆市江北区建新北路二支路16号附2号。', '重庆市江北区建新北路二支路16号附2号'],
    ['地点位于南岸区南坪东路8号7-3-2', '南岸区南坪东路8号7-3-2'],
    ['家住渝北区龙湖花园5栋2单元301的市民', '渝北区龙湖花园5栋2单元301'],
    ['现住址：江北区五里店街道金科·天湖美镇12栋3-4。', '江北区五里店街道金科·天湖美镇12栋3-4'],
    ['反映其位于江北区融创香樟林30栋6单元4-6的房屋漏水', '江北区融创香樟林30栋6单元4-6'],
    ['住石柱土家族自治县龙兴镇石板村3组12号', '石柱土家族自治县龙兴镇石板村3组12号'],
    ['请寄至：渝北区龙溪街道红锦大道88号6幢1103室 收件人', '渝北区龙溪街道红锦大道88号6幢1103室'],
  ])('%s', (text, address) => expect(addresses(text)).toEqual([address]));

  it('does not report a district or road without numbers', () => {
    expect(addresses('张女士家住渝中区解放碑，常去民族路与五一路交叉口。')).toEqual([]);
  });
  it('does not report metro lines, meeting rooms, windows, document numbers', () => {
    expect(addresses('乘坐轨道交通3号线在观音桥站下车。会议在区政府2号楼3楼会议室召开。')).toEqual([]);
    expect(addresses('受理地点：区行政服务中心一楼5号窗口。渝府发〔2018〕3号文件。第3号公告。')).toEqual([]);
  });
  it('does not report an agency office or a legal person’s registered place', () => {
    expect(addresses('办公地址：重庆市渝中区人民路232号。办理地点：渝中区人民路232号。')).toEqual([]);
    expect(addresses('统一社会信用代码：91500000202800006F\n法定代表人：某某\n住所：重庆市渝中区民族路120号（经营场所）')).toEqual([]);
  });
  it('still reports a natural person’s 住所', () => {
    expect(addresses('当事人：张三，住所：重庆市渝中区民族路120号。')).toEqual(['重庆市渝中区民族路120号']);
  });
});
