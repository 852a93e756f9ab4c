import type { FieldError } from '../../../platform/http/errors.ts';
import { ErrorSummary, fieldErrorFor, fieldId, Pagination, SelectField, StatusTag, TextField, type SelectOption } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { PortalLayout } from '../../../platform/views/layout.tsx';
import { searchHref, SEARCH_ATOM_PATH, SEARCH_PATH, SEARCH_RSS_PATH, type SearchLink } from '../search.paths.ts';
import type { FacetValue, SearchHit, SearchOutcome } from '../search.service.ts';
import { GENRES, POLICY_CATEGORIES, TOPICS, VALIDITIES, validityName } from '../taxonomy.ts';

export interface SearchPageProps {
  ctx: PageContext;
  /** null when the parameters had errors */
  outcome: SearchOutcome | null;
  /** what the form shows: the validated search, or the raw input when it had errors */
  link: SearchLink;
  errors: readonly FieldError[];
  agencies: readonly { code: string; name: string; depth: number }[];
  nodes: readonly { id: string; name: string; depth: number }[];
}

const indent = (depth: number) => '　'.repeat(depth);

const GENRE_OPTIONS: SelectOption[] = GENRES.map((g) => ({ value: g.id, label: g.name }));
const TAG_OPTIONS: SelectOption[] = POLICY_CATEGORIES.map((c) => ({ value: c.id, label: c.name }));
const VALIDITY_OPTIONS: SelectOption[] = VALIDITIES.map((v) => ({ value: v.id, label: v.name }));

/** 123456 → 12.3 万; exact counts as digits with separators. */
export function formatCount(n: number, isEstimate: boolean): string {
  if (isEstimate && n >= 10_000) return `约 ${Number((n / 10_000).toFixed(n >= 100_000 ? 0 : 1))} 万`;
  return `${isEstimate ? '约 ' : ''}${n.toLocaleString('zh-CN')}`;
}

/** The sentence announcing the result count, also used in the page title. */
export function resultSentence(outcome: SearchOutcome): string {
  const { query, total, totalIsEstimate, mode } = outcome;
  if (mode === 'no_terms') return '请输入更具体的关键词（单个虚词和标点不能检索）。';
  if (mode === 'doc_key') return `按发文字号“${query.docKey}”找到 ${total} 条信息。`;
  const what = query.text ? `与“${query.text}”有关的信息` : '信息';
  if (total === 0) return `没有找到${what}。`;
  return `找到${what} ${formatCount(total, totalIsEstimate)} 条。`;
}

function HitItem({ hit }: { hit: SearchHit }) {
  return (
    <li class="search-hit">
      <h2 class="search-hit-title">
        <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
      </h2>
      <p class="search-hit-meta muted">
        {hit.agencies.join('、')}
        {hit.documentNumber && <> · {hit.documentNumber}</>} · 发布日期 <time dateTime={hit.publishedDate}>{hit.publishedDate}</time>
        {hit.validity !== 'valid' && (
          <>
            {' '}
            <StatusTag label={`已${validityName(hit.validity)}`} tone="danger" />
          </>
        )}
        {hit.isWithdrawn && (
          <>
            {' '}
            <StatusTag label="已撤回" tone="neutral" />
          </>
        )}
      </p>
      <p class="search-hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
    </li>
  );
}

function FacetGroup({ title, param, values, link, isEstimate, current }: { title: string; param: keyof SearchLink; values: readonly FacetValue[]; link: SearchLink; isEstimate: boolean; current: string | undefined }) {
  if (!values.length) return null;
  return (
    <section class="search-facet" aria-labelledby={`facet-${param}`}>
      <h3 id={`facet-${param}`}>{title}</h3>
      <ul>
        {values.map((v) => (
          <li key={v.value}>
            {current === v.value ? (
              <a href={searchHref(SEARCH_PATH, link, param === 'from' ? { from: null, to: null } : { [param]: null })} aria-current="true">
                {v.label}（{formatCount(v.count, isEstimate)}）<span class="visually-hidden">，已选，点击取消</span>
              </a>
            ) : (
              <a href={searchHref(SEARCH_PATH, link, param === 'from' ? { from: v.value, to: v.value } : { [param]: v.value })}>
                {v.label}（{formatCount(v.count, isEstimate)}）
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 主题分类 grouped by class: a class (all its sub-classes) first, then each sub-class. */
function SubjectField({ value, error }: { value: string | undefined; error: string | undefined }) {
  const id = fieldId('subject');
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>
        主题分类<span class="optional">（选填）</span>
      </label>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      <select id={id} name="subject" class="input" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">全部主题</option>
        {TOPICS.map((t) =>
          t.children.length ? (
            <optgroup key={t.id} label={t.name}>
              <option value={t.id} selected={value === t.id}>
                {t.name}（全部）
              </option>
              {t.children.map((c) => (
                <option key={c.id} value={c.id} selected={value === c.id}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={t.id} value={t.id} selected={value === t.id}>
              {t.name}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

const FILTER_KEYS: readonly (keyof SearchLink)[] = ['agency', 'node', 'subject', 'type', 'tag', 'from', 'to', 'validity'];

function SearchForm({ link, errors, agencies, nodes }: Pick<SearchPageProps, 'link' | 'errors' | 'agencies' | 'nodes'>) {
  const err = (name: string) => fieldErrorFor(errors, name);
  // the filters fold away on phones; open when one is set or wrong, or when nothing was asked yet
  const activeFilters = FILTER_KEYS.filter((k) => link[k] !== undefined).length;
  const filtersOpen = !link.q || activeFilters > 0 || errors.some((e) => e.field !== 'q') || link.dateField === 'written';
  return (
    <form method="get" action={SEARCH_PATH} class="panel search-form" role="search" aria-label="信息检索">
      <TextField name="q" label="关键词" type="search" value={link.q} error={err('q')} maxLength={100} hint="多个词以空格分隔，须同时出现；用引号括起词组；也可直接输入发文字号，如 渝府办发〔2018〕76号" />
      <details class="search-filters" open={filtersOpen}>
        <summary>筛选条件{activeFilters > 0 ? `（已选 ${activeFilters} 项）` : ''}</summary>
      <fieldset class="filters">
        <legend class="visually-hidden">筛选条件</legend>
        <SelectField name="agency" label="发布机关" value={link.agency} error={err('agency')} placeholder="全部机关" options={agencies.map((a) => ({ value: a.code, label: `${indent(a.depth)}${a.name}` }))} />
        <SelectField name="subtree" label="机关范围" value={link.subtree ?? '1'} error={err('subtree')} required options={[{ value: '1', label: '含下级机关' }, { value: '0', label: '仅本机关' }]} />
        {nodes.length > 0 && <SelectField name="node" label="目录" value={link.node} error={err('node')} placeholder="全部目录" options={nodes.map((n) => ({ value: n.id, label: `${indent(n.depth)}${n.name}` }))} />}
        {nodes.length === 0 && link.node && <input type="hidden" name="node" value={link.node} />}
        <SubjectField value={link.subject} error={err('subject')} />
        <SelectField name="type" label="体裁" value={link.type} error={err('type')} placeholder="全部体裁" options={GENRE_OPTIONS} />
        <SelectField name="tag" label="政策类别" value={link.tag} error={err('tag')} placeholder="全部类别" options={TAG_OPTIONS} />
        <TextField name="from" label="起始时间" value={link.from} error={err('from')} width="short" maxLength={10} inputMode="numeric" hint="年份或日期，如 2018" />
        <TextField name="to" label="截止时间" value={link.to} error={err('to')} width="short" maxLength={10} inputMode="numeric" hint="如 2020 或 2020-06-30" />
        <SelectField name="dateField" label="时间依据" value={link.dateField ?? 'published'} error={err('dateField')} required options={[{ value: 'published', label: '发布日期' }, { value: 'written', label: '成文日期' }]} />
        <SelectField name="validity" label="有效性" value={link.validity} error={err('validity')} placeholder="不限" options={VALIDITY_OPTIONS} />
        <SelectField name="sort" label="排序" value={link.sort ?? 'relevance'} error={err('sort')} required options={[{ value: 'relevance', label: '按相关度' }, { value: 'date', label: '按发布日期' }]} />
      </fieldset>
      </details>
      <div class="actions">
        <button type="submit" class="button button--primary">
          搜索
        </button>
        <a href={SEARCH_PATH}>清除条件</a>
      </div>
    </form>
  );
}

function titleOf(outcome: SearchOutcome | null, link: SearchLink): string {
  if (!outcome) return '信息检索（条件有误）';
  const base = link.q ? `“${link.q}”的检索结果` : '信息检索';
  const count = outcome.mode === 'no_terms' ? '' : `（${formatCount(outcome.total, outcome.totalIsEstimate)} 条${outcome.page > 1 ? `，第 ${outcome.page} 页` : ''}）`;
  return `${base}${count}`;
}

/** /search: the form with filters, the announced count, results with snippets, facets, pages and feed links. */
export function SearchPage(props: SearchPageProps) {
  const { ctx, outcome, link, errors } = props;
  const feedLink = { ...link };
  delete feedLink.page;
  delete feedLink.sort;
  return (
    <PortalLayout ctx={ctx} title={titleOf(outcome, link)} columnName="信息检索" columnType="检索" crumbs={[{ label: '信息检索' }]}>
      <h1>信息检索</h1>
      <ErrorSummary errors={errors} title={errors.length ? `检索条件有 ${errors.length} 处需要修改` : undefined} />
      <SearchForm link={link} errors={errors} agencies={props.agencies} nodes={props.nodes} />
      {outcome && (
        <div class="search-results-area">
          <p class="search-count" role="status" id="search-count">
            {resultSentence(outcome)}
            {outcome.totalIsEstimate && <span class="muted">（常见词的结果数为估计值）</span>}
          </p>
          {link.q && outcome.mode !== 'doc_key' && outcome.total > 0 && (
            <p class="search-sort">
              排序：
              {outcome.params.sort === 'relevance' ? <strong aria-current="true">相关度</strong> : <a href={searchHref(SEARCH_PATH, link, { sort: null })}>相关度</a>}
              {' · '}
              {outcome.params.sort === 'date' ? <strong aria-current="true">发布日期</strong> : <a href={searchHref(SEARCH_PATH, link, { sort: 'date' })}>发布日期</a>}
            </p>
          )}
          {outcome.hits.length > 0 ? (
            <ol class="search-hits" start={(outcome.page - 1) * outcome.pageSize + 1} aria-labelledby="search-count">
              {outcome.hits.map((h) => (
                <HitItem key={h.itemId} hit={h} />
              ))}
            </ol>
          ) : (
            outcome.total > 0 && <p class="empty">这一页没有结果，请返回前面的页码。</p>
          )}
          {outcome.total === 0 && outcome.mode !== 'no_terms' && (
            <div class="empty">
              <p>建议：</p>
              <ul>
                <li>检查关键词是否有错别字，或减少关键词；</li>
                <li>去掉部分筛选条件，或放宽时间范围；</li>
                <li>按发文字号查找时，写作“渝府办发〔2018〕76号”或“渝府办发2018 76”。</li>
              </ul>
            </div>
          )}
          <Pagination page={outcome.page} pageCount={outcome.pageCount} hrefFor={(n) => searchHref(SEARCH_PATH, link, { page: n > 1 ? String(n) : null })} />
          {(outcome.facets.agency.length > 0 || outcome.facets.genre.length > 0) && (
            <nav class="search-facets" aria-label="按分类缩小范围">
              <h2>缩小范围{outcome.totalIsEstimate && <span class="muted">（数量为估计值）</span>}</h2>
              <FacetGroup title="发布机关" param="agency" values={outcome.facets.agency} link={link} isEstimate={outcome.totalIsEstimate} current={link.agency} />
              <FacetGroup title="体裁" param="type" values={outcome.facets.genre} link={link} isEstimate={outcome.totalIsEstimate} current={link.type} />
              <FacetGroup title="年份" param="from" values={outcome.facets.year} link={link} isEstimate={outcome.totalIsEstimate} current={link.from !== undefined && link.from === link.to ? link.from : undefined} />
              <FacetGroup title="有效性" param="validity" values={outcome.facets.validity} link={link} isEstimate={outcome.totalIsEstimate} current={link.validity} />
            </nav>
          )}
          <p class="search-feeds">
            订阅本检索：<a href={searchHref(SEARCH_RSS_PATH, feedLink)} type="application/rss+xml">RSS</a> · <a href={searchHref(SEARCH_ATOM_PATH, feedLink)} type="application/atom+xml">Atom</a>
          </p>
        </div>
      )}
    </PortalLayout>
  );
}
