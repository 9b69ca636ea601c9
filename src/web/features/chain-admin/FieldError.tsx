/** Server problems of a template upload or publish, shown under the field they name. */
import { Typography } from 'antd';

/** Problems by path, e.g. `nodes.3.classes` → messages. */
export type ErrorMap = ReadonlyMap<string, string[]>;

export function FieldError({ errors, path }: { errors: ErrorMap; path: string }) {
  const list = errors.get(path);
  if (!list?.length) return null;
  return (
    <div role="alert" data-testid={`error-${path}`}>
      {list.map((m) => (
        <Typography.Text key={m} type="danger" style={{ display: 'block', fontSize: 12 }}>
          {m}
        </Typography.Text>
      ))}
    </div>
  );
}
