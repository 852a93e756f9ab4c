import type { FieldError } from '../../../platform/http/errors.ts';
import { Banner, Button, CheckboxField, CsrfField, DataTable, ErrorSummary, fieldErrorFor, SelectField, StatusTag, TextArea, TextField, type Column } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { agencyHref } from '../../../platform/views/navigation.ts';
import type { Agency } from '../../agencies/index.ts';
import { chineseDateTime } from '../catalog.format.ts';
import { catalogChangesHref, catalogNodeHref, CONSOLE_CATALOG_PATH, consoleCatalogHref, consoleNewNodeHref, consoleNodeActionHref } from '../catalog.paths.ts';
import { NODE_ACTION_NAMES, type NodeAction } from '../catalog.schema.ts';
import type { ChangeRow, ConsoleCatalog, NewNodeContext, NodeEditContext } from '../catalog.service.ts';
import { flattenTree, isEntryNode, isRequiredNode, MAX_CATALOG_DEPTH, type CatalogTreeNode } from '../catalog.tree.ts';

const LABEL = '主动公开目录';

function Indent({ depth }: { depth: number }) {
  if (depth <= 1) return null;
  return (
    <>
      <span aria-hidden="true">{'　'.repeat(depth - 2)}└ </span>
      <span class="visually-hidden">第 {depth} 级：</span>
    </>
  );
}

/** /console/catalog: the agencies whose catalog the actor may adjust. */
export function CatalogAgencyListPage({ ctx, agencies }: { ctx: PageContext; agencies: Agency[] }) {
  return (
    <ConsoleLayout ctx={ctx} title={LABEL} crumbs={[{ label: LABEL }]}>
      <h1>{LABEL}</h1>
      <p>选择要调整主动公开目录的机关。每次调整都须填写理由，并在公开的“目录动态调整记录”中列出。</p>
      <ul class="agency-list">
        {agencies.map((a) => (
          <li key={a.id}>
            <a href={consoleCatalogHref(a.code)}>{a.name}</a>
          </li>
        ))}
      </ul>
    </ConsoleLayout>
  );
}

function ChangesTable({ rows, caption }: { rows: ChangeRow[]; caption: string }) {
  const columns: Column<ChangeRow>[] = [
    { header: '时间', cell: (r) => chineseDateTime(r.change.at) },
    { header: '调整内容', cell: (r) => r.text },
    { header: '理由', cell: (r) => r.change.reason },
    { header: '调整人', cell: (r) => r.change.actorLabel },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.change.id} empty="暂无调整记录。" />;
}

function nodeActions(t: CatalogTreeNode) {
  const n = t.node;
  if (n.retiredAt) {
    return [['restore', NODE_ACTION_NAMES.restore]] as const;
  }
  const out: [string, string][] = [
    ['rename', NODE_ACTION_NAMES.rename],
    ['up', NODE_ACTION_NAMES.up],
    ['down', NODE_ACTION_NAMES.down],
  ];
  if (!isRequiredNode(n)) out.push(['move', NODE_ACTION_NAMES.move], ['retire', NODE_ACTION_NAMES.retire]);
  return out;
}

/** /console/catalog?agency=<code>: the whole tree (retired columns marked) with an action per column. */
export function CatalogConsolePage({ ctx, data }: { ctx: PageContext; data: ConsoleCatalog }) {
  const { agency } = data;
  const rows = flattenTree(data.tree);
  const columns: Column<CatalogTreeNode>[] = [
    {
      header: '栏目',
      cell: (t) => (
        <>
          <Indent depth={t.depth} />
          {t.node.retiredAt ? t.node.name : <a href={catalogNodeHref(agency.code, t.node.id)}>{t.node.name}</a>} {t.node.isKeyArea && <StatusTag label="重点领域" tone="pending" />}{' '}
          {t.node.retiredAt && <StatusTag label="已停用" tone="neutral" />} {isRequiredNode(t.node) && <StatusTag label="法定栏目" tone="success" />}
        </>
      ),
    },
    { header: '信息数', numeric: true, cell: (t) => t.itemCount },
    {
      header: '操作',
      cell: (t) => (
        <span>
          {nodeActions(t).map(([action, label]) => (
            <span key={action}>
              <a href={consoleNodeActionHref(t.node.id, action)}>
                {label}
                <span class="visually-hidden">“{t.node.name}”</span>
              </a>
              {'　'}
            </span>
          ))}
          {!t.node.retiredAt && !isEntryNode(t.node) && t.depth < MAX_CATALOG_DEPTH && (
            <a href={consoleNewNodeHref(agency.code, t.node.id)}>
              添加下级<span class="visually-hidden">（{t.node.name}）</span>
            </a>
          )}
        </span>
      ),
    },
  ];
  return (
    <ConsoleLayout ctx={ctx} title={`${LABEL}：${agency.name}`} crumbs={[{ label: LABEL, href: CONSOLE_CATALOG_PATH }, { label: agency.name }]}>
      <h1>{agency.name} 主动公开目录</h1>
      <p class="actions">
        <a class="button button--primary" href={consoleNewNodeHref(agency.code)}>
          添加顶级栏目
        </a>
        <a href={agencyHref(agency.code)}>查看公开页面</a>
        <a href={catalogChangesHref(agency.code)}>公开的动态调整记录</a>
      </p>
      <p class="muted">栏目只能停用，不能删除：停用的栏目不在网站目录中显示，其中已发布的信息仍可通过原链接访问。政府信息公开指南、年报和依申请公开是条例规定的栏目，不能停用或移动。</p>
      <DataTable caption={`目录栏目（共 ${rows.length} 个）`} columns={columns} rows={rows} rowKey={(t) => t.node.id} empty="该机关尚未建立目录。" />
      <ChangesTable rows={data.recent} caption="最近的调整" />
    </ConsoleLayout>
  );
}

export interface NewNodeValues {
  name?: string;
  parentId?: string;
  isKeyArea?: boolean;
  reason?: string;
}

/** /console/catalog/new?agency=<code>[&parent=<id>]. */
export function NewNodePage({ ctx, context, values, errors }: { ctx: PageContext; context: NewNodeContext; values: NewNodeValues; errors: readonly FieldError[] }) {
  const { agency } = context;
  return (
    <ConsoleLayout ctx={ctx} title="添加栏目" crumbs={[{ label: LABEL, href: CONSOLE_CATALOG_PATH }, { label: agency.name, href: consoleCatalogHref(agency.code) }, { label: '添加栏目' }]}>
      <ErrorSummary errors={errors} />
      <h1>添加栏目：{agency.name}</h1>
      <form method="post" action={consoleNewNodeHref(agency.code)} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="name" label="栏目名称" value={values.name} error={fieldErrorFor(errors, 'name')} required maxLength={60} hint="1–60 个字，同一上级栏目下不能重名" />
        <SelectField name="parentId" label="上级栏目" value={values.parentId ?? ''} error={fieldErrorFor(errors, 'parentId')} required options={[{ value: '', label: '目录顶层' }, ...context.parents.map((p) => ({ value: p.id, label: p.label }))]} />
        <CheckboxField name="isKeyArea" label="属于重点领域（年度报告中单列）" checked={values.isKeyArea ?? false} error={fieldErrorFor(errors, 'isKeyArea')} hint="放在“重点领域”下的栏目默认属于重点领域" />
        <TextArea name="reason" label="调整理由" value={values.reason} error={fieldErrorFor(errors, 'reason')} required rows={3} maxLength={500} hint="将在公开的目录动态调整记录中显示，如 按本年度重点领域清单增加" />
        <div class="actions">
          <Button>添加栏目</Button>
          <a href={consoleCatalogHref(agency.code)}>取消</a>
        </div>
      </form>
    </ConsoleLayout>
  );
}

export interface NodeActionValues {
  name?: string;
  parentId?: string;
  reason?: string;
  version?: number;
}

const ACTION_HELP: Record<NodeAction, string> = {
  rename: '更名后，栏目的链接和其中的信息不变。',
  move: '栏目连同其下级栏目和信息一起移到新的位置，排在新位置的最后。',
  up: '与前一个同级栏目交换位置。',
  down: '与后一个同级栏目交换位置。',
  retire: '停用后，栏目不在网站目录中显示，其中已发布的信息仍可通过原链接访问；栏目不会被删除，可以恢复。有下级栏目的，须先停用或移走下级栏目。',
  restore: '恢复后，栏目重新在网站目录中显示。',
};

/** /console/catalog/nodes/<id>/<action>: one adjustment, always with a reason, against the version shown. */
export function NodeActionPage({ ctx, action, context, values, errors }: { ctx: PageContext; action: NodeAction; context: NodeEditContext; values: NodeActionValues; errors: readonly FieldError[] }) {
  const { agency, node } = context;
  const title = `${NODE_ACTION_NAMES[action]}栏目：${node.name}`;
  const path = [...context.ancestors.map((a) => a.name), node.name].join(' › ');
  return (
    <ConsoleLayout ctx={ctx} title={title} crumbs={[{ label: LABEL, href: CONSOLE_CATALOG_PATH }, { label: agency.name, href: consoleCatalogHref(agency.code) }, { label: NODE_ACTION_NAMES[action] }]}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <dl class="summary-list">
        <dt>位置</dt>
        <dd>{path}</dd>
        <dt>同级排序</dt>
        <dd>{node.retiredAt ? '已停用' : `第 ${context.position} 位，共 ${context.siblingCount} 个`}</dd>
        <dt>信息数</dt>
        <dd>{context.itemCount} 条（含下级栏目）</dd>
      </dl>
      {node.retiredAt && action !== 'restore' ? (
        <Banner kind="warning" title="该栏目已停用">
          <p>停用的栏目只能恢复。</p>
        </Banner>
      ) : (
        <form method="post" action={consoleNodeActionHref(node.id, action)} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="version" value={String(values.version ?? node.version)} />
          <p>{ACTION_HELP[action]}</p>
          {action === 'retire' && context.itemCount > 0 && (
            <Banner kind="info" title={`该栏目中有 ${context.itemCount} 条信息`}>
              <p>停用不会撤回或删除这些信息。</p>
            </Banner>
          )}
          {action === 'rename' && <TextField name="name" label="新的栏目名称" value={values.name ?? node.name} error={fieldErrorFor(errors, 'name')} required maxLength={60} />}
          {action === 'move' && (
            <SelectField
              name="parentId"
              label="移到"
              value={values.parentId}
              error={fieldErrorFor(errors, 'parentId')}
              required
              placeholder="请选择新的上级栏目"
              options={context.moveTargets.map((t) => ({ value: t.id ?? 'top', label: t.label }))}
              hint="不能移到本栏目或其下级栏目之下"
            />
          )}
          <TextArea name="reason" label="调整理由" value={values.reason} error={fieldErrorFor(errors, 'reason')} required rows={3} maxLength={500} hint="将在公开的目录动态调整记录中显示" />
          <div class="actions">
            <Button kind={action === 'retire' ? 'danger' : 'primary'}>确认{NODE_ACTION_NAMES[action]}</Button>
            <a href={consoleCatalogHref(agency.code)}>取消</a>
          </div>
        </form>
      )}
      <ChangesTable rows={context.history} caption="本栏目的调整记录" />
    </ConsoleLayout>
  );
}
