import type { FormListFieldData } from 'antd';
import { Checkbox, Input, InputNumber } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { SPACE_LIMITS, type TUpstairsRule } from '../../../contracts/space';
import { usePermissions } from '../../app/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/states';
import { type DocItem, VersionedDocEditor } from '../../components/VersionedDocEditor';
import { type RulesView, useDiscardRuleDraft, usePublishRuleDraft, useRules, useSaveRuleDraft } from './api';

const BLANK: TUpstairsRule = {
  process: '',
  nameZh: '',
  nameEn: '',
  minFloorLoadKnM2: 5,
  maxFloor: null,
  maxVibrationUmS: null,
  maxEquipmentKn: 0,
  minElevatorT: 0,
  source: '',
  illustrative: true,
};

/**
 * The 工业上楼 rules editor: the draft (or, without one, the version in force) as an editable table.
 * Saving makes the draft; publishing makes the saved draft the next version, in force; a refusal
 * shows under the rule's field that the server names (zh/en). Others read the rules in force.
 */
export default function RulesPage() {
  const { t } = useTranslation();
  const q = useRules();
  return (
    <>
      <PageHeader title={t('space.rulesTitle')} subtitle={t('space.rulesSubtitle')} />
      <QueryView query={q}>
        {(d) => <RulesEditor key={`${d.version}:${d.draft?.updatedAt ?? ''}`} data={d} />}
      </QueryView>
    </>
  );
}

function RulesEditor({ data }: { data: RulesView }) {
  const { t } = useTranslation();
  const editable = usePermissions().may('space.editRules');
  const save = useSaveRuleDraft();
  const publish = usePublishRuleDraft();
  const discard = useDiscardRuleDraft();

  const columns = (item: DocItem): ColumnsType<FormListFieldData> => {
    const num = (name: (string | number)[], min: number, max: number, nullable: boolean, step = 1) =>
      item(
        name,
        <InputNumber
          min={min}
          max={max}
          step={step}
          size="small"
          style={{ width: 92 }}
          placeholder={nullable ? t('space.rulesNoLimit') : undefined}
        />,
        { required: !nullable },
      );
    const text = (name: (string | number)[], width: number, required = true) =>
      item(name, <Input size="small" style={{ width }} />, { required, whitespace: true });
    return [
      { title: t('space.rulesProcess'), render: (_, f) => text([f.name, 'process'], 150) },
      { title: t('space.rulesNameZh'), render: (_, f) => text([f.name, 'nameZh'], 170) },
      { title: t('space.rulesNameEn'), render: (_, f) => text([f.name, 'nameEn'], 170) },
      {
        title: t('space.rulesLoad'),
        render: (_, f) =>
          num([f.name, 'minFloorLoadKnM2'], SPACE_LIMITS.floorLoadKnM2.min, SPACE_LIMITS.floorLoadKnM2.max, false, 0.5),
      },
      {
        title: t('space.rulesMaxFloor'),
        render: (_, f) => num([f.name, 'maxFloor'], SPACE_LIMITS.floor.min, SPACE_LIMITS.floor.max, true),
      },
      { title: t('space.rulesVibration'), render: (_, f) => num([f.name, 'maxVibrationUmS'], 1, 10_000, true) },
      { title: t('space.rulesEquipment'), render: (_, f) => num([f.name, 'maxEquipmentKn'], 0, 10_000, false) },
      {
        title: t('space.rulesElevator'),
        render: (_, f) =>
          num([f.name, 'minElevatorT'], SPACE_LIMITS.elevatorT.min, SPACE_LIMITS.elevatorT.max, false, 0.5),
      },
      { title: t('space.rulesSource'), render: (_, f) => text([f.name, 'source'], 220, false) },
      {
        title: t('space.rulesIllustrative'),
        render: (_, f) => item([f.name, 'illustrative'], <Checkbox />, { valuePropName: 'checked' }),
      },
    ];
  };

  return (
    <VersionedDocEditor<TUpstairsRule>
      data={data}
      listName="rules"
      items={data.rules}
      draftItems={data.draft?.rules}
      testId="space-rules"
      editable={editable}
      blank={BLANK}
      scrollX={1500}
      columns={columns}
      save={save}
      publish={publish}
      discard={discard}
      labels={{
        inForce: t('space.rulesInForce', { version: data.version }),
        readOnly: t('space.rulesReadOnly'),
        add: t('space.rulesAdd'),
        publishConfirm: t('space.rulesPublishConfirm', { version: data.version + 1 }),
        versions: t('space.rulesVersions'),
        countTitle: t('space.rulesCount'),
      }}
    />
  );
}
