import type { Deps } from '../../deps.ts';
import { isAppError } from '../../platform/http/errors.ts';
import { completeCreditCode, orgCodeCheckChar } from '../../platform/text/identifiers.ts';
import type { AgencyKind } from './agencies.tables.ts';
import type { NewAgency } from './agencies.schema.ts';

/** The demo city's root agency; other seeders grant the demo admin here. */
export const DEMO_ROOT_CODE = 'cq';

const HOURS = '工作日 9:00—12:00，14:00—17:30';

interface DemoAgency {
  code: string;
  parent: string | null;
  name: string;
  shortName: string;
  kind: AgencyKind;
  division: string;
  /** 机关代字, e.g. 渝府办发 */
  prefix: string | null;
  office: string;
  address: string;
  phone: string;
  fax?: string;
  email?: string;
  sort: number;
  /** distinct per agency: the demo 组织机构代码 body inside the credit code */
  serial: number;
}

// 市级: 重庆市人民政府 and every unit the seed (渝府办发〔2018〕76号) names as 牵头单位 or 责任单位.
// 市委网信办 and 市编办 are party bodies; they carry a state plate and disclose under the 条例, so they
// are typed 政府部门 and kept under the city so that the city's administrators manage them.
// 信息公开办, 应急办, 督查室 and 电子政务办 sat inside 市政府办公厅 in 2018.
const CITY: DemoAgency[] = [
  { code: 'cq', parent: null, name: '重庆市人民政府', shortName: '市政府', kind: 'government', division: '500000', prefix: '渝府发', office: '重庆市人民政府信息公开办公室', address: '重庆市渝中区人民路232号', phone: '023-63899114', fax: '023-63854251', email: 'zfxxgk@cq.gov.cn', sort: 0, serial: 1 },
  { code: 'cq-bgt', parent: 'cq', name: '重庆市人民政府办公厅', shortName: '市政府办公厅', kind: 'department', division: '500000', prefix: '渝府办发', office: '重庆市人民政府办公厅政务公开处', address: '重庆市渝中区人民路232号', phone: '023-63899124', fax: '023-63854252', sort: 1, serial: 2 },
  { code: 'cq-xxgkb', parent: 'cq-bgt', name: '重庆市人民政府信息公开办公室', shortName: '市政府信息公开办', kind: 'department', division: '500000', prefix: null, office: '重庆市人民政府信息公开办公室综合科', address: '重庆市渝中区人民路232号', phone: '023-63899133', sort: 1, serial: 3 },
  { code: 'cq-yjb', parent: 'cq-bgt', name: '重庆市人民政府应急管理办公室', shortName: '市政府应急办', kind: 'department', division: '500000', prefix: null, office: '重庆市人民政府应急管理办公室综合处', address: '重庆市渝中区人民路232号', phone: '023-63899145', sort: 2, serial: 4 },
  { code: 'cq-dcs', parent: 'cq-bgt', name: '重庆市人民政府督查室', shortName: '市政府督查室', kind: 'department', division: '500000', prefix: null, office: '重庆市人民政府督查室综合科', address: '重庆市渝中区人民路232号', phone: '023-63899156', sort: 3, serial: 5 },
  { code: 'cq-dzzwb', parent: 'cq-bgt', name: '重庆市人民政府电子政务办公室', shortName: '市政府电子政务办', kind: 'department', division: '500000', prefix: null, office: '重庆市人民政府电子政务办公室综合处', address: '重庆市渝北区青竹东路6号', phone: '023-67513302', sort: 4, serial: 6 },
  { code: 'cq-wxb', parent: 'cq', name: '中共重庆市委网络安全和信息化委员会办公室', shortName: '市委网信办', kind: 'department', division: '500000', prefix: '渝网信发', office: '重庆市互联网信息办公室秘书处', address: '重庆市渝北区金开大道99号', phone: '023-67592120', sort: 2, serial: 7 },
  { code: 'cq-bb', parent: 'cq', name: '中共重庆市委机构编制委员会办公室', shortName: '市编办', kind: 'department', division: '500000', prefix: '渝编办发', office: '中共重庆市委机构编制委员会办公室秘书处', address: '重庆市渝中区中山四路36号', phone: '023-63854631', sort: 3, serial: 8 },
  { code: 'cq-fgw', parent: 'cq', name: '重庆市发展和改革委员会', shortName: '市发展改革委', kind: 'department', division: '500000', prefix: '渝发改发', office: '重庆市发展和改革委员会办公室', address: '重庆市渝北区青竹东路6号', phone: '023-67575830', fax: '023-67575831', sort: 10, serial: 11 },
  { code: 'cq-jxw', parent: 'cq', name: '重庆市经济和信息化委员会', shortName: '市经济信息委', kind: 'department', division: '500000', prefix: '渝经信发', office: '重庆市经济和信息化委员会办公室', address: '重庆市渝北区青竹东路6号', phone: '023-63898012', sort: 14, serial: 14 },
  { code: 'cq-mzj', parent: 'cq', name: '重庆市民政局', shortName: '市民政局', kind: 'department', division: '500000', prefix: '渝民发', office: '重庆市民政局办公室', address: '重庆市渝中区人民路123号', phone: '023-63865612', sort: 17, serial: 17 },
  { code: 'cq-czj', parent: 'cq', name: '重庆市财政局', shortName: '市财政局', kind: 'department', division: '500000', prefix: '渝财发', office: '重庆市财政局办公室', address: '重庆市江北区五里店街道五黄路126号', phone: '023-67575211', fax: '023-67575212', sort: 19, serial: 19 },
  { code: 'cq-gtfgj', parent: 'cq', name: '重庆市国土资源和房屋管理局', shortName: '市国土房管局', kind: 'department', division: '500000', prefix: '渝国土房管发', office: '重庆市国土资源和房屋管理局办公室', address: '重庆市渝北区龙溪街道东湖南路345号', phone: '023-63860411', sort: 21, serial: 21 },
  { code: 'cq-cxjw', parent: 'cq', name: '重庆市城乡建设委员会', shortName: '市城乡建委', kind: 'department', division: '500000', prefix: '渝建发', office: '重庆市城乡建设委员会办公室', address: '重庆市渝北区冉家坝龙山一路58号', phone: '023-63672124', sort: 23, serial: 23 },
  { code: 'cq-nw', parent: 'cq', name: '重庆市农业委员会', shortName: '市农委', kind: 'department', division: '500000', prefix: '渝农发', office: '重庆市农业委员会办公室', address: '重庆市渝北区龙山街道旗山路268号', phone: '023-89133005', sort: 26, serial: 26 },
  { code: 'cq-sww', parent: 'cq', name: '重庆市商务委员会', shortName: '市商务委', kind: 'department', division: '500000', prefix: '渝商务发', office: '重庆市商务委员会办公室', address: '重庆市渝北区青竹东路6号', phone: '023-62662651', sort: 28, serial: 28 },
  { code: 'cq-gzw', parent: 'cq', name: '重庆市国有资产监督管理委员会', shortName: '市国资委', kind: 'department', division: '500000', prefix: '渝国资发', office: '重庆市国有资产监督管理委员会办公室', address: '重庆市江北区建新北路二支路8号', phone: '023-67678400', sort: 33, serial: 33 },
  { code: 'cq-ghj', parent: 'cq', name: '重庆市规划局', shortName: '市规划局', kind: 'department', division: '500000', prefix: '渝规发', office: '重庆市规划局办公室', address: '重庆市渝北区青竹东路6号', phone: '023-63366040', sort: 38, serial: 38 },
  { code: 'cq-fzb', parent: 'cq', name: '重庆市人民政府法制办公室', shortName: '市政府法制办', kind: 'department', division: '500000', prefix: '渝府法发', office: '重庆市人民政府法制办公室秘书处', address: '重庆市渝中区人民路232号', phone: '023-63899286', sort: 45, serial: 45 },
  { code: 'cq-fpb', parent: 'cq', name: '重庆市扶贫开发办公室', shortName: '市扶贫办', kind: 'department', division: '500000', prefix: '渝扶贫办发', office: '重庆市扶贫开发办公室秘书处', address: '重庆市渝北区青竹东路6号', phone: '023-89016721', sort: 47, serial: 47 },
];

interface DistrictPlan {
  code: string;
  place: string;
  division: string;
  short: string;
  address: string;
  phonePrefix: string;
  sort: number;
}

const DISTRICTS: DistrictPlan[] = [
  { code: 'yz', place: '渝中区', division: '500103', short: '渝中', address: '重庆市渝中区人和街74号', phonePrefix: '023-6375', sort: 100 },
  { code: 'jb', place: '江北区', division: '500105', short: '江北', address: '重庆市江北区洋河路1号', phonePrefix: '023-6785', sort: 101 },
  { code: 'yb', place: '渝北区', division: '500112', short: '渝北', address: '重庆市渝北区双龙大道166号', phonePrefix: '023-6782', sort: 102 },
];

/** 区政府 and a few of its departments: 办公室, 发展改革委, 财政局, 生态环境局. */
function districtAgencies(d: DistrictPlan, n: number): DemoAgency[] {
  const base = 100 + n * 10;
  const gov = `重庆市${d.place}人民政府`;
  const dept = (suffix: string, full: string, short: string, prefix: string, office: string, street: string, i: number): DemoAgency => ({
    code: `${d.code}-${suffix}`,
    parent: d.code,
    name: `重庆市${d.place}${full}`,
    shortName: `${d.place}${short}`,
    kind: 'department',
    division: d.division,
    prefix,
    office: `重庆市${d.place}${full}${office}`,
    address: street,
    phone: `${d.phonePrefix}${String(2100 + i * 17).padStart(4, '0')}`,
    sort: i,
    serial: base + i,
  });
  return [
    { code: d.code, parent: 'cq', name: gov, shortName: `${d.place}政府`, kind: 'government', division: d.division, prefix: `${d.short}府发`, office: `${gov}办公室政务公开科`, address: d.address, phone: `${d.phonePrefix}1001`, fax: `${d.phonePrefix}1002`, email: `xxgk@${d.code}.gov.cn`, sort: d.sort, serial: base },
    dept('bgs', '人民政府办公室', '政府办公室', `${d.short}府办发`, '综合科', d.address, 1),
    dept('fgw', '发展和改革委员会', '发展改革委', `${d.short}发改发`, '办公室', d.address, 2),
    dept('czj', '财政局', '财政局', `${d.short}财发`, '办公室', d.address, 3),
    dept('sthjj', '生态环境局', '生态环境局', `${d.short}环发`, '办公室', d.address, 4),
  ];
}

export const DEMO_AGENCIES: readonly DemoAgency[] = [...CITY, ...DISTRICTS.flatMap((d, i) => districtAgencies(d, i))];

/** A checksum-valid demo 统一社会信用代码: 11 (机关) + 行政区划代码 + a demo 组织机构代码 with its own check + GB 32100 check. */
export function demoCreditCode(division: string, serial: number): string {
  const org8 = `0090${String(serial).padStart(4, '0')}`;
  return completeCreditCode(`11${division}${org8}${orgCodeCheckChar(org8)}`);
}

function toNewAgency(a: DemoAgency, parentId: string | null): NewAgency {
  return {
    code: a.code,
    parentId,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    divisionCode: a.division,
    creditCode: demoCreditCode(a.division, a.serial),
    isDemo: true,
    docPrefix: a.prefix,
    officeName: a.office,
    officeAddress: a.address,
    officePhone: a.phone,
    officeHours: HOURS,
    officeFax: a.fax ?? null,
    officeEmail: a.email ?? null,
    sortOrder: a.sort,
    fourEyes: true,
  };
}

/**
 * Loads the demo agencies through the service (so each gets an audit row by 系统:seed).
 * Idempotent: an agency whose code exists is left as it is.
 */
export async function seedAgencies(deps: Pick<Deps, 'agencies'>): Promise<void> {
  const actor = { system: 'seed' };
  const ids = new Map<string, string>();
  for (const a of DEMO_AGENCIES) {
    const existing = await deps.agencies.getAgencyByCode(a.code).catch((err: unknown) => {
      if (isAppError(err) && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    if (existing) {
      ids.set(a.code, existing.id);
      continue;
    }
    const parentId = a.parent ? ids.get(a.parent) : null;
    if (parentId === undefined) throw new Error(`demo agency ${a.code}: parent ${String(a.parent)} is missing`);
    const created = await deps.agencies.createAgency(actor, toNewAgency(a, parentId));
    ids.set(a.code, created.id);
  }
}
