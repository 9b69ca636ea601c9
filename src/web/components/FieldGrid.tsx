import { Col, Form, type FormItemProps, Row } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One field of a form laid out in a grid: its name, width, checks and input. */
export interface FieldSpec {
  name: string;
  /** The label when it is not labels[name] (a form field standing for another API field). */
  label?: string;
  /** Columns of 24 the field takes. */
  span: number;
  /** Refuses an empty value, naming the field by its label ("请填写：体积"). */
  required?: boolean;
  /** Further checks, after the required one. */
  rules?: Rule[];
  /** 'checked' for switches and checkboxes. */
  valuePropName?: string;
  input: ReactNode;
}

/**
 * A form's fields from their specs: one row, each field a labelled Form.Item in its column, with its
 * label from `labels` (the same words a refusal names it by) and the server's error for it (itemProps).
 */
export function FieldGrid(p: {
  fields: readonly FieldSpec[];
  labels: Record<string, string>;
  itemProps: (name: string) => Pick<FormItemProps, 'validateStatus' | 'help'>;
  gutter?: number;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={p.gutter ?? 12}>
      {p.fields.map((f) => {
        const label = f.label ?? p.labels[f.name] ?? f.name;
        const rules: Rule[] = [
          ...(f.required ? [{ required: true, message: t('form.required', { field: label }) }] : []),
          ...(f.rules ?? []),
        ];
        return (
          <Col span={f.span} key={f.name}>
            <Form.Item
              name={f.name}
              label={label}
              {...(rules.length > 0 ? { rules } : {})}
              {...(f.valuePropName ? { valuePropName: f.valuePropName } : {})}
              {...p.itemProps(f.name)}
            >
              {f.input}
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}

/** The rule that refuses an empty value, naming the field (for fields outside a FieldGrid). */
export function useRequired() {
  const { t } = useTranslation();
  return (field: string): Rule[] => [{ required: true, message: t('form.required', { field }) }];
}
