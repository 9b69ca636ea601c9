/** A real progress bar for an import job: rows checked or written out of the sheet's rows. */
import { Progress, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtCount } from '../../app/format';
import { jobPercent, type TJob } from '../../client/jobs';

export function JobProgress({ job, fallback }: { job: TJob | null; fallback: string }) {
  const { t } = useTranslation();
  const percent = jobPercent(job);
  if (!job || percent === null)
    return (
      <Space data-testid="import-job-waiting">
        <Spin />
        {job?.state === 'queued' ? t('importer.queued') : fallback}
      </Space>
    );
  const p = job.progress ?? { done: 0, total: 0 };
  const key = p.phase === 'write' ? 'importer.writing' : 'importer.checking';
  return (
    <div data-testid="import-job-progress">
      <Progress percent={percent} status="active" style={{ maxWidth: 360 }} />
      <div>{t(key, { done: fmtCount(p.done), total: fmtCount(p.total) })}</div>
    </div>
  );
}
