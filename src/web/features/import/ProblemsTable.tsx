/**
 * Every problem of an import report, filterable by severity and sheet, paginated; filters in the URL
 * on the import page, or kept in the component where the table sits inside another page's dialog.
 */
import { Flex, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaging, useUrlState } from '../../app/useUrlState';
import type { ImportProblem } from '../../client/types';
import { EmptyState } from '../../components/states';

type Severity = 'all' | 'error' | 'warning';

/** Filter and page state held in the component, with the same shape as the URL's. */
function useLocalState() {
  const [state, setState] = useState<Record<string, string | undefined>>({});
  const get = (k: string) => state[k];
  // Like the URL's: a new filter starts again from the first page.
  const set = (patch: Record<string, string | undefined>) =>
    setState((s) => ({ ...s, ...('page' in patch ? {} : { page: undefined }), ...patch }));
  const page = Number(state.page ?? 1);
  const pageSize = Number(state.pageSize ?? 10);
  const paging = {
    page,
    pageSize,
    onChange: (p: number, size: number) => set({ page: String(p), pageSize: String(size) }),
  };
  return { get, set, paging };
}

export function ProblemsTable({
  problems,
  sheets,
  inUrl = true,
}: {
  problems: ImportProblem[];
  sheets: string[];
  /** False where the table is not the page's own (a dialog): filters stay out of the address. */
  inUrl?: boolean;
}) {
  const url = useUrlState();
  const urlPaging = usePaging(10);
  const local = useLocalState();
  return (
    <ProblemsTableView
      problems={problems}
      sheets={sheets}
      get={inUrl ? url.get : local.get}
      set={inUrl ? url.set : local.set}
      paging={inUrl ? urlPaging : local.paging}
    />
  );
}

function ProblemsTableView({
  problems,
  sheets,
  get,
  set,
  paging,
}: {
  problems: ImportProblem[];
  sheets: string[];
  get: (k: string) => string | undefined;
  set: (patch: Record<string, string | undefined>) => void;
  paging: { page: number; pageSize: number; onChange: (page: number, size: number) => void };
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const severityParam = get('severity');
  const severity: Severity = severityParam === 'error' || severityParam === 'warning' ? severityParam : 'all';
  const sheetNames = useMemo(
    () => [...new Set([...sheets, ...problems.map((p) => p.sheet).filter(Boolean)])],
    [sheets, problems],
  );
  const sheet = get('sheet');
  const activeSheet = sheet && sheetNames.includes(sheet) ? sheet : undefined;

  const inSheet = useMemo(
    () => (activeSheet ? problems.filter((p) => p.sheet === activeSheet) : problems),
    [problems, activeSheet],
  );
  const counts = useMemo(() => {
    const errors = inSheet.filter((p) => p.severity === 'error').length;
    return { all: inSheet.length, error: errors, warning: inSheet.length - errors };
  }, [inSheet]);
  const rows = useMemo(
    () =>
      inSheet
        .map((p, i) => ({ ...p, key: i }))
        .filter((p) => severity === 'all' || p.severity === severity)
        // Reading order: sheet as in the file, then row, then column.
        .sort(
          (a, b) =>
            sheetNames.indexOf(a.sheet) - sheetNames.indexOf(b.sheet) ||
            a.row - b.row ||
            a.column.length - b.column.length ||
            a.column.localeCompare(b.column),
        ),
    [inSheet, severity, sheetNames],
  );
  const multiSheet = sheetNames.length > 1;

  const columns: ColumnsType<ImportProblem & { key: number }> = [
    {
      title: t('importer.severity'),
      dataIndex: 'severity',
      key: 'severity',
      width: 76,
      render: (v: ImportProblem['severity']) =>
        v === 'error' ? (
          <Tag color="error" variant="outlined">
            {t('importer.error')}
          </Tag>
        ) : (
          <Tag color="warning" variant="outlined">
            {t('importer.warning')}
          </Tag>
        ),
    },
    ...(multiSheet
      ? [
          {
            title: t('importer.sheet'),
            dataIndex: 'sheet',
            key: 'sheet',
            width: 110,
            ellipsis: true,
            render: (v: string) => v || t('importer.wholeFile'),
          },
        ]
      : []),
    {
      title: t('importer.row'),
      dataIndex: 'row',
      key: 'row',
      width: 64,
      align: 'right',
      render: (v: number) => (v > 0 ? v : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('importer.column'),
      dataIndex: 'column',
      key: 'column',
      width: 84,
      align: 'center',
      render: (v: string) => (v ? <code className="cell-ref">{v}</code> : '—'),
    },
    {
      title: t('importer.header'),
      dataIndex: 'header',
      key: 'header',
      width: 170,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v || '—'}
        </Tooltip>
      ),
    },
    {
      title: t('importer.value'),
      dataIndex: 'value',
      key: 'value',
      width: 200,
      ellipsis: { showTitle: false },
      render: (v: string) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            <span className="cell-value">{v}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('importer.empty')}</Typography.Text>
        ),
    },
    {
      title: t('importer.reason'),
      dataIndex: 'message',
      key: 'message',
      render: (m: ImportProblem['message'], p) => (
        <span data-testid={`problem-${p.sheet}-${p.row}-${p.column || 'x'}`}>{en ? m.en : m.zh}</span>
      ),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<Severity>
          value={severity}
          onChange={(v) => set({ severity: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: `${t('importer.severityAll')} ${counts.all}` },
            { value: 'error', label: `${t('importer.error')} ${counts.error}` },
            { value: 'warning', label: `${t('importer.warning')} ${counts.warning}` },
          ]}
          data-testid="problems-severity"
        />
        {multiSheet && (
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={activeSheet}
            placeholder={t('importer.allSheets')}
            prefix={<span style={{ color: '#6b7280' }}>{t('importer.sheet')}</span>}
            onChange={(v) => set({ sheet: v })}
            options={sheetNames.map((s) => ({ value: s, label: s || t('importer.wholeFile') }))}
            style={{ width: 220 }}
            data-testid="problems-sheet"
          />
        )}
      </Flex>
      <Table
        size="small"
        columns={columns}
        dataSource={rows}
        rowClassName={(p) => (p.severity === 'error' ? 'problem-error' : 'problem-warning')}
        locale={{
          emptyText: (
            <EmptyState description={problems.length === 0 ? t('importer.noProblems') : t('importer.noMatching')} />
          ),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: rows.length,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n) => t('common.total', { count: n }),
          onChange: paging.onChange,
          hideOnSinglePage: false,
        }}
        scroll={{ x: 860 }}
        data-testid="import-problems"
      />
    </>
  );
}
