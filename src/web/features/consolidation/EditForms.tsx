/**
 * Editing an order or a departure in a dialog (one frame, EditDialog; each its own fields), with the
 * API's field limits (contracts/consolidation):
 * the whole record is sent at the version read, so a stale copy is refused (409, shown above the
 * form), and a booked order's placing fields or a departure's locked limits are refused by field —
 * each under its own labelled field and named by its label in the summary above.
 */
import {
  Alert,
  App,
  Col,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CLASSES, CONTAINER_TYPES } from '../../../contracts/consolidation';
import { FieldGrid, useRequired } from '../../components/FieldGrid';
import { ServerErrorList } from '../../components/formErrors';
import { useServerErrors } from '../../components/useServerErrors';
import { type TDeparture, type TOrder, useUpdateDeparture, useUpdateOrder } from './api';

const ORDER_FIELDS = [
  'code',
  'shipperName',
  'goods',
  'hsChapter',
  'cargoClass',
  'dgClass',
  'pieces',
  'volumeM3',
  'weightKg',
  'destination',
  'destinationCountry',
  'readyOn',
  'splittable',
  'stackable',
  'declaredValueFen',
  'shipperEnterpriseId',
  'pieceDims',
] as const;

/** The label of each field, as the form shows it (a refusal names the field by it). */
function useOrderLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    code: t('consolidation.code'),
    shipperName: t('consolidation.shipper'),
    shipperEnterpriseId: t('consolidation.shipper'),
    goods: t('consolidation.goods'),
    hsChapter: t('consolidation.hsChapter'),
    cargoClass: t('consolidation.cargoClass'),
    dgClass: t('consolidation.dgClass'),
    pieces: t('consolidation.pieces'),
    volumeM3: t('consolidation.volume'),
    weightKg: t('consolidation.weight'),
    pieceDims: t('consolidation.pieceDims'),
    destination: t('consolidation.destination'),
    destinationCountry: t('consolidation.country'),
    readyOn: t('consolidation.readyOn'),
    splittable: t('consolidation.splittable'),
    stackable: t('consolidation.stackable'),
    declaredValueFen: t('consolidation.declaredValueYuan'),
  };
}

/** The refused fields by label, above the form ("这些项不能修改：体积、毛重"). */
function RefusedFields({ names, labels }: { names: (string | number)[][]; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const shown = [...new Set(names.map((n) => labels[String(n[0])] ?? String(n[0])))];
  if (shown.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="refused-fields"
      title={t('consolidation.refusedFields', { fields: shown.join(t('consolidation.listSep')) })}
    />
  );
}

/**
 * The edit dialogs' one frame (orders and departures): the modal with save and cancel, the refused
 * fields by label above the form, the server's errors no field shows, and the form at the record's
 * values; the dialog's own fields are its children.
 */
function EditDialog<V extends object>(p: {
  title: string;
  width: number;
  testId: string;
  form: FormInstance<V>;
  saving: boolean;
  server: ReturnType<typeof useServerErrors>;
  labels: Record<string, string>;
  initialValues: V;
  onFinish: (v: V) => void;
  onClose: () => void;
  /** shown above the refusals (a booked order's limits) */
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      width={p.width}
      title={p.title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => p.form.submit()}
      onCancel={p.onClose}
      confirmLoading={p.saving}
      destroyOnHidden
      data-testid={p.testId}
    >
      {p.notice}
      <RefusedFields names={p.server.fieldNames} labels={p.labels} />
      <ServerErrorList items={p.server.unmatched} />
      <Form<V>
        form={p.form}
        layout="vertical"
        preserve={false}
        onFinish={p.onFinish}
        onValuesChange={p.server.onValuesChange}
        initialValues={p.initialValues}
      >
        {p.children}
      </Form>
    </Modal>
  );
}

/**
 * An edit dialog's state: its form, the server's errors for `fields`, and the frame's props; submitting
 * sends toRequest(values) through the mutation, then a message and close, or the refusal to the fields.
 */
function useEditDialog<V extends object, A>(o: {
  mutation: { mutate(a: A, opts: { onSuccess(): void; onError(e: unknown): void }): void; isPending: boolean };
  fields: readonly string[];
  labels: Record<string, string>;
  toRequest: (v: V) => A;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const server = useServerErrors(o.fields);
  const onFinish = (v: V) => {
    server.clear();
    o.mutation.mutate(o.toRequest(v), {
      onSuccess: () => {
        void message.success(t('consolidation.saved'));
        o.onClose();
      },
      onError: server.setError,
    });
  };
  const frame = { form, server, saving: o.mutation.isPending, labels: o.labels, onFinish, onClose: o.onClose };
  return { form, server, frame };
}

interface OrderValues {
  code: string;
  shipperName: string;
  goods: string;
  hsChapter?: string | null;
  cargoClass: (typeof CARGO_CLASSES)[number];
  dgClass?: string | null;
  pieces: number;
  volumeM3: number;
  weightKg: number;
  destination: string;
  destinationCountry: string;
  readyOn: dayjs.Dayjs;
  splittable: boolean;
  stackable: boolean;
  declaredValueYuan?: number | null;
}

export function OrderEditModal({ hubId, order, onClose }: { hubId: number; order: TOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useOrderLabels();
  const { form, server, frame } = useEditDialog({
    mutation: useUpdateOrder(hubId),
    fields: [...ORDER_FIELDS, 'declaredValueYuan'],
    labels,
    onClose,
    toRequest: (v: OrderValues) => ({
      id: order.id,
      body: {
        version: order.version,
        code: v.code.trim(),
        shipperEnterpriseId: order.shipperEnterpriseId,
        shipperName: v.shipperName.trim(),
        goods: v.goods.trim(),
        hsChapter: v.hsChapter || null,
        cargoClass: v.cargoClass,
        dgClass: v.dgClass || null,
        pieces: v.pieces,
        volumeM3: v.volumeM3,
        weightKg: v.weightKg,
        pieceDims: order.pieceDims,
        stackable: v.stackable,
        destination: v.destination.trim().toUpperCase(),
        destinationCountry: v.destinationCountry.trim(),
        readyOn: v.readyOn.format('YYYY-MM-DD'),
        splittable: v.splittable,
        declaredValueFen:
          v.declaredValueYuan === null || v.declaredValueYuan === undefined
            ? null
            : Math.round(v.declaredValueYuan * 100),
        synthetic: order.synthetic,
      },
    }),
  });
  const cls = Form.useWatch('cargoClass', form);
  // the API's declaredValueFen is the form's yuan field
  const item = (name: string) => server.itemProps([name === 'declaredValueYuan' ? 'declaredValueFen' : name]);
  const req = useRequired();
  return (
    <EditDialog<OrderValues>
      {...frame}
      width={760}
      title={t('consolidation.editOrder', { code: order.code })}
      testId="order-form"
      notice={
        order.status === 'booked' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('consolidation.bookedEditHelp')} />
        )
      }
      initialValues={{
        code: order.code,
        shipperName: order.shipperName,
        goods: order.goods,
        hsChapter: order.hsChapter,
        cargoClass: order.cargoClass as OrderValues['cargoClass'],
        dgClass: order.dgClass,
        pieces: order.pieces,
        volumeM3: order.volumeM3,
        weightKg: order.weightKg,
        destination: order.destination,
        destinationCountry: order.destinationCountry,
        readyOn: dayjs(order.readyOn),
        splittable: order.splittable,
        stackable: order.stackable,
        declaredValueYuan: order.declaredValueFen === null ? null : order.declaredValueFen / 100,
      }}
    >
      <FieldGrid
        labels={labels}
        itemProps={item}
        fields={[
          { name: 'code', span: 6, required: true, input: <Input maxLength={40} /> },
          { name: 'shipperName', span: 9, required: true, input: <Input maxLength={200} /> },
          { name: 'goods', span: 9, required: true, input: <Input maxLength={200} /> },
          {
            name: 'cargoClass',
            span: 6,
            required: true,
            input: (
              <Select
                options={CARGO_CLASSES.map((c) => ({
                  value: c,
                  label: t(`consolidation.class_${c}` as 'consolidation.class_general'),
                }))}
              />
            ),
          },
          {
            name: 'dgClass',
            span: 6,
            rules: [
              { pattern: /^[1-9](\.\d)?$/, message: t('consolidation.dgClassFormat') },
              ...(cls === 'dangerous' ? req(labels.dgClass!) : []),
            ],
            input: <Input maxLength={3} placeholder="3" />,
          },
          {
            name: 'hsChapter',
            span: 6,
            rules: [{ pattern: /^\d{2}$/, message: t('consolidation.hsChapterFormat') }],
            input: <Input maxLength={2} placeholder="95" />,
          },
          {
            name: 'pieces',
            span: 6,
            required: true,
            input: <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} />,
          },
          {
            name: 'volumeM3',
            span: 6,
            required: true,
            input: <InputNumber min={0.001} max={10_000} style={{ width: '100%' }} data-testid="order-volume" />,
          },
          {
            name: 'weightKg',
            span: 6,
            required: true,
            input: <InputNumber min={0.1} max={1_000_000} style={{ width: '100%' }} />,
          },
          {
            name: 'readyOn',
            span: 6,
            required: true,
            input: <DatePicker style={{ width: '100%' }} allowClear={false} />,
          },
          {
            name: 'declaredValueYuan',
            label: labels.declaredValueFen,
            span: 6,
            input: <InputNumber min={0} max={90_071_992_547_409} precision={2} style={{ width: '100%' }} />,
          },
          { name: 'destination', span: 6, required: true, input: <Input maxLength={60} /> },
          {
            name: 'destinationCountry',
            span: 6,
            required: true,
            rules: [{ min: 2, message: t('form.required', { field: labels.destinationCountry }) }],
            input: <Input maxLength={60} />,
          },
          { name: 'splittable', span: 3, valuePropName: 'checked', input: <Switch /> },
          { name: 'stackable', span: 3, valuePropName: 'checked', input: <Switch /> },
        ]}
      />
    </EditDialog>
  );
}

const DEPARTURE_FIELDS = [
  'code',
  'route',
  'destinations',
  'departOn',
  'cutoffOn',
  'containers',
  'payloadCapKg',
  'usableVolumeFactor',
] as const;

interface DepartureValues {
  code: string;
  route: string;
  destinations: string[];
  departOn: dayjs.Dayjs;
  cutoffOn: dayjs.Dayjs;
  containers: { type: (typeof CONTAINER_TYPES)[number]; count: number; priceYuan: number }[];
  payloadCapKg?: number | null;
  usableVolumeFactor: number;
}

export function DepartureEditModal({
  hubId,
  departure,
  onClose,
}: {
  hubId: number;
  departure: TDeparture;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels: Record<string, string> = {
    code: t('consolidation.code'),
    route: t('consolidation.route'),
    destinations: t('consolidation.destinations'),
    departOn: t('consolidation.departOnDate'),
    cutoffOn: t('consolidation.cutoffOnDate'),
    containers: t('consolidation.containers'),
    payloadCapKg: t('consolidation.payloadCap'),
    usableVolumeFactor: t('consolidation.usableVolume'),
  };
  const req = useRequired();
  const { server, frame } = useEditDialog({
    mutation: useUpdateDeparture(hubId),
    fields: DEPARTURE_FIELDS,
    labels,
    onClose,
    toRequest: (v: DepartureValues) => ({
      id: departure.id,
      body: {
        version: departure.version,
        code: v.code.trim(),
        route: v.route.trim(),
        destinations: v.destinations.map((d) => d.trim().toUpperCase()),
        departOn: v.departOn.format('YYYY-MM-DD'),
        cutoffOn: v.cutoffOn.format('YYYY-MM-DD'),
        containers: v.containers.map((c) => ({
          type: c.type,
          count: c.count,
          priceFen: Math.round(c.priceYuan * 100),
        })),
        payloadCapKg: v.payloadCapKg ?? null,
        usableVolumeFactor: v.usableVolumeFactor,
        synthetic: departure.synthetic,
      },
    }),
  });
  return (
    <EditDialog<DepartureValues>
      {...frame}
      width={720}
      title={t('consolidation.editDeparture', { code: departure.code })}
      testId="departure-form"
      initialValues={{
        code: departure.code,
        route: departure.route,
        destinations: departure.destinations,
        departOn: dayjs(departure.departOn),
        cutoffOn: dayjs(departure.cutoffOn),
        containers: departure.containers.map((c) => ({
          type: c.type as (typeof CONTAINER_TYPES)[number],
          count: c.count,
          priceYuan: (c.priceFen ?? 0) / 100,
        })),
        payloadCapKg: departure.payloadCapKg,
        usableVolumeFactor: departure.usableVolumeFactor,
      }}
    >
      <FieldGrid
        labels={labels}
        itemProps={(name) => server.itemProps([name])}
        fields={[
          { name: 'code', span: 8, required: true, input: <Input maxLength={40} /> },
          { name: 'route', span: 8, required: true, input: <Input maxLength={80} /> },
          {
            name: 'destinations',
            span: 8,
            required: true,
            input: <Select mode="tags" maxCount={30} tokenSeparators={[',', '，', ' ']} />,
          },
          {
            name: 'cutoffOn',
            span: 6,
            required: true,
            input: <DatePicker style={{ width: '100%' }} allowClear={false} />,
          },
          {
            name: 'departOn',
            span: 6,
            required: true,
            input: <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="departure-date" />,
          },
          {
            name: 'payloadCapKg',
            span: 6,
            input: <InputNumber min={1} max={40_000} precision={0} style={{ width: '100%' }} />,
          },
          {
            name: 'usableVolumeFactor',
            span: 6,
            required: true,
            input: <InputNumber min={0.5} max={1} step={0.01} style={{ width: '100%' }} />,
          },
        ]}
      />
      <Form.Item label={labels.containers} {...server.itemProps(['containers'])}>
        <Form.List name="containers">
          {(fields) =>
            fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={6}>
                  <Form.Item name={[f.name, 'type']} rules={req(t('consolidation.containerType'))}>
                    <Select options={CONTAINER_TYPES.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[f.name, 'count']} rules={req(t('consolidation.containerCount'))}>
                    <InputNumber
                      min={0}
                      max={500}
                      precision={0}
                      addonBefore={t('consolidation.containerCount')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name={[f.name, 'priceYuan']} rules={req(t('consolidation.price'))}>
                    <InputNumber
                      min={0}
                      max={90_071_992_547_409}
                      precision={2}
                      addonBefore={t('consolidation.price')}
                      addonAfter="¥"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))
          }
        </Form.List>
      </Form.Item>
    </EditDialog>
  );
}
