/** Participants or meeting requests from a spreadsheet (all rows or none), through the shared SpreadsheetImport. */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SpreadsheetImport } from '../../components/SpreadsheetImport';
import { conferencePath, type TConference } from './api';
import { useErrorText } from './shared';

export function SheetImport({ conf, what }: { conf: TConference; what: 'participants' | 'requests' }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const qc = useQueryClient();
  return (
    <SpreadsheetImport
      uploadPath={`${conferencePath(conf.eventId)}/${what}/import`}
      templatePath={`${conferencePath(conf.eventId)}/${what}/template.xlsx`}
      templateFileName={`${what}.xlsx`}
      testId={`import-${what}`}
      buttonLabel={t('conference.import')}
      templateLabel={t('conference.template')}
      refusedTitle={(file) => t('conference.importRefused', { file })}
      refusedBody={(count) => t('conference.importRefusedBody', { count })}
      imported={(count) => t(what === 'requests' ? 'conference.importedRequests' : 'conference.imported', { count })}
      errorText={errorText}
      onImported={() => qc.invalidateQueries({ queryKey: ['conference', conf.eventId] })}
    />
  );
}
