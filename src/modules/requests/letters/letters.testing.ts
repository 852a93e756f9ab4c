import type { OutcomeCode, ReplyContent } from '../taxonomy.ts';
import type { ReplyLetterInput } from './letter.types.ts';

/** A lawful reply content for each outcome (passes validateReply), for tests of letters and of the reply form. */
export const SAMPLE_REPLY_CONTENT: Record<OutcomeCode, ReplyContent> = {
  'R-ALREADY': { accessMethod: '登录重庆市渝中区人民政府网站“政府信息公开”专栏查阅' },
  'R-DISCLOSE': { providedInformation: '《渝中区2025年老旧小区改造项目清单》（附件1，共3页）' },
  'R-PARTIAL': {
    providedInformation: '《解放碑片区更新规划批复》（附件1）',
    withholdReasons: ['EX15-THIRD'],
    reasonText: '附件中的企业报价涉及商业秘密，第三方不同意公开',
  },
  'R-WITHHOLD': { withholdReasons: ['EX16-PROCESS', 'EX14-LAW'], reasonText: '所申请的会议纪要属于内部讨论记录' },
  'R-NOTEXIST': {},
  'R-NOTOURS': {
    reasonText: '该信息由市级部门制作并保存',
    responsibleAgencyName: '重庆市住房和城乡建设委员会',
    responsibleAgencyContact: '023-63672222，重庆市渝北区旗山路268号',
  },
  'R-REPEAT': { relatedRequestNumber: 'YSQ2026000077' },
  'R-SPECIAL': { specialProcedure: '依照《不动产登记暂行条例》到不动产登记中心查询' },
  'R-NOCREATE': { reasonText: '需对十年间的审批数据逐项统计汇总' },
  'R-PETITION': { referralChannel: '12345政务服务便民热线或信访窗口' },
  'R-PUBLICATION': { accessMethod: '《重庆市人民政府公报》可在各区县图书馆查阅' },
  'R-EXCESSIVE': { reasonText: '所述理由与申请内容无关' },
  'R-UNCLEAR': {},
  'R-NOCORRECTION': {},
  'R-FEEUNPAID': {},
  'R-CONFIRM': {},
};

/** A complete, valid letter input for an outcome. */
export function sampleLetterInput(outcome: OutcomeCode, overrides: Partial<ReplyLetterInput> = {}): ReplyLetterInput {
  return {
    agencyName: '重庆市渝中区住房和城乡建设委员会',
    applicantName: '张三',
    requestNumber: 'YSQ2026000123',
    receivedOn: '2026-11-02',
    requestDescription: '2025年渝中区老旧小区改造项目的名单及资金安排',
    outcome,
    content: SAMPLE_REPLY_CONTENT[outcome],
    repliedOn: '2026-11-27',
    remedy: { reviewBody: '重庆市渝中区人民政府', court: '重庆市渝中区人民法院' },
    contact: '联系人：李四，联系电话：023-63891234',
    ...overrides,
  };
}
