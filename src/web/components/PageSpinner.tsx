import { Spin } from 'antd';

/**
 * The spinner shown while a whole page (its code or the session) loads: centred in the viewport by a
 * flex box, since antd's standalone Spin is a left-aligned block that margins alone do not centre.
 */
export function PageSpinner() {
  return (
    <div
      data-testid="page-spinner"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: '60vh' }}
    >
      <Spin size="large" />
    </div>
  );
}
