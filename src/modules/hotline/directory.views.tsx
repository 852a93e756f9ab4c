// 派单目录 console page: the table (filterable) and, for the 12345 center, the form to set an entry and remove one.
import type { FieldError } from '../../platform/http/errors.ts';
import { ConsoleLayout } from '../../platform/views/console-layout.tsx';
import { Button, CsrfField, DataTable, ErrorSummary, fieldErrorFor, fieldId, SelectField, TextField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import { categoryOptions, HOTLINE_CONSOLE_PATH } from './console.http.ts';
import type { DirectoryView } from './directory.service.ts';

export const DIRECTORY_PATH = `${HOTLINE_CONSOLE_PATH}/directory`;

export interface DirectoryFormValues {
  categoryCode: string;
  divisionCode: string;
  agencyId: string;
  assistingAgencyIds: string[];
  basis: string;
}

export const EMPTY_DIRECTORY_VALUES: DirectoryFormValues = { categoryCode: '', divisionCode: '', agencyId: '', assistingAgencyIds: [], basis: '' };

export interface KeywordRuleValues {
  keywords: string;
  agencyId: string;
  divisionCode: string;
  weight: string;
  note: string;
}

export const EMPTY_KEYWORD_RULE: KeywordRuleValues = { keywords: '', agencyId: '', divisionCode: '', weight: '', note: '' };

function KeywordRules(p: { ctx: PageContext; view: DirectoryView; agencies: { id: string; name: string }[]; values: KeywordRuleValues; errors: FieldError[] }) {
  const e = (f: string) => fieldErrorFor(p.errors, `rule.${f}`);
  return (
    <section aria-labelledby="keyword-rules-title">
      <h2 id="keyword-rules-title">关键词规则（{p.view.keywordRules.length} 条）</h2>
      <p>诉求内容含有规则中的关键词时，推荐对应单位。各分类自带的关键词按派单目录自动生成（权重 0.8），不在此列出。</p>
      <DataTable
        caption="热线中心维护的关键词规则"
        rows={p.view.keywordRules}
        rowKey={(r) => r.id}
        empty="还没有自定义关键词规则。"
        columns={[
          { header: '关键词', cell: (r) => r.keywords.join('、') },
          { header: '承办单位', cell: (r) => r.agencyName },
          { header: '区县', cell: (r) => r.districtName },
          { header: '权重', cell: (r) => r.weight, numeric: true },
          { header: '说明', cell: (r) => r.note ?? '—' },
          ...(p.view.canManage
            ? [
                {
                  header: '删除',
                  cell: (r: DirectoryView['keywordRules'][number]) => (
                    <form method="post" action={`${DIRECTORY_PATH}/rules/${r.id}/remove`} class="inline-form">
                      <CsrfField token={p.ctx.csrfToken} />
                      <label for={fieldId(`rule-remove-${r.id}`)} class="visually-hidden">
                        删除关键词规则“{r.keywords.join('、')}”的理由
                      </label>
                      <input id={fieldId(`rule-remove-${r.id}`)} name="reason" class="input input--short" maxLength={500} placeholder="删除理由" />
                      <Button kind="danger">删除</Button>
                    </form>
                  ),
                },
              ]
            : []),
        ]}
      />
      {p.view.canManage && (
        <form method="post" action={`${DIRECTORY_PATH}/rules`} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <h3>新增关键词规则</h3>
          <TextField name="rule.keywords" label="关键词" required maxLength={300} value={p.values.keywords} error={e('keywords')} hint="用逗号或空格分隔，如：轻轨2号线，李子坝" />
          <SelectField name="rule.agencyId" label="承办单位" required options={p.agencies.map((a) => ({ value: a.id, label: a.name }))} value={p.values.agencyId} placeholder="请选择" error={e('agencyId')} />
          <SelectField name="rule.divisionCode" label="适用区县" options={p.view.districts.map((d) => ({ value: d.divisionCode, label: d.name }))} value={p.values.divisionCode} placeholder="全市" error={e('divisionCode')} />
          <TextField name="rule.weight" label="权重" width="short" maxLength={4} value={p.values.weight} error={e('weight')} hint="0.01 到 1，默认 1。" />
          <TextField name="rule.note" label="说明" maxLength={200} value={p.values.note} error={e('note')} />
          <Button kind="secondary">新增规则</Button>
        </form>
      )}
    </section>
  );
}

export function DirectoryPage(p: {
  ctx: PageContext;
  view: DirectoryView;
  agencies: { id: string; name: string }[];
  filters: { categoryCode: string; divisionCode: string };
  values: DirectoryFormValues;
  errors: FieldError[];
  ruleValues?: KeywordRuleValues;
}) {
  const { view, filters } = p;
  const rows = view.rows.filter((r) => (!filters.categoryCode || r.categoryCode.startsWith(filters.categoryCode)) && (!filters.divisionCode || r.divisionCode === filters.divisionCode || (filters.divisionCode === 'all' && r.divisionCode === null)));
  const districtOptions = view.districts.map((d) => ({ value: d.divisionCode, label: d.name }));
  const assistingError = fieldErrorFor(p.errors, 'assistingAgencyIds');
  return (
    <ConsoleLayout ctx={p.ctx} title="派单目录" crumbs={[{ label: '12345热线', href: HOTLINE_CONSOLE_PATH }, { label: '派单目录' }]}>
      <h1>派单目录</h1>
      <p>诉求分类 × 区县 → 主办单位（及协办单位），依据各单位权责清单由12345热线中心维护。找不到区县条目时，按“全市”条目和上级分类派单。</p>
      <ErrorSummary errors={p.errors} />
      <p>
        文本分类模型：{view.model ? `${view.model.trainedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 用 ${view.model.sampleCount} 张已办工单训练（每晚自动重新训练）` : '尚未训练（派单推荐暂只依据派单目录和关键词规则）'}
      </p>
      {view.canManage && (
        <form method="post" action={`${DIRECTORY_PATH}/retrain`}>
          <CsrfField token={p.ctx.csrfToken} />
          <Button kind="secondary">立即重新训练</Button>
        </form>
      )}
      {view.canManage && (
        <section aria-labelledby="directory-form-title">
          <h2 id="directory-form-title">设置派单条目</h2>
          <p>同一分类和区县已有条目时将被替换。</p>
          <form method="post" action={DIRECTORY_PATH} novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <SelectField name="categoryCode" label="诉求分类" required options={categoryOptions()} value={p.values.categoryCode} placeholder="请选择" error={fieldErrorFor(p.errors, 'categoryCode')} />
            <SelectField name="divisionCode" label="区县" options={districtOptions} value={p.values.divisionCode} placeholder="全市（各区县通用）" error={fieldErrorFor(p.errors, 'divisionCode')} />
            <SelectField name="agencyId" label="主办单位" required options={p.agencies.map((a) => ({ value: a.id, label: a.name }))} value={p.values.agencyId} placeholder="请选择" error={fieldErrorFor(p.errors, 'agencyId')} />
            <div class={`field${assistingError ? ' field--error' : ''}`}>
              <label for={fieldId('assistingAgencyIds')}>
                协办单位<span class="optional">（选填，可多选）</span>
              </label>
              {assistingError && (
                <p class="field-error" id={`${fieldId('assistingAgencyIds')}-error`}>
                  <span class="visually-hidden">错误：</span>
                  {assistingError}
                </p>
              )}
              <select id={fieldId('assistingAgencyIds')} name="assistingAgencyIds" multiple size={5} class="input" aria-invalid={assistingError ? 'true' : undefined}>
                {p.agencies.map((a) => (
                  <option key={a.id} value={a.id} selected={p.values.assistingAgencyIds.includes(a.id)}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <TextField name="basis" label="权责清单依据" maxLength={500} value={p.values.basis} error={fieldErrorFor(p.errors, 'basis')} />
            <Button>保存</Button>
          </form>
        </section>
      )}
      <h2>目录（{rows.length} 条）</h2>
      <form method="get" action={DIRECTORY_PATH} class="filters" aria-label="筛选派单目录">
        <SelectField name="filterCategory" label="分类" options={categoryOptions().filter((o) => o.value.length < 6)} value={filters.categoryCode} placeholder="全部分类" />
        <SelectField name="filterDistrict" label="区县" options={[{ value: 'all', label: '仅全市条目' }, ...districtOptions]} value={filters.divisionCode} placeholder="全部" />
        <Button kind="secondary">筛选</Button>
      </form>
      <DataTable
        caption="派单目录条目"
        rows={rows}
        rowKey={(r) => r.id}
        empty="没有派单目录条目。"
        columns={[
          { header: '诉求分类', cell: (r) => r.categoryLabel },
          { header: '区县', cell: (r) => r.districtName },
          { header: '主办单位', cell: (r) => r.agencyName },
          { header: '协办单位', cell: (r) => r.assistingNames.join('、') || '—' },
          { header: '依据', cell: (r) => r.basis ?? '—' },
          ...(view.canManage
            ? [
                {
                  header: '删除',
                  cell: (r: DirectoryView['rows'][number]) => (
                    <form method="post" action={`${DIRECTORY_PATH}/${r.id}/remove`} class="inline-form">
                      <CsrfField token={p.ctx.csrfToken} />
                      <input type="hidden" name="version" value={String(r.version)} />
                      <label for={fieldId(`remove-${r.id}`)} class="visually-hidden">
                        删除“{r.categoryLabel} × {r.districtName}”的理由
                      </label>
                      <input id={fieldId(`remove-${r.id}`)} name="reason" class="input input--short" maxLength={500} placeholder="删除理由" />
                      <Button kind="danger">删除</Button>
                    </form>
                  ),
                },
              ]
            : []),
        ]}
      />
      <KeywordRules ctx={p.ctx} view={view} agencies={p.agencies} values={p.ruleValues ?? EMPTY_KEYWORD_RULE} errors={p.errors} />
    </ConsoleLayout>
  );
}
