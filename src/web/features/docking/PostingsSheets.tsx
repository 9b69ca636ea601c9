/**
 * Postings as spreadsheets: the import through the shared SpreadsheetImport (all rows or none; a
 * refused file shows the row-level report — sheet, row, column, header, value and reason — with the
 * import disabled until another file is chosen), the template in the current language, and the
 * export of the list with the page's filters (the server redacts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../app/permissions';
import { DownloadButton } from '../../components/DownloadButton';
import { SpreadsheetImport } from '../../components/SpreadsheetImport';

export function PostingsSheets({ filters }: { filters: { mine?: string; kind?: string } }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const qc = useQueryClient();
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  return (
    <Space wrap>
      {perms.may('docking.post') && (
        <SpreadsheetImport
          uploadPath="/docking/postings/import"
          templatePath="/docking/postings/template.xlsx"
          templateFileName={lang === 'zh' ? '供需信息导入模板.xlsx' : 'postings-template.xlsx'}
          testId="import-postings"
          buttonLabel={t('docking.importPostings')}
          templateLabel={t('docking.template')}
          refusedTitle={(file) => t('docking.importRefused', { file })}
          refusedBody={(count) => t('docking.importRefusedBody', { count })}
          imported={(count, r) =>
            t('docking.imported', { count, matches: typeof r.newMatches === 'number' ? r.newMatches : 0 })
          }
          onImported={() => qc.invalidateQueries({ queryKey: ['docking'] })}
        />
      )}
      <DownloadButton
        path="/docking/postings/export.xlsx"
        params={{ ...filters, lang }}
        fileName={lang === 'zh' ? '供需信息.xlsx' : 'postings.xlsx'}
        testId="export-postings"
      >
        {t('docking.exportPostings')}
      </DownloadButton>
    </Space>
  );
}
