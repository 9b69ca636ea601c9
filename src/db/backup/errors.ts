/** A backup or restore refused or failed for a reason the person running it can act on (zh / en). */
export class BackupError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}
