/** The posting form: kind, product text with node suggestions (the poster confirms one), quantity, validity, visibility. */
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORY_DIMENSIONS,
  POSTING_CATEGORIES,
  QUANTITY_MAX,
  type TPostingCategory,
  UNIT_CODES,
  UNITS,
} from '../../../contracts/docking';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { suggestNodes, type TNodeSuggestion, type TPostingInput, useCreatePosting } from './api';
import { k } from './shared';

const FIELDS = [
  'kind',
  'category',
  'enterpriseId',
  'title',
  'spec',
  'nodeId',
  'quantity',
  'unit',
  'priceWan',
  'validUntil',
  'visibility',
  'contactName',
  'contactPhone',
] as const;

export function PostingForm({
  enterpriseId,
  onDone,
  onCancel = onDone,
}: {
  enterpriseId: number | null;
  /** After a posting is saved. */
  onDone: () => void;
  /** The cancel button (default: onDone). */
  onCancel?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const create = useCreatePosting();
  const errors = useServerErrors(FIELDS);
  const [suggestions, setSuggestions] = useState<TNodeSuggestion[] | null>(null);
  const category = (Form.useWatch('category', form) ?? 'product') as TPostingCategory;
  const units = UNIT_CODES.filter((u) => CATEGORY_DIMENSIONS[category].includes(UNITS[u].dim));
  const en = i18n.language === 'en-US';

  const suggest = async () => {
    const text = `${form.getFieldValue('title') ?? ''} ${form.getFieldValue('spec') ?? ''}`.trim();
    if (!text) return;
    const r = await suggestNodes(text);
    setSuggestions(r.items);
    if (r.items[0] && !form.getFieldValue('nodeId')) form.setFieldValue('nodeId', r.items[0].nodeId);
  };

  const submit = async (v: Record<string, unknown>) => {
    errors.clear();
    try {
      const r = await create.mutateAsync({
        ...(v as unknown as TPostingInput),
        validUntil: (v.validUntil as dayjs.Dayjs).format('YYYY-MM-DD'),
        nodeId: (v.nodeId as string | undefined) || null,
        quantity: (v.quantity as number | undefined) ?? null,
        unit: (v.unit as TPostingInput['unit']) ?? null,
        priceWan: (v.priceWan as number | undefined) ?? null,
      });
      message.success(t('docking.posted', { count: r.newMatches }));
      onDone();
    } catch (e) {
      errors.setError(e);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={errors.onValuesChange}
      initialValues={{
        kind: 'demand',
        category: 'product',
        visibility: 'city',
        enterpriseId: enterpriseId ?? undefined,
        validUntil: dayjs().add(90, 'day'),
      }}
      data-testid="posting-form"
    >
      <ServerErrorList items={errors.unmatched} />
      <Form.Item name="kind" label={t('docking.kind')} {...errors.itemProps(['kind'])}>
        <Radio.Group
          options={['demand', 'supply'].map((x) => ({ value: x, label: t(k(`docking.kind_${x}`)) }))}
          optionType="button"
        />
      </Form.Item>
      <Form.Item name="category" label={t('docking.category')} {...errors.itemProps(['category'])}>
        <Select
          options={POSTING_CATEGORIES.map((c) => ({ value: c, label: t(k(`docking.category_${c}`)) }))}
          onChange={() => form.setFieldValue('unit', undefined)}
        />
      </Form.Item>
      <Form.Item
        name="enterpriseId"
        label={t('docking.enterpriseId')}
        rules={[{ required: true }]}
        {...errors.itemProps(['enterpriseId'])}
      >
        <InputNumber min={1} precision={0} style={{ width: '100%' }} disabled={enterpriseId !== null} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('docking.productTitle')}
        rules={[{ required: true, max: 200 }]}
        {...errors.itemProps(['title'])}
      >
        <Input onBlur={() => void suggest()} data-testid="posting-title" />
      </Form.Item>
      <Form.Item name="spec" label={t('docking.spec')} {...errors.itemProps(['spec'])}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t('docking.node')} extra={t('docking.nodeHelp')} {...errors.itemProps(['nodeId'])}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="nodeId" noStyle>
            <Select
              allowClear
              data-testid="posting-node"
              options={(suggestions ?? []).map((s) => ({
                value: s.nodeId,
                label: `${en ? s.nameEn : s.nameZh} (${s.nodeId})`,
              }))}
              notFoundContent={suggestions ? t('docking.noSuggestion') : null}
            />
          </Form.Item>
          <Button onClick={() => void suggest()} data-testid="suggest-nodes">
            {t('docking.suggestNodes')}
          </Button>
        </Space.Compact>
        {suggestions?.[0] && (
          <div style={{ marginTop: 4 }}>
            {suggestions[0].terms.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </div>
        )}
      </Form.Item>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="quantity"
          label={t('docking.quantity')}
          style={{ flex: 1 }}
          {...errors.itemProps(['quantity'])}
        >
          <InputNumber min={0} max={QUANTITY_MAX} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="unit" label={t('docking.unit')} style={{ width: 140 }} {...errors.itemProps(['unit'])}>
          <Select allowClear options={units.map((u) => ({ value: u, label: en ? UNITS[u].en : UNITS[u].zh }))} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="priceWan" label={t('docking.price')} {...errors.itemProps(['priceWan'])}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="validUntil"
        label={t('docking.validUntil')}
        rules={[{ required: true }]}
        {...errors.itemProps(['validUntil'])}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="visibility" label={t('docking.visibility')} {...errors.itemProps(['visibility'])}>
        <Radio.Group
          options={['public', 'city', 'park'].map((v) => ({ value: v, label: t(k(`docking.visibility_${v}`)) }))}
        />
      </Form.Item>
      <Alert type="info" showIcon message={t('docking.contactHidden')} style={{ marginBottom: 12 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="contactName" label={t('docking.contactName')} style={{ flex: 1 }}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('docking.contactPhone')} style={{ flex: 1 }}>
          <Input maxLength={40} />
        </Form.Item>
      </Space.Compact>
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="posting-submit">
          {t('docking.submit')}
        </Button>
        <Button onClick={onCancel}>{t('docking.cancel')}</Button>
      </Space>
    </Form>
  );
}
