/**
 * The building's floors as drop targets, top floor first, each with its limits, its fill and its
 * tenants as draggable chips, plus a pool of tenants left out. Native HTML5 drag and drop, as the
 * investment board (no library is installed); the planner's table keeps a keyboard alternative.
 */
import { Flex, Progress, Tag, Typography } from 'antd';
import { type DragEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanTenant } from './api';

const MIME = 'application/x-parklink-tenant';

export interface StackFloor {
  floorNo: number;
  areaM2: number;
  floorLoadKnM2: number;
  clearHeightM: number;
  powerKva: number | null;
  truckAccess: boolean;
}

export function FloorStack({
  floors,
  tenants,
  floorOf,
  moved,
  names,
  canDrag,
  dragKey,
  hover,
  hoverBreaks,
  onDragStart,
  onHover,
  onDrop,
  onDragEnd,
}: {
  floors: StackFloor[];
  tenants: TPlanTenant[];
  floorOf: Map<string, number | null>;
  moved: Record<string, number | null>;
  names: Map<string, string>;
  canDrag: boolean;
  dragKey: string | null;
  /** The floor dragged over (null: the pool of tenants left out; undefined: none). */
  hover: number | null | undefined;
  hoverBreaks: boolean;
  onDragStart: (key: string) => void;
  onHover: (floorNo: number | null) => void;
  onDrop: (key: string | null, floorNo: number | null) => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const area = new Map(tenants.map((x) => [x.key, x.areaM2]));
  const last = useRef<number | null | undefined>(undefined);
  const target = (floorNo: number | null) => ({
    onDragOver: (e: DragEvent) => {
      if (dragKey === null) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (last.current !== floorNo) {
        last.current = floorNo;
        onHover(floorNo);
      }
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      last.current = undefined;
      onDrop(e.dataTransfer.getData(MIME) || null, floorNo);
    },
  });
  const chip = (key: string) => (
    <Tag
      key={key}
      color={key === dragKey ? 'purple' : key in moved ? 'orange' : 'blue'}
      draggable={canDrag}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData(MIME, key);
        e.dataTransfer.setData('text/plain', names.get(key) ?? key);
        e.dataTransfer.effectAllowed = 'move';
        last.current = undefined;
        onDragStart(key);
      }}
      onDragEnd={() => {
        last.current = undefined;
        onDragEnd();
      }}
      style={{ cursor: canDrag ? 'grab' : 'default', marginBottom: 2, maxWidth: 220 }}
      data-testid={`chip-${key}`}
      title={names.get(key) ?? key}
    >
      <span
        style={{
          display: 'inline-block',
          maxWidth: 200,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          verticalAlign: 'bottom',
        }}
      >
        {names.get(key) ?? key}
      </span>
    </Tag>
  );
  const hoverStyle = (floorNo: number | null) =>
    dragKey !== null && hover === floorNo
      ? {
          background: hoverBreaks ? '#fff1f0' : '#f6ffed',
          outline: `2px dashed ${hoverBreaks ? '#ff4d4f' : '#52c41a'}`,
        }
      : {};
  const out = tenants.filter((x) => (floorOf.get(x.key) ?? null) === null).map((x) => x.key);
  return (
    <div data-testid="planner-floors">
      <div
        data-testid="floor-none"
        {...target(null)}
        style={{
          padding: '6px 8px',
          minHeight: 40,
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          marginBottom: 6,
          ...hoverStyle(null),
        }}
      >
        <Typography.Text type="secondary" style={{ marginRight: 8 }}>
          {t('space.unplaced')}
        </Typography.Text>
        {out.map(chip)}
      </div>
      <div style={{ maxHeight: 440, overflowY: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}>
        {[...floors]
          .sort((a, b) => b.floorNo - a.floorNo)
          .map((f) => {
            const here = tenants.filter((x) => floorOf.get(x.key) === f.floorNo).map((x) => x.key);
            const used = here.reduce((s, k) => s + (area.get(k) ?? 0), 0);
            return (
              <div
                key={f.floorNo}
                data-testid={`floor-${f.floorNo}`}
                {...target(f.floorNo)}
                style={{
                  padding: '4px 8px',
                  borderBottom: '1px solid #f0f0f0',
                  minHeight: 34,
                  ...hoverStyle(f.floorNo),
                }}
              >
                <Flex gap={8} align="center">
                  <Typography.Text strong style={{ width: 34, flex: 'none' }}>
                    F{f.floorNo}
                  </Typography.Text>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12, width: 118, flex: 'none', whiteSpace: 'nowrap' }}
                  >
                    {f.floorLoadKnM2} kN/m² · {f.clearHeightM} m
                  </Typography.Text>
                  <Progress
                    percent={f.areaM2 > 0 ? Math.round((used / f.areaM2) * 100) : 0}
                    size="small"
                    style={{ width: 90, flex: 'none', margin: 0 }}
                    status={used > f.areaM2 ? 'exception' : 'normal'}
                    aria-label={`F${f.floorNo} ${Math.round(used)} / ${Math.round(f.areaM2)} m²`}
                  />
                  {f.truckAccess && <Tag color="gold">{t('space.truck')}</Tag>}
                  <Flex wrap gap={2} style={{ flex: 1, minWidth: 0 }}>
                    {here.map(chip)}
                  </Flex>
                </Flex>
              </div>
            );
          })}
      </div>
    </div>
  );
}
