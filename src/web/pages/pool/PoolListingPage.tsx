import { Button, Card, Descriptions, Empty, Image, Space, Spin, Tag } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { LISTING_STATUSES, POOL_CONDITIONS, POOL_MODES, POOL_REASONS } from '../../../shared/pool.contracts.ts';
import { specSummary } from '../../../shared/spec-attributes.rules.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { AttachmentUpload } from '../../components/AttachmentUpload.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { addListingPhoto, listingPhotoUrl, poolKeys, receiptExcelUrl, useListing, useListingPhotos } from './api.ts';
import { codeLabel } from './poolLabels.ts';

/** Listings whose photos may still be added (as the server's rule). */
const OPEN = ['listed', 'in_repair', 'disposal_proposed'];
const PHOTO_KIND = { photo: ['照片', 'Photo'] } as const;

/** One pool item: what it is, its photos (every unit sees them), and for its unit and the committee the 入仓单. */
export default function PoolListingPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { units } = useSession();
  const qc = useQueryClient();
  const listing = useListing(id);
  const photos = useListingPhotos(id);
  if (listing.isLoading) return <Spin />;
  if (listing.error || !listing.data) return <Empty description={t('公物仓资产不存在', 'No such pool item')} />;
  const l = listing.data;
  const offerScope = units('pool.offer');
  const readScope = units('pool.read');
  const ours = (scope: typeof offerScope) => scope === 'all' || scope.includes(l.unitId);
  const mayAddPhotos = OPEN.includes(l.status) && ours(offerScope);
  return (
    <>
      <PageHeader
        title={`${l.cardNo} ${l.name}`}
        back="/pool"
        breadcrumb={[{ title: t('公物仓', 'Idle pool'), path: '/pool' }]}
        tags={<Tag>{codeLabel(LISTING_STATUSES, l.status, locale)}</Tag>}
        extra={
          ours(readScope) && (
            <Space>
              <Button icon={<PrinterOutlined />} href={`/pool/listings/${l.id}/receipt`} target="_blank" data-testid="pool-receipt-print">
                {t('打印入仓单', 'Print entry receipt')}
              </Button>
              <Button icon={<FileExcelOutlined />} href={receiptExcelUrl(l.id)}>
                {t('入仓单 Excel', 'Receipt (Excel)')}
              </Button>
            </Space>
          )
        }
      />
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
            <Descriptions.Item label={t('入仓单号', 'Receipt no.')}>{l.receiptNo}</Descriptions.Item>
            <Descriptions.Item label={t('入仓单位', 'Offered by')}>{l.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('入仓日期', 'Listed on')}>{l.listedOn}</Descriptions.Item>
            <Descriptions.Item label={t('分类', 'Category')}>{l.categoryName}</Descriptions.Item>
            <Descriptions.Item label={t('品牌型号', 'Brand, spec')}>{[l.brand, l.spec].filter(Boolean).join(' ')}</Descriptions.Item>
            <Descriptions.Item label={t('规格参数', 'Spec')}>{specSummary(l.specAttributes)}</Descriptions.Item>
            <Descriptions.Item label={t('方式', 'Mode')}>{codeLabel(POOL_MODES, l.mode, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('原因', 'Reason')}>{codeLabel(POOL_REASONS, l.reason, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('成色', 'Condition')}>{codeLabel(POOL_CONDITIONS, l.condition, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('原值', 'Original value')}>
              <Money fen={l.originalValueFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('净值', 'Net value')}>
              <Money fen={l.netValueFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('存放地点', 'Location')}>{l.location}</Descriptions.Item>
            <Descriptions.Item label={t('时限至', 'Limit')}>{l.expiresOn}</Descriptions.Item>
            <Descriptions.Item label={t('备注', 'Note')}>{l.note}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card
          size="small"
          title={t(`照片（${photos.data?.items.length ?? 0}）`, `Photos (${photos.data?.items.length ?? 0})`)}
          extra={
            mayAddPhotos && (
              <AttachmentUpload
                kinds={PHOTO_KIND}
                initialKind="photo"
                imagesOnly
                upload={async (_kind, file) => {
                  await addListingPhoto(l.id, file);
                  await qc.invalidateQueries({ queryKey: poolKeys.listing(l.id) });
                }}
              />
            )
          }
        >
          {photos.data?.items.length ? (
            <Image.PreviewGroup>
              <Space wrap data-testid="pool-photos">
                {photos.data.items.map((p) => (
                  <Image
                    key={p.id}
                    src={listingPhotoUrl(l.id, p.id)}
                    alt={p.fileName}
                    width={160}
                    height={120}
                    style={{ objectFit: 'cover' }}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无照片', 'No photos')} />
          )}
        </Card>
      </Space>
    </>
  );
}
