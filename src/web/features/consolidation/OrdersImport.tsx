/** Orders at a hub from a spreadsheet (all rows or none), through the shared SpreadsheetImport. */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SpreadsheetImport } from '../../components/SpreadsheetImport';

export function OrdersImport({ hubId }: { hubId: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <SpreadsheetImport
      uploadPath={`/consolidation/hubs/${hubId}/orders/import`}
      templatePath={`/consolidation/hubs/${hubId}/orders/template.xlsx`}
      templateFileName="orders.xlsx"
      testId="import-orders"
      buttonLabel={t('consolidation.import')}
      templateLabel={t('consolidation.template')}
      refusedTitle={(file) => t('consolidation.importRefused', { file })}
      refusedBody={(count) => t('consolidation.importRefusedBody', { count })}
      imported={(count) => t('consolidation.imported', { count })}
      onImported={() => qc.invalidateQueries({ queryKey: ['consolidation', hubId] })}
    />
  );
}
