import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { DownloadOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, ok, http } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

/** GET /api/jobs/:id (the server's JobView). */
export interface JobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  processed: number;
  total: number | null;
  percent: number | null;
  message: string | null;
  result: unknown;
  error: unknown;
  hasFile: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** The job this one repeats (a retry). */
  retryOf?: string | null;
}

export const jobFileUrl = (id: string) => `/api/jobs/${id}/file`;
const finished = (job?: JobView) => job?.status === 'succeeded' || job?.status === 'failed';

/** The text of a failed job's error, whatever shape the runner stored. */
export function jobErrorText(job: JobView): string | null {
  const e = job.error as { message?: string } | string | null | undefined;
  if (!e) return job.message;
  if (typeof e === 'string') return e;
  return e.message ?? job.message;
}

/**
 * A job that failed for a reason outside its input (interrupted by a restart, the database away,
 * an unexpected error) can be run again as it was; a refused input (an import's bad rows) cannot.
 */
export function jobRetryable(job: JobView): boolean {
  const id = (job.error as { error?: string } | null | undefined)?.error;
  return job.status === 'failed' && (id === 'internal' || id === 'unavailable');
}

/** Keep polling through a restart or a database outage (no answer, 502–504); stop on a refusal. */
const transient = (err: unknown) => !(err instanceof ApiError) || err.status >= 502;

export interface JobProgressProps {
  /** The job to follow; nothing is shown while null. */
  jobId: string | null | undefined;
  /** Called once when the job has succeeded or failed. */
  onDone?: (job: JobView) => void;
  /** Label of the download link (default 下载文件). */
  downloadLabel?: string;
}

/** Polls a job every 500 ms and shows its progress, message, errors and file. */
export function JobProgress({ jobId: givenId, onDone, downloadLabel }: JobProgressProps) {
  const { t } = useI18n();
  // A retry follows the new job in the same place.
  const [retried, setRetried] = useState<{ of: string; id: string } | null>(null);
  const jobId = retried && retried.of === givenId ? retried.id : givenId;
  const { data: job, error } = useQuery({
    queryKey: ['job', jobId],
    queryFn: (): Promise<JobView> => ok(http.GET('/api/jobs/{id}', { params: { path: { id: jobId! } } })),
    enabled: !!jobId,
    retry: (count, err) => transient(err) && count < 3,
    refetchInterval: (q) => (finished(q.state.data) ? false : q.state.error ? (transient(q.state.error) ? 2000 : false) : 500),
  });
  const retry = useMutation({
    mutationFn: (id: string) => ok(http.POST('/api/jobs/{id}/retry', { params: { path: { id } } })),
    onSuccess: (res) => givenId && setRetried({ of: givenId, id: res.id }),
  });

  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (job && finished(job) && reported.current !== job.id) {
      reported.current = job.id;
      onDone?.(job);
    }
  }, [job, onDone]);

  if (!jobId) return null;
  if (error && !transient(error)) return <Alert type="error" showIcon title={errorText(error)} />;
  if (!job) return <Progress percent={0} status="active" showInfo={false} />;

  const status = job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active';
  const counts = job.total ? `${job.processed} / ${job.total}` : job.processed ? String(job.processed) : '';
  return (
    <div className="job-progress">
      {job.percent === null && !finished(job) ? (
        // Total unknown yet: a full striped bar that keeps moving, without a number.
        <Progress percent={100} status="active" showInfo={false} />
      ) : (
        <Progress percent={job.percent ?? 0} status={status} />
      )}
      <Space size="middle" wrap>
        <Typography.Text type={job.status === 'failed' ? 'danger' : 'secondary'}>
          {job.status === 'queued' && t('排队中…', 'Queued…')}
          {job.status === 'running' && (job.message ?? t('处理中…', 'Working…'))}
          {job.status === 'succeeded' && (job.message ?? t('已完成', 'Done'))}
          {job.status === 'failed' && (jobErrorText(job) ?? t('任务失败', 'The job failed'))}
        </Typography.Text>
        {counts && !finished(job) && <Typography.Text type="secondary">{counts}</Typography.Text>}
        {jobRetryable(job) && (
          <Button size="small" icon={<RedoOutlined />} loading={retry.isPending} onClick={() => retry.mutate(job.id)}>
            {t('重试', 'Retry')}
          </Button>
        )}
        {retry.error && <Typography.Text type="danger">{errorText(retry.error)}</Typography.Text>}
        {job.hasFile && job.status === 'succeeded' && (
          <Button type="link" icon={<DownloadOutlined />} href={jobFileUrl(job.id)}>
            {downloadLabel ?? t('下载文件', 'Download file')}
          </Button>
        )}
      </Space>
    </div>
  );
}

export default JobProgress;
